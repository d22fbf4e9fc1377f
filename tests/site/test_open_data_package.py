"""/dati/datapackage.json: a Frictionless Data Package over the real files, and the one
schema that the files, the package and the data dictionary on /dati/ all come from."""

import csv
import io
import json
import re
import subprocess
import sys

import pytest

from projects.exports import PLACES, PROJECTS, TABLES

FILES = ["datapackage.json", "progetti.csv", "organizzazioni.csv", "luoghi.csv", "luoghi.geojson"]


@pytest.fixture
def package_dir(client, seeded, tmp_path):
    """The package and its files as the site serves them, saved side by side (the
    descriptor's paths are relative, as they are on the site)."""
    for name in FILES:
        response = client.get(f"/dati/{name}")
        assert response.status_code == 200, name
        (tmp_path / name).write_bytes(response.content)
    return tmp_path


def frictionless_validate(directory):
    """`frictionless validate` on the command line, as a data user would run it."""
    result = subprocess.run(
        [sys.executable, "-m", "frictionless", "validate", "--json", "datapackage.json"],
        cwd=directory,
        capture_output=True,
        text=True,
        timeout=120,
    )
    report = json.loads(result.stdout)
    errors = [
        (task["name"], error["type"], error.get("rowNumber"), error["note"])
        for task in report["tasks"]
        for error in task["errors"]
    ]
    return result.returncode, report, errors


def csv_rows(path):
    with path.open(encoding="utf-8-sig", newline="") as file:
        return list(csv.DictReader(file))


def write_csv(path, rows):
    with path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.DictWriter(file, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def test_frictionless_validate_passes_on_the_real_files(package_dir):
    returncode, report, errors = frictionless_validate(package_dir)
    assert errors == []
    assert report["valid"] is True and returncode == 0
    checked = {task["name"]: task["stats"].get("rows") for task in report["tasks"]}
    assert set(checked) == {"progetti", "organizzazioni", "luoghi", "luoghi-geojson"}
    assert checked["progetti"] == 12 and checked["organizzazioni"] == 28


def test_frictionless_finds_a_project_whose_lead_is_not_an_organisation(package_dir):
    """Negative control: the foreign key from progetti.csv to organizzazioni.csv is checked."""
    rows = csv_rows(package_dir / "progetti.csv")
    rows[2]["capofila_slug"] = "organizzazione-che-non-esiste"
    write_csv(package_dir / "progetti.csv", rows)
    returncode, report, errors = frictionless_validate(package_dir)
    assert returncode == 1 and not report["valid"]
    assert [(name, kind, row) for name, kind, row, _note in errors] == [
        ("progetti", "foreign-key", 4)
    ]


def test_frictionless_finds_a_place_of_an_unknown_project_and_a_repeated_id(package_dir):
    rows = csv_rows(package_dir / "luoghi.csv")
    rows[0]["progetto_slug"] = "progetto-che-non-esiste"
    rows[1]["id"] = rows[2]["id"]
    write_csv(package_dir / "luoghi.csv", rows)
    _returncode, _report, errors = frictionless_validate(package_dir)
    assert {(name, kind) for name, kind, _row, _note in errors} == {
        ("luoghi", "foreign-key"),
        ("luoghi", "primary-key"),
        ("luoghi", "unique-error"),  # the id column is also declared unique
    }


def test_each_csv_has_a_table_schema_with_its_keys(client, seeded):
    package = json.loads(client.get("/dati/datapackage.json").content)
    resources = {r["name"]: r for r in package["resources"]}
    assert package["licenses"][0]["name"] == "CC-BY-4.0"
    projects = resources["progetti"]["schema"]
    assert projects["primaryKey"] == ["slug"]
    assert projects["foreignKeys"] == [
        {
            "fields": ["capofila_slug"],
            "reference": {"resource": "organizzazioni", "fields": ["slug"]},
        }
    ]
    assert resources["organizzazioni"]["schema"]["primaryKey"] == ["slug"]
    places = resources["luoghi"]["schema"]
    assert places["primaryKey"] == ["id"]
    assert places["foreignKeys"][0]["reference"] == {"resource": "progetti", "fields": ["slug"]}
    types = {f["name"]: f["type"] for f in projects["fields"]}
    assert types["data_inizio"] == "date" and types["contributo_euro"] == "number"
    assert types["aggiornato"] == "datetime"


def test_field_descriptions_are_italian_and_english_under_en(client, seeded):
    def description(path, field):
        package = json.loads(client.get(path).content)
        (resource,) = [r for r in package["resources"] if r["name"] == "progetti"]
        return {f["name"]: f["description"] for f in resource["schema"]["fields"]}[field]

    assert description("/dati/datapackage.json", "titolo") == "nome del progetto"
    assert description("/en/dati/datapackage.json", "titolo") == "project name"


# --- One schema -----------------------------------------------------------------------------


def dictionary_columns(body, table):
    section = re.search(rf'<section aria-labelledby="{table}".*?</section>', body, re.S)[0]
    return re.findall(r'<th scope="row"><code>([^<]+)</code>', section)


def test_files_package_and_dictionary_list_the_same_columns(client, seeded):
    body = client.get("/dati/").content.decode()
    package = json.loads(client.get("/dati/datapackage.json").content)
    package_fields = {
        r["name"]: [f["name"] for f in r["schema"]["fields"]]
        for r in package["resources"]
        if "schema" in r
    }
    for table in TABLES:
        header = next(
            csv.reader(io.StringIO(client.get(f"/dati/{table.path}").content.decode("utf-8-sig")))
        )
        assert header == table.field_names, table.name
        assert package_fields[table.name] == table.field_names, table.name
        assert dictionary_columns(body, table.name) == table.field_names, table.name


def test_json_and_geojson_use_the_schema_names(client, seeded):
    projects = json.loads(client.get("/dati/progetti.json").content)["progetti"]
    assert list(projects[0]) == PROJECTS.field_names
    geojson = json.loads(client.get("/dati/luoghi.geojson").content)
    for feature in geojson["features"]:
        assert list(feature["properties"]) == [
            name for name in PLACES.field_names if name not in {"latitudine", "longitudine"}
        ]


def test_dictionary_shows_type_and_keys_of_each_column(client, seeded):
    body = client.get("/dati/").content.decode()
    assert "rimanda a organizzazioni.csv, colonna slug" in body
    assert "rimanda a progetti.csv, colonna slug" in body
    assert "identificativo unico" in body and "data e ora" in body


def test_existing_columns_keep_their_place(client, seeded):
    """Files read by position keep working: the key columns were added at the end."""
    header = next(
        csv.reader(io.StringIO(client.get("/dati/progetti.csv").content.decode("utf-8-sig")))
    )
    assert header[:16] == [
        "slug", "titolo", "in_breve", "stato", "data_inizio", "data_fine", "contributo_euro",
        "temi", "circoscrizioni", "quartieri", "capofila", "partner", "collaborazioni",
        "sito_web", "url", "aggiornato",
    ]  # fmt: skip
    assert header[16:] == ["capofila_slug"]
