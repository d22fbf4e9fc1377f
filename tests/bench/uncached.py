"""Pages rendered from scratch (page cache off), one client, 500 projects."""

from common import LOAD, LOAD_NAME, SECONDS, first_match, links, shell, wrk

PROJECTS = 500
TARGET_P50, TARGET_P99 = 10, 20
MEASURED = ("home", "project", "organisation", "event")

# The seed's projects copied round-robin, with their places, partners, themes and
# neighbourhoods, until there are 500: organisations then have about 40 projects each,
# as a much larger programme would give them.
MAKE_PROJECTS = """
from django.db import transaction
from projects.models import Project
total = int({total})
sources = list(Project.objects.order_by("pk"))
m2m = [f for f in Project._meta.many_to_many]
related = [r for r in Project._meta.related_objects
           if r.one_to_many and not r.related_model._meta.auto_created]
with transaction.atomic():
    for i in range(total - len(sources)):
        source = Project.objects.get(pk=sources[i % len(sources)].pk)
        rows = {{r: list(r.related_model.objects.filter(**{{r.field.name: source}}))
                for r in related}}
        values = {{f.name: list(getattr(source, f.name).all()) for f in m2m}}
        source.pk = source.id = None
        source._state.adding = True
        source.slug = f"{{source.slug[:40]}}-bench-{{i}}"
        source.title = f"{{source.title[:150]}} (copia {{i}})"
        source.save()
        for name, objs in values.items():
            getattr(source, name).set(objs)
        for relation, objs in rows.items():
            for obj in objs:
                obj.pk = obj.id = None
                obj._state.adding = True
                setattr(obj, relation.field.name, source)
                obj.save()
print(RESULT, Project.objects.published().count())
"""


def one_client(url):
    if LOAD is wrk:
        return wrk(url, seconds=SECONDS, connections=1)
    return LOAD(url, seconds=SECONDS, connections=1)


def run(bench):
    report = bench.report
    report.section(f"Uncached pages, one client, {PROJECTS} projects")
    published = {}

    def setup(env):
        published["n"] = shell(env, MAKE_PROJECTS.format(total=PROJECTS))

    with bench.site("uncached", PAGE_CACHE_ENABLED="0", setup=setup) as (base, _env):
        urls = {name: bench.urls[name] for name in MEASURED}
        # The project and organisation of this database, found as a visitor would.
        _s, catalogue = links(base, "/progetti/")
        urls["project"] = first_match(catalogue.hrefs, r"/progetti/[\w-]+/") or urls["project"]
        _s, project = links(base, urls["project"])
        urls["organisation"] = (
            first_match(project.hrefs, r"/organizzazioni/[\w-]+/") or urls["organisation"]
        )
        rows = []
        for name, path in urls.items():
            one_client(base + path)  # warm the worker (imports, template loading)
            r = one_client(base + path)
            p50 = report.figure(f"{name} p50", f"{r['p50']:.1f} ms", f"≤ {TARGET_P50} ms",
                                r["p50"] <= TARGET_P50)  # fmt: skip
            p99 = report.figure(f"{name} p99", f"{r['p99']:.1f} ms", f"≤ {TARGET_P99} ms",
                                r["p99"] <= TARGET_P99)  # fmt: skip
            rows.append((name, f"`{path}`", f"{r['rps']:.0f}", p50, p99, r["errors"]))
    report.say(
        f"{published.get('n')} published projects in a scratch SQLite database, page cache "
        f"off (PAGE_CACHE_ENABLED=0), one connection, {SECONDS} s per page, {LOAD_NAME}."
    )
    report.say("")
    report.table(("page", "path", "requests/s", "p50", "p99", "errors"), rows)
