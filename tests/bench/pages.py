"""The page types every part measures, found the way a visitor finds them."""

from common import fetch, first_match, links


def discover(base):
    """{page type: path} for every public page type, and the site's stylesheet."""
    _status, home = links(base, "/")
    css = next((h for h in home.stylesheets if "/css/site" in h and h.endswith(".css")), None)
    status, catalogue = links(base, "/progetti/")
    assert status == 200, f"/progetti/ answers {status}"
    project = first_match(catalogue.hrefs, r"/progetti/[\w-]+/")
    assert project, "/progetti/ links no project page"
    status, directory = links(base, "/organizzazioni/")
    assert status == 200, f"/organizzazioni/ answers {status}"
    organisation = first_match(directory.hrefs, r"/organizzazioni/[\w-]+/")
    assert organisation, "/organizzazioni/ links no organisation page"
    status, events = links(base, "/eventi/")
    assert status == 200, f"/eventi/ answers {status}"
    event = first_match(events.hrefs, r"/eventi/[\w-]+/")
    assert event, "/eventi/ links no event page"
    _status, event_page = links(base, event)
    registration = first_match(event_page.hrefs, r"/eventi/[\w-]+/iscrizione/")
    assert registration, f"{event} links no registration form (is registration open?)"
    urls = {
        "home": "/",
        "list": "/progetti/",
        "project": project,
        "organisation": organisation,
        "map": "/mappa/",
        "event": event,
        "registration form": registration,
        "programme": "/il-programma/",
        "open data": "/dati/",
        "content page": "/privacy/",
    }
    for name, path in urls.items():
        status = fetch(base + path)[0]
        assert status == 200, f"{name} {path} answers {status}"
    return urls, css
