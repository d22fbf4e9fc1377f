from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.views.static import serve

from . import views
from .sitemaps import SITEMAPS

handler400 = "torino_social_factory.views.bad_request"

# Machine endpoints and the admin do not change with the language.
urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", views.robots_txt, name="robots"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("admin/", admin.site.urls),
]

# Public pages: Italian at "/", English under "/en/" with the same paths.
urlpatterns += i18n_patterns(
    path("", views.home, name="home"),
    path("il-programma/", views.content_page, {"slug": "il-programma"}, name="programme"),
    path("privacy/", views.content_page, {"slug": "privacy"}, name="privacy"),
    path("cookie/", views.content_page, {"slug": "cookie"}, name="cookie"),
    path("note-legali/", views.content_page, {"slug": "note-legali"}, name="legal_notes"),
    path("accessibilita/", views.content_page, {"slug": "accessibilita"}, name="accessibility"),
    path("faq/", views.content_page, {"slug": "faq"}, name="faq"),
    path("feedback/", views.feedback, name="feedback"),
    path("", include("projects.urls")),
    path("", include("events.urls")),
    prefix_default_language=False,
)

if settings.DEBUG:
    # Uploaded images in local runs; production serves MEDIA_ROOT from the web server.
    urlpatterns += [path("media/<path:path>", serve, {"document_root": settings.MEDIA_ROOT})]
