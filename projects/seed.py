"""Load the catalogue's seed content (projects/seed_data.py). Idempotent.

Rows are found by slug (or number, or name); a row that exists is left as staff
edited it, so running the loader again changes nothing.
"""

from decimal import Decimal

from django.db import transaction
from django.utils.html import escape
from django.utils.text import slugify

from . import seed_data
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

    if stdout is not None:
        stdout.write(
            f"Catalogo: {len(created_projects)} progetti creati, "
            f"{len(projects) - len(created_projects)} già presenti; "
            f"{organisations_created} organizzazioni create."
        )
    return len(created_projects)
