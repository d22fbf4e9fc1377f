from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from . import open_data, views
from .sitemaps import SITEMAPS

handler400 = "torino_social_factory.views.bad_request"
handler403 = "torino_social_factory.admin_denied.permission_denied"

# Machine endpoints and the admin do not change with the language.
urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", views.robots_txt, name="robots"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    # The DCAT-AP_IT catalogue holds both languages: one address for harvesters.
    path("dati/catalogo.rdf", open_data.catalogue_rdf, name="open_data_catalogue_rdf"),
    path("dati/catalogo.ttl", open_data.catalogue_ttl, name="open_data_catalogue_ttl"),
    path("admin/", admin.site.urls),
]

# Public pages: Italian at "/", English under "/en/" with the same paths.
urlpatterns += i18n_patterns(
    path("", views.home, name="home"),
    path("anteprima.png", views.home_share_image, name="share_image"),
    path("il-programma/", views.content_page, {"slug": "il-programma"}, name="programme"),
    path("privacy/", views.content_page, {"slug": "privacy"}, name="privacy"),
    path("cookie/", views.content_page, {"slug": "cookie"}, name="cookie"),
    path("note-legali/", views.content_page, {"slug": "note-legali"}, name="legal_notes"),
    path("accessibilita/", views.content_page, {"slug": "accessibilita"}, name="accessibility"),
    path("faq/", views.content_page, {"slug": "faq"}, name="faq"),
    path("feedback/", views.feedback, name="feedback"),
    path("mappa-del-sito/", views.site_map, name="site_map"),
    path("dati/", open_data.open_data, name="open_data"),
    path("dati/datapackage.json", open_data.datapackage, name="open_data_datapackage"),
    path("", include("projects.urls")),
    path("", include("events.urls")),
    prefix_default_language=False,
)
