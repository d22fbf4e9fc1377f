"""What the public pages can put in the DOM: class names, tag names, ids, attributes.

One extractor serves two masters, so they cannot drift apart:
- `make css` (tools/css/purge.mjs) gives this list to PurgeCSS, which keeps the
  Bootstrap Italia rules whose selectors it can match;
- tests/site/test_stylesheet.py checks that every Bootstrap Italia class found here
  survives in the committed, trimmed stylesheet (it fails when a template gains a
  class and nobody ran `make css`).

Sources: the templates (class attributes, and the quoted strings inside template tags,
which is how includes receive classes: `with link_class="nav-link"`), Django's own form
widget templates, the scripts we ship (every quoted string: the Bootstrap Italia plugins
toggle classes such as `expanded` and build elements such as `navbar-backdrop`), the
classes our Python code gives to widgets, the tags staff may use in rich text, and a
short safelist for what none of these shows.

Run as a script it prints the list as JSON (what purge.mjs reads).
"""

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# Templates that never load the public stylesheet (e-mails; the admin has its own CSS).
SKIPPED_TEMPLATE_DIRS = ("emails", "admin")
SCRIPT_DIRS = ("static/js", "static/vendor/bootstrap-italia/plugins")
PYTHON_DIRS = ("projects", "events", "torino_social_factory")

# What the DOM gets that no source file spells out.
SAFELIST = {
    # The document itself and what browsers add.
    "tags": {"html", "body", "head", "main", "svg", "path", "circle", "g", "use"},
    # Rich text entered by staff (torino_social_factory/common/richtext.py ALLOWED_TAGS).
    "rich_text_tags": {
        "p",
        "br",
        "h2",
        "h3",
        "h4",
        "ul",
        "ol",
        "li",
        "strong",
        "em",
        "b",
        "i",
        "a",
        "blockquote",
        "code",
        "abbr",
    },  # fmt: skip
    "classes": set(),
    # The keyboard focus ring is `:focus:not([data-focus-mouse=true])`: PurgeCSS drops a
    # selector whose attribute it never saw, and that one would take the ring with it.
    "attribute_names": {"data-focus-mouse"},
    "attribute_values": {"true"},
}

TOKEN = re.compile(r"[A-Za-z0-9_-]+")
CLASS_ATTR = re.compile(r"""\bclass\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.S)
TEMPLATE_TAG = re.compile(r"{%.*?%}", re.S)
TEMPLATE_VAR = re.compile(r"{{.*?}}", re.S)
TEMPLATE_COMMENT = re.compile(r"{#.*?#}|{%\s*comment\s*%}.*?{%\s*endcomment\s*%}", re.S)
TEXT_TAG = re.compile(r"{%\s*(translate|trans|blocktranslate|blocktrans|load|static|url)\b")
QUOTED = re.compile(r""""([^"\n]*)"|'([^'\n]*)'""")
JS_STRING = re.compile(r""""((?:[^"\\\n]|\\.)*)"|'((?:[^'\\\n]|\\.)*)'|`((?:[^`\\]|\\.)*)`""")
START_TAG = re.compile(r"<([a-zA-Z][a-zA-Z0-9-]*)((?:[^>{]|{[{%#].*?[}%#]})*)>", re.S)
ATTRIBUTE = re.compile(
    r"""([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?"""
)
ID_ATTR = re.compile(r"""\bid\s*=\s*(?:"([^"]*)"|'([^']*)')""")
PY_CLASS = re.compile(r"""["']class["']\]?\s*[:=]\s*["']([^"']+)["']""")
# Input types set in Python: our widgets' attrs and Django's widget classes
# (`input_type = "email"`), which the widget templates print as {{ widget.type }}.
PY_INPUT_TYPE = re.compile(r"""(?:["']type["']\]?\s*[:=]|\binput_type\s*=)\s*["']([a-z-]+)["']""")


def _tokens(text):
    return set(TOKEN.findall(text))


def _first(groups):
    return next((g for g in groups if g), "")


def template_files(root=ROOT):
    base = root / "templates"
    for path in sorted(base.rglob("*.html")):
        if path.relative_to(base).parts[0] not in SKIPPED_TEMPLATE_DIRS:
            yield path
    import django

    widgets = Path(django.__file__).parent / "forms" / "templates" / "django" / "forms"
    yield from sorted(widgets.rglob("*.html"))


def script_files(root=ROOT):
    for folder in SCRIPT_DIRS:
        yield from sorted((root / folder).rglob("*.js"))


def python_files(root=ROOT):
    for folder in PYTHON_DIRS:
        for path in sorted((root / folder).rglob("*.py")):
            if "migrations" not in path.parts:
                yield path


def from_template(text, found):
    text = TEMPLATE_COMMENT.sub(" ", text)
    for match in CLASS_ATTR.finditer(text):
        value = TEMPLATE_VAR.sub(" ", _first(match.groups()))
        # `{% if x %} active{% endif %}`: the words outside the tags are classes.
        found["classes"] |= _tokens(TEMPLATE_TAG.sub(" ", value))
    for tag in TEMPLATE_TAG.findall(text):
        if TEXT_TAG.match(tag):
            continue  # words shown to people, not classes
        for quoted in QUOTED.finditer(tag):
            found["classes"] |= _tokens(_first(quoted.groups()))
    bare = TEMPLATE_VAR.sub(" ", TEMPLATE_TAG.sub(" ", text))
    for match in START_TAG.finditer(bare):
        found["tags"].add(match.group(1).lower())
        for attribute in ATTRIBUTE.finditer(match.group(2)):
            name, value = attribute.group(1), _first(attribute.groups()[1:])
            if name == "class":
                continue
            found["attribute_names"].add(name)
            if value:
                found["attribute_values"] |= _tokens(value)
    for match in ID_ATTR.finditer(bare):
        found["ids"] |= _tokens(_first(match.groups()))


def from_script(text, found):
    # Every string literal: selectors ('.navbar-collapsable'), class names ('show'),
    # tag names (createElement('div')), attribute names ('aria-expanded').
    for match in JS_STRING.finditer(text):
        found["undetermined"] |= _tokens(_first(match.groups()))


def from_python(text, found):
    for match in PY_CLASS.finditer(text):
        found["classes"] |= _tokens(match.group(1))
    for match in PY_INPUT_TYPE.finditer(text):
        found["attribute_values"].add(match.group(1))


def used(root=ROOT):
    """Everything the public pages may contain, as sorted lists (PurgeCSS's shape)."""
    found = {
        name: set()
        for name in (
            "tags",
            "classes",
            "ids",
            "attribute_names",
            "attribute_values",
            "undetermined",
        )
    }
    for path in template_files(root):
        from_template(path.read_text(encoding="utf-8"), found)
    for path in script_files(root):
        from_script(path.read_text(encoding="utf-8"), found)
    for path in python_files(root):
        from_python(path.read_text(encoding="utf-8"), found)
    import django.forms

    from_python(Path(django.forms.__file__).with_name("widgets.py").read_text(), found)
    found["tags"] |= SAFELIST["tags"] | SAFELIST["rich_text_tags"]
    for name in ("classes", "attribute_names", "attribute_values"):
        found[name] |= SAFELIST[name]
    return {name: sorted(values) for name, values in found.items()}


SELECTOR_CLASS = re.compile(r"\.(-?[_a-zA-Z][_a-zA-Z0-9-]*(?:\\.[_a-zA-Z0-9-]*)*)")


def stylesheet_classes(css):
    """The class names that appear in the selectors of a stylesheet."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    css = re.sub(r"url\([^)]*\)", "", css)
    classes = set()
    for selectors in re.findall(r"([^{}]+){", css):
        if selectors.lstrip().startswith("@"):
            continue
        for name in SELECTOR_CLASS.findall(selectors):
            if not re.fullmatch(r"\d.*", name):
                classes.add(name.replace("\\", ""))
    return classes


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    json.dump(used(), sys.stdout, indent=0)
