"""Load the catalogue's seed content (projects/seed_data.py). Idempotent.

Rows are found by slug (or number, or name); a row that exists is left as staff
edited it, so running the loader again changes nothing. The English twins
(projects/seed_data_en.py) go only into English fields that are still empty and whose
Italian text is there: a translation staff wrote is never replaced.
"""

from decimal import Decimal

from django.db import transaction
from django.utils.html import escape
from django.utils.text import slugify

from . import seed_data, seed_data_en
from .models import (
    District,
    Neighbourhood,
    Organisation,
    Participation,
    Place,
    Project,
    ProjectSource,
    Theme,
)


def objectives_text(row):
    """The description without its first sentences when they are the summary: the page
    shows the summary already, right under the title."""
    description, summary = row["description"].strip(), row["summary"].strip()
    if summary and description.startswith(summary):
        return description[len(summary) :].strip() or description
    return description


def _paragraph(text):
    return f"<p>{escape(text)}</p>" if text else ""


def _list(items):
    return "<ul>" + "".join(f"<li>{escape(item)}</li>" for item in items) + "</ul>" if items else ""


@transaction.atomic
def load(*, demo=False, stdout=None):
    """Create what is missing; return the number of projects created."""
    themes = {}
    for slug, name, name_en in seed_data.THEMES:
        themes[slug], _created = Theme.objects.get_or_create(
            slug=slug, defaults={"name": name, "name_en": name_en}
        )
    districts = {}
    for number, name in seed_data.DISTRICTS:
        districts[number], _created = District.objects.get_or_create(
            number=number, defaults={"name": name}
        )
    neighbourhoods = {}
    for slug, name, district in seed_data.NEIGHBOURHOODS:
        neighbourhood, _created = Neighbourhood.objects.get_or_create(
            slug=slug, defaults={"name": name, "district": districts.get(district)}
        )
        # A neighbourhood loaded before its circoscrizione was known gets it now; one that
        # staff already placed keeps their choice.
        if neighbourhood.district_id is None and district is not None:
            neighbourhood.district = districts[district]
            neighbourhood.save(update_fields=["district"])
        neighbourhoods[slug] = neighbourhood

    created_projects = {}
    projects = {}
    for row in seed_data.PROJECTS:
        amount = row["funding_amount"]
        project, created = Project.objects.get_or_create(
            slug=row["slug"],
            defaults={
                "title": row["title"],
                "summary": row["summary"],
                # A published project must state its aims and results (Reg. 1303/2013
                # Annex XII; the admin enforces it): the documented description says
                # what each project sets out to do, and its documented key facts are
                # what it had achieved when the sources were written.
                "objectives": _paragraph(objectives_text(row)),
                "results": _list(row["key_facts"]),
                "status": row["status"],
                "key_facts": "",  # shown as the results below, not twice
                "website": row["website"],
                "funding_amount": Decimal(amount) if amount is not None else None,
                "funding_note": row["funding_note"],
                "is_published": True,
            },
        )
        projects[row["slug"]] = project
        if created:
            created_projects[row["slug"]] = project
            project.themes.set([themes[slug] for slug in row["themes"]])
            project.neighbourhoods.set([neighbourhoods[slug] for slug in row["neighbourhoods"]])
            Place.objects.bulk_create(
                Place(
                    project=project,
                    name=place["name"],
                    address=place["address"],
                    neighbourhood=neighbourhoods.get(place["neighbourhood"]),
                )
                for place in row["places"]
            )
            ProjectSource.objects.bulk_create(
                ProjectSource(project=project, publisher=publisher, date=date, url=url, order=i)
                for i, (publisher, date, url) in enumerate(seed_data.SOURCES.get(row["slug"], []))
            )

    organisations_created = 0
    for row in seed_data.ORGANISATIONS:
        organisation, created = Organisation.objects.get_or_create(
            slug=slugify(row["name"])[:120],
            defaults={
                "name": row["name"],
                "legal_form": row["legal_form"],
                "website": row["website"],
            },
        )
        organisations_created += created
        for project_slug, role in row["projects"]:
            if project_slug in created_projects:
                Participation.objects.get_or_create(
                    project=created_projects[project_slug],
                    organisation=organisation,
                    defaults={"role": role},
                )

    translated = fill_english()
    if stdout is not None:
        stdout.write(
            f"Catalogo: {len(created_projects)} progetti creati, "
            f"{len(projects) - len(created_projects)} già presenti; "
            f"{organisations_created} organizzazioni create; "
            f"{translated} righe completate in inglese."
        )
    return len(created_projects)


def english_project_fields(slug):
    """{"summary_en": …, …} of one seeded project, in the shape the Italian is stored."""
    row = seed_data_en.PROJECTS.get(slug)
    if row is None:
        return {}
    return {
        "title_en": row["title"],
        "summary_en": row["summary"],
        "objectives_en": _paragraph(row["objectives"]),
        "results_en": _list(row["results"]),
        "funding_note_en": row.get("funding_note", ""),
    }


def _fill(obj, values):
    """Set each ``field_en`` that is empty while its Italian twin is not; save those."""
    changed = [
        field
        for field, value in values.items()
        if value
        and (getattr(obj, field.removesuffix("_en")) or "").strip()
        and not (getattr(obj, field) or "").strip()
    ]
    for field in changed:
        setattr(obj, field, values[field])
    if changed:
        extra = ["updated_at"] if any(f.name == "updated_at" for f in obj._meta.fields) else []
        obj.save(update_fields=[*changed, *extra])
    return bool(changed)


def fill_english(apps=None):
    """Give seeded rows their English twin where it is missing; return rows changed.

    ``apps`` is the model registry: the running one by default, the historical one when
    a data migration calls this for a site seeded before the twins existed.
    """
    if apps is None:
        from django.apps import apps

    def model(name):
        return apps.get_model("projects", name)

    changed = 0
    theme_names = {slug: name_en for slug, _name, name_en in seed_data.THEMES}
    for theme in model("Theme").objects.filter(slug__in=theme_names):
        changed += _fill(theme, {"name_en": theme_names[theme.slug]})
    for district in model("District").objects.filter(number__in=seed_data_en.DISTRICTS):
        changed += _fill(district, {"name_en": seed_data_en.DISTRICTS[district.number]})
    for organisation in model("Organisation").objects.filter(
        legal_form__in=seed_data_en.LEGAL_FORMS
    ):
        changed += _fill(
            organisation, {"legal_form_en": seed_data_en.LEGAL_FORMS[organisation.legal_form]}
        )
    for project in model("Project").objects.filter(slug__in=seed_data_en.PROJECTS):
        changed += _fill(project, english_project_fields(project.slug))
    for place in model("Place").objects.filter(
        project__slug__in=seed_data_en.PROJECTS, name__in=seed_data_en.PLACE_NAMES
    ):
        changed += _fill(place, {"name_en": seed_data_en.PLACE_NAMES[place.name]})
    return changed
