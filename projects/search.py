"""Searching the catalogue: the same rules on SQLite and PostgreSQL, and why a card matched.

A visitor's words are *folded* (lower case, accents off: «Povertà» → «poverta») and cut to
a rough Italian stem (final vowels off words of five letters or more: «anziani» →
«anzian», which also finds «anziane»). A project matches when each word is found in one
of its texts: title, summary, description, objectives, activities, results and key facts
(both languages), the names of its organisations, quartieri, circoscrizioni and themes.

The project's own texts are kept folded in ``Project.search_document`` (written by
``save()``), so a search reads one column; the names of related rows are folded by the
database with the same rule: a Python function registered on each SQLite connection,
``translate(lower(…))`` on PostgreSQL. PostgreSQL adds the Italian
text-search configuration (stems and stop words) and pg_trgm's word similarity, which
forgives a typo («Barirera» finds «Barriera»).
"""

import html
import re
import unicodedata

from django.db import connection
from django.db.backends.signals import connection_created
from django.db.models import CharField, F, Func, Q, TextField, Value
from django.db.models.functions import Concat, Lower
from django.dispatch import receiver
from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from torino_social_factory.common.i18n import text_in_language

MAX_TERMS = 8
MIN_STEM = 5  # shorter words are searched whole
TRIGRAM_THRESHOLD = 0.35  # «Barirera» is 0.38 from «Barriera di Milano»

# The texts of a project itself, each with its English twin where it has one.
OWN_FIELDS = (
    "title",
    "title_en",
    "summary",
    "summary_en",
    "description",
    "description_en",
    "objectives",
    "objectives_en",
    "activities",
    "activities_en",
    "results",
    "results_en",
    "key_facts",
    "key_facts_en",
)

_ACCENTED = "àáâãäåèéêëìíîïòóôõöùúûüçñÿ"
_PLAIN = "aaaaaaeeeeiiiiooooouuuucny"


def _fold_table():
    """Each accented Latin letter (Latin-1 and Latin Extended-A/B) to its plain letter."""
    table = {}
    for code in range(0xC0, 0x250):
        char = chr(code)
        base = unicodedata.normalize("NFKD", char)[:1].lower()
        if base.isascii() and base.isalpha() and base != char:
            table[code] = base
    return table


_FOLD = _fold_table()


_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _plain(match):
    char = match.group()
    return _FOLD.get(ord(char), char)


def fold(text):
    """Lower case without accents («Povertà» → «poverta»), one character for one in the
    Latin alphabets, so positions in the folded text are positions in the original."""
    text = text or ""
    folded = text.lower()
    if len(folded) != len(text):  # a rare letter whose lower case is longer
        folded = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    return folded if folded.isascii() else _NON_ASCII.sub(_plain, folded)


def stem(word):
    word = fold(word)
    if len(word) >= MIN_STEM:
        trimmed = word.rstrip("aeiou")
        if len(trimmed) >= MIN_STEM - 1:
            return trimmed
    return word


def terms(q):
    """The folded stems of the words of a query, at most MAX_TERMS, without repeats."""
    words = re.findall(r"\w+", fold(q or ""))
    seen = []
    for word in words:
        s = stem(word)
        if s and s not in seen:
            seen.append(s)
    return seen[:MAX_TERMS]


def document(project):
    """What ``Project.search_document`` holds: the folded own texts, tags and entities out."""
    parts = []
    for name in OWN_FIELDS:
        value = getattr(project, name, "") or ""
        if "<" in value or "&" in value:
            value = html.unescape(strip_tags(value))
        parts.append(value)
    return fold(" ".join(part for part in parts if part))


@receiver(connection_created)
def _register_fold(sender, connection, **kwargs):
    if connection.vendor == "sqlite":
        connection.connection.create_function("tsf_fold", 1, fold, deterministic=True)


class Fold(Func):
    """fold() inside the database."""

    output_field = TextField()

    def as_sqlite(self, compiler, connection, **extra):
        return self.as_sql(compiler, connection, function="tsf_fold", **extra)

    def as_postgresql(self, compiler, connection, **extra):
        inner = Lower(self.source_expressions[0], output_field=TextField())
        translated = Func(
            inner, Value(_ACCENTED), Value(_PLAIN), function="translate", output_field=TextField()
        )
        return translated.as_sql(compiler, connection)

    def as_sql(self, compiler, connection, function=None, **extra):
        if function is None:  # another database: lower case only
            return Lower(self.source_expressions[0]).as_sql(compiler, connection)
        return super().as_sql(compiler, connection, function=function, **extra)


def _related_matches(model, term):
    """Querysets of project ids whose related names contain ``term``.

    The names are folded where they are stored (a few dozen organisations, quartieri,
    circoscrizioni and themes), not once per link to a project: the links are then
    found by id.
    """
    from .models import District, Neighbourhood, Organisation, Participation, Theme

    def named(related, expression):
        return related.objects.annotate(t=Fold(expression)).filter(t__contains=term).values("pk")

    through_themes = model.themes.through.objects
    through_neighbourhoods = model.neighbourhoods.through.objects
    return [
        Participation.objects.filter(organisation__in=named(Organisation, F("name"))).values(
            "project_id"
        ),
        through_neighbourhoods.filter(neighbourhood__in=named(Neighbourhood, F("name"))).values(
            "project_id"
        ),
        through_neighbourhoods.filter(
            neighbourhood__district__in=named(District, F("name"))
        ).values("project_id"),
        through_themes.filter(
            theme__in=named(
                Theme, Concat(F("name"), Value(" "), F("name_en"), output_field=CharField())
            )
        ).values("project_id"),
    ]


def matching_ids(model, q):
    """A queryset of the ids of the projects that match ``q`` (None: no words to look for)."""
    words = terms(q)
    if not words:
        return None
    postgresql = connection.vendor == "postgresql"
    condition = Q()
    for word in words:
        per_word = _word_condition(model, word)
        # A word found nowhere may be a typo: PostgreSQL looks for close words instead.
        if postgresql and len(word) >= 4 and not model.objects.filter(per_word).exists():
            per_word = _typo_condition(model, word)
        condition &= per_word
    matching = model.objects.filter(condition)
    if postgresql:
        matching = model.objects.filter(
            Q(pk__in=matching.values("pk")) | Q(pk__in=_stem_matches(model, q))
        )
    return matching.values("pk")


def _word_condition(model, word):
    condition = Q(pk__in=model.objects.filter(search_document__contains=word).values("pk"))
    for related in _related_matches(model, word):
        condition |= Q(pk__in=related)
    return condition


def _stem_matches(model, q):
    """PostgreSQL's Italian text search: stems and stop words («laboratorio» finds
    «laboratori»)."""
    from django.contrib.postgres.search import SearchQuery, SearchVector

    folded = " ".join(re.findall(r"\w+", fold(q)))
    return (
        model.objects.annotate(search_vector=SearchVector("search_document", config="italian"))
        .filter(search_vector=SearchQuery(folded, config="italian", search_type="plain"))
        .values("pk")
    )


def _typo_condition(model, word):
    """pg_trgm: a word close to one of the words of a title or a name.

    Each name is compared where it is stored (once per organisation, quartiere or
    theme, not once per combination of a project's links), then its projects are
    found by id.
    """
    from django.contrib.postgres.search import TrigramWordSimilarity

    from .models import Neighbourhood, Organisation, Participation, Theme

    def close(queryset, name):
        return (
            queryset.annotate(similarity=TrigramWordSimilarity(Value(word), Fold(F(name))))
            .filter(similarity__gte=TRIGRAM_THRESHOLD)
            .values("pk")
        )

    through_themes = model.themes.through.objects
    through_neighbourhoods = model.neighbourhoods.through.objects
    return (
        Q(pk__in=close(model.objects, "title"))
        | Q(
            pk__in=through_neighbourhoods.filter(
                neighbourhood__in=close(Neighbourhood.objects, "name")
            ).values("project_id")
        )
        | Q(
            pk__in=Participation.objects.filter(
                organisation__in=close(Organisation.objects, "name")
            ).values("project_id")
        )
        | Q(
            pk__in=through_themes.filter(theme__in=close(Theme.objects, "name")).values(
                "project_id"
            )
        )
    )


# --- Why a card matched ----------------------------------------------------------------


def highlight(text, words, *, around=None):
    """``text`` escaped, each word that starts with one of ``words`` in <mark>.

    ``around``: a snippet of about that many characters around the first match, or ""
    when nothing matches.
    """
    text = text or ""
    folded = fold(text)
    spans = []
    for word in words:
        for match in re.finditer(r"\w*" + re.escape(word) + r"\w*", folded):
            spans.append(match.span())
    if not spans:
        return "" if around else escape(text)
    spans = _merge(sorted(spans))
    start, end = 0, len(text)
    if around:
        first = spans[0][0]
        start = max(0, first - around // 2)
        start = text.rfind(" ", 0, start) + 1 if start else 0
        end = min(len(text), start + around)
        end = text.find(" ", end) if text.find(" ", end) != -1 else len(text)
        spans = [(a, b) for a, b in spans if a >= start and b <= end]
    out, position = [], start
    for a, b in spans:
        out.append(escape(text[position:a]))
        out.append(f"<mark>{escape(text[a:b])}</mark>")
        position = b
    out.append(escape(text[position:end]))
    html = "".join(out)
    if around:
        html = ("… " if start else "") + html + (" …" if end < len(text) else "")
    return mark_safe(html)


def _merge(spans):
    merged = []
    for a, b in spans:
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    return merged


def explain(project, q, language=None):
    """Set on ``project`` what the card shows of the search: ``search_title`` and
    ``search_summary`` (highlighted, or "" when the words are not there) and
    ``search_hits``, a list of (label, highlighted snippet) from the other texts."""
    words = terms(q)
    project.search_title = ""
    project.search_summary = ""
    project.search_hits = []
    if not words:
        return
    title = text_in_language(project, "title", language)
    summary = text_in_language(project, "summary", language)
    if _contains(title, words):
        project.search_title = highlight(title, words)
    if _contains(summary, words):
        project.search_summary = highlight(summary, words)
    names = [
        (
            _("Organizzazioni"),
            [p.organisation.name for p in getattr(project, "all_participations", [])],
        ),
        (_("Quartieri"), [n.name for n in project.neighbourhoods.all()]),
        (_("Circoscrizione"), [d.name for d in project.districts]),
        (_("Temi"), [text_in_language(t, "name", language) for t in project.themes.all()]),
    ]
    for label, values in names:
        found = [highlight(value, words) for value in values if _contains(value, words)]
        if found:
            project.search_hits.append((label, mark_safe(", ".join(found))))
    if project.search_title or project.search_summary or project.search_hits:
        texts = []
    else:
        texts = ["description", "objectives", "activities", "results", "key_facts"]
    for field in texts:
        text = html.unescape(strip_tags(text_in_language(project, field, language) or ""))
        snippet = highlight(" ".join(text.split()), words, around=160)
        if snippet:
            project.search_hits.append((_("Dal testo"), snippet))
            break


def _contains(text, words):
    folded = fold(text or "")
    return any(word in folded for word in words)
