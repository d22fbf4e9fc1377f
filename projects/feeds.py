"""RSS and Atom feeds of the dated updates of published projects."""

from datetime import datetime, time
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from torino_social_factory.common.i18n import current_language, text_in_language

from .models import ProjectUpdate

FEED_SIZE = 50


def entry_id(update):
    """A permanent IRI for an update (RFC 4151 tag URI): the same for ever, whatever the
    address of the page; one per language, as each language's entry is its own text."""
    host = urlsplit(settings.SITE_URL).hostname or "localhost"
    language = current_language()
    suffix = "" if language == settings.LANGUAGE_CODE else f":{language}"
    return f"tag:{host},2018:project-update:{update.pk}{suffix}"


class ProjectUpdatesRss(Feed):
    title = _("Torino Social Factory – aggiornamenti dai progetti")
    description = _("Le novità dei progetti finanziati da Torino Social Factory.")
    # Atom wants an author for every entry: the City publishes them.
    author_name = _("Città di Torino – Torino Social Factory")

    def author_link(self):
        return settings.SITE_URL + "/"

    def link(self):
        return reverse("projects:list")

    def items(self):
        return ProjectUpdate.objects.public()[:FEED_SIZE]

    def item_title(self, item):
        # The feed's language is the request's: English entries under /en/feed/, with
        # the Italian text where staff wrote no English.
        return f"{text_in_language(item.project, 'title')}: {text_in_language(item, 'title')}"

    def item_description(self, item):
        return strip_tags(text_in_language(item, "body"))

    def item_link(self, item):
        return item.get_absolute_url()

    def item_guid(self, item):
        return entry_id(item)

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return timezone.make_aware(datetime.combine(item.date, time(12)))

    def item_updateddate(self, item):
        return item.updated_at


class ProjectUpdatesAtom(ProjectUpdatesRss):
    feed_type = Atom1Feed
    subtitle = ProjectUpdatesRss.description


_rss = ProjectUpdatesRss()
_atom = ProjectUpdatesAtom()


def rss(request):
    return _rss(request)


def atom(request):
    return _atom(request)
