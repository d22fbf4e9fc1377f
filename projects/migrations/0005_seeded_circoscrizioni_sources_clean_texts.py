"""Bring a site seeded before these facts were known up to the seed of today.

- Each seeded neighbourhood gets its circoscrizione (the city's map of the 8
  circoscrizioni, Regolamento del decentramento n. 374); one staff already placed keeps
  its choice; Porta Palazzo stays undecided (on the border of the 1st and the 7th).
- The seeded texts lose their press citations and the summary repeated at the start of
  «Obiettivi», only where they are still exactly as seeded.
- Each seeded project without sources gets the ones listed in the seed.
"""

from django.db import migrations
from django.utils.html import escape

# slug -> circoscrizione, frozen here: later edits of the seed do not change this step.
CIRCOSCRIZIONI = {
    "aurora": 7,
    "barriera-di-milano": 6,
    "borgo-dora": 7,
    "borgo-vittoria": 5,
    "lingotto": 8,
    "mirafiori": 2,
    "mirafiori-sud": 2,
    "quadrilatero-romano": 1,
    "san-salvario": 8,
    "santa-rita": 2,
    "vallette": 5,
}

# (field, text as seeded, clean text)
CITATIONS = [
    (
        "results",
        "finanziato con il Fondo sociale europeo tramite PON Metro (Repubblica)",
        "finanziato con il Fondo sociale europeo tramite il PON Metro",
    ),
    (
        "results",
        "in tre anni (Repubblica, maggio 2021)",
        "in tre anni (dato del maggio 2021)",
    ),
    (
        "funding_note",
        "circa 100 mila euro per due anni (TorinOggi, aprile 2019)",
        "circa 100 mila euro per due anni",
    ),
]


def forwards(apps, schema_editor):
    from projects.seed_data import SOURCES

    District = apps.get_model("projects", "District")
    Neighbourhood = apps.get_model("projects", "Neighbourhood")
    Project = apps.get_model("projects", "Project")
    ProjectSource = apps.get_model("projects", "ProjectSource")

    seeded = Neighbourhood.objects.filter(slug__in=CIRCOSCRIZIONI, district__isnull=True)
    for neighbourhood in seeded:
        number = CIRCOSCRIZIONI[neighbourhood.slug]
        neighbourhood.district, _ = District.objects.get_or_create(
            number=number, defaults={"name": f"Circoscrizione {number}"}
        )
        neighbourhood.save(update_fields=["district"])

    for project in Project.objects.filter(slug__in=SOURCES):
        changed = set()
        repeated = f"<p>{escape(project.summary.strip())} "
        if project.summary.strip() and project.objectives.startswith(repeated):
            project.objectives = "<p>" + project.objectives[len(repeated) :]
            changed.add("objectives")
        for field, seeded_text, clean in CITATIONS:
            value = getattr(project, field)
            for old in (seeded_text, escape(seeded_text)):
                if old in value:
                    value = value.replace(old, escape(clean) if field != "funding_note" else clean)
                    changed.add(field)
            setattr(project, field, value)
        if changed:
            project.save(update_fields=sorted(changed))
        if not ProjectSource.objects.filter(project=project).exists():
            ProjectSource.objects.bulk_create(
                ProjectSource(project=project, publisher=publisher, date=date, url=url, order=i)
                for i, (publisher, date, url) in enumerate(SOURCES[project.slug])
            )


class Migration(migrations.Migration):
    dependencies = [("projects", "0004_project_sources")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
