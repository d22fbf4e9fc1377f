"""The seed: the 12 documented projects, honest and idempotent."""

from io import StringIO

import pytest

from projects import seed
from projects.models import (
    District,
    Neighbourhood,
    Organisation,
    Participation,
    Place,
    Project,
    Theme,
)

pytestmark = pytest.mark.django_db


def counts():
    return [
        m.objects.count()
        for m in (Theme, District, Neighbourhood, Organisation, Project, Participation, Place)
    ]


def test_seed_loads_the_twelve_documented_projects_once():
    assert seed.load(stdout=StringIO()) == 12
    first = counts()
    assert seed.load() == 0
    assert counts() == first
    assert Project.objects.published().count() == 12
    assert Theme.objects.count() == 5
    assert list(District.objects.values_list("number", flat=True)) == list(range(1, 9))
    assert Organisation.objects.count() == 28


def test_every_seeded_project_has_exactly_one_lead():
    seed.load()
    for project in Project.objects.all():
        assert project.participations.filter(role="lead").count() == 1, project


def test_seed_invents_no_coordinates_and_follows_the_city_map_of_circoscrizioni():
    import json
    from pathlib import Path

    seed.load()
    assert not Place.objects.filter(latitude__isnull=False).exists()
    assert not Place.objects.filter(longitude__isnull=False).exists()
    placed = dict(Neighbourhood.objects.values_list("slug", "district__number"))
    reference = Path("/work/shared/data/torino_circoscrizioni.json")
    if reference.exists():  # the research file, outside the repository
        expected = {
            row["slug"]: row["circoscrizione"]
            for row in json.loads(reference.read_text())["seed_neighbourhoods"]
        }
        assert placed == expected
    assert placed["barriera-di-milano"] == 6
    assert placed["porta-palazzo"] is None  # on the border of the 1st and the 7th


def test_seed_places_an_already_loaded_neighbourhood_but_keeps_a_staff_choice():
    seed.load()
    Neighbourhood.objects.filter(slug="aurora").update(district=None)
    Neighbourhood.objects.filter(slug="vallette").update(district=District.objects.get(number=4))
    seed.load()
    assert Neighbourhood.objects.get(slug="aurora").district.number == 7
    assert Neighbourhood.objects.get(slug="vallette").district.number == 4


def test_seed_roles_follow_the_sources():
    seed.load()
    roles = {
        (p.project.slug, p.organisation.name): p.role
        for p in Participation.objects.select_related("project", "organisation")
    }
    assert roles[("abito", "Squadra Giovani della Croce Verde Torino")] == "collaborator"
    assert roles[("fattore-comunita", "Cooperativa Sociale Solidarietà")] == "partner"
    assert roles[("carota", "Patchanka s.c.s. onlus")] == "lead"


def test_seed_keeps_unknown_funding_empty():
    seed.load()
    known = Project.objects.exclude(funding_amount=None)
    assert list(known.values_list("slug", flat=True)) == ["carota"]
    assert all(len(p.summary) <= 300 for p in Project.objects.all())


def test_seed_does_not_overwrite_staff_edits():
    seed.load()
    Project.objects.filter(slug="abito").update(title="Titolo corretto dalla redazione")
    seed.load()
    assert Project.objects.get(slug="abito").title == "Titolo corretto dalla redazione"


def test_every_seeded_project_meets_the_publication_rule(seeded):
    from projects.models import Participation, Project

    for project in Project.objects.published():
        assert project.summary and project.objectives and project.results, project.slug
        leads = Participation.objects.filter(project=project, role="lead").count()
        assert leads == 1, project.slug
