"""The README and .env.example stay true: every environment variable the settings
read is documented in both."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def settings_variables():
    source = (ROOT / "torino_social_factory" / "settings.py").read_text()
    return set(re.findall(r'env(?:\.\w+)?\(\s*"([A-Z][A-Z0-9_]+)"', source))


def test_settings_read_environment_variables():
    assert {"DJANGO_DEBUG", "DATABASE_URL", "REDIS_URL", "EMAIL_URL"} <= settings_variables()


def test_every_environment_variable_is_in_the_readme():
    readme = (ROOT / "README.md").read_text()
    assert sorted(v for v in settings_variables() if f"`{v}`" not in readme) == []


def test_every_environment_variable_is_in_env_example():
    example = (ROOT / ".env.example").read_text()
    assert sorted(v for v in settings_variables() if not re.search(rf"^{v}=", example, re.M)) == []


def test_readme_opens_with_the_two_commands():
    readme = (ROOT / "README.md").read_text()
    first_block = readme.split("```")[1]
    assert "make run" in first_block and "make test" in first_block
