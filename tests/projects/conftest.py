"""Fixtures for the catalogue tests (make_* factories)."""

import itertools

import pytest

_counter = itertools.count(1)


@pytest.fixture
def make_theme(db):
    from projects.models import Theme

    def make(name=None, **kwargs):
        n = next(_counter)
        name = name or f"Tema {n}"
        return Theme.objects.create(slug=kwargs.pop("slug", f"tema-{n}"), name=name, **kwargs)

    return make


@pytest.fixture
def make_district(db):
    from projects.models import District

    def make(number=1):
        return District.objects.get_or_create(
            number=number, defaults={"name": f"Circoscrizione {number}"}
        )[0]

    return make


@pytest.fixture
def make_neighbourhood(db, make_district):
    from projects.models import Neighbourhood

    def make(name=None, district=None, **kwargs):
        n = next(_counter)
        return Neighbourhood.objects.create(
            slug=kwargs.pop("slug", f"quartiere-{n}"),
            name=name or f"Quartiere {n}",
            district=district,
            **kwargs,
        )

    return make


@pytest.fixture
def make_organisation(db):
    from projects.models import Organisation

    def make(name=None, **kwargs):
        n = next(_counter)
        return Organisation.objects.create(
            slug=kwargs.pop("slug", f"organizzazione-{n}"),
            name=name or f"Organizzazione {n}",
            **kwargs,
        )

    return make


@pytest.fixture
def make_project(db, make_organisation):
    """A project; published, with a lead organisation, unless told otherwise."""
    from projects.models import Participation, Project

    def make(
        title=None,
        *,
        published=True,
        lead=True,
        themes=(),
        neighbourhoods=(),
        partners=(),
        **kwargs,
    ):
        n = next(_counter)
        kwargs.setdefault("summary", f"Sintesi del progetto {n}.")
        kwargs.setdefault("objectives", "<p>Obiettivi.</p>")
        kwargs.setdefault("results", "<p>Risultati.</p>")
        project = Project.objects.create(
            slug=kwargs.pop("slug", f"progetto-{n}"),
            title=title or f"Progetto {n}",
            is_published=published,
            **kwargs,
        )
        if themes:
            project.themes.set(themes)
        if neighbourhoods:
            project.neighbourhoods.set(neighbourhoods)
        if lead:
            organisation = lead if not isinstance(lead, bool) else make_organisation()
            Participation.objects.create(
                project=project, organisation=organisation, role=Participation.Role.LEAD
            )
        for partner in partners:
            Participation.objects.create(
                project=project, organisation=partner, role=Participation.Role.PARTNER
            )
        return project

    return make


@pytest.fixture
def make_place(db):
    from projects.models import Place

    def make(project, name="Sede", address="via Roma 1, Torino", **kwargs):
        return Place.objects.create(project=project, name=name, address=address, **kwargs)

    return make


@pytest.fixture
def make_update(db):
    import datetime

    from projects.models import ProjectUpdate

    def make(project, title="Novità", date=None, **kwargs):
        return ProjectUpdate.objects.create(
            project=project,
            title=title,
            date=date or datetime.date(2020, 1, 23),
            body=kwargs.pop("body", "<p>Testo.</p>"),
            **kwargs,
        )

    return make
