from django.urls import path

from . import exports, feeds, views

app_name = "projects"

urlpatterns = [
    path("progetti/", views.project_list, name="list"),
    path("progetti/<slug:slug>/", views.project_detail, name="detail"),
    path("progetti/<slug:slug>/anteprima.png", views.project_share_image, name="share_image"),
    path("organizzazioni/", views.organisation_list, name="organisation_list"),
    path("organizzazioni/<slug:slug>/", views.organisation_detail, name="organisation_detail"),
    path("mappa/", views.project_map, name="map"),
    path("dati/progetti.csv", exports.projects_csv, name="projects_csv"),
    path("dati/progetti.json", exports.projects_json, name="projects_json"),
    path("dati/organizzazioni.csv", exports.organisations_csv, name="organisations_csv"),
    path("dati/organizzazioni.json", exports.organisations_json, name="organisations_json"),
    path("dati/luoghi.csv", exports.places_csv, name="places_csv"),
    path("dati/luoghi.geojson", exports.places_geojson, name="places_geojson"),
    path("feed/aggiornamenti.rss", feeds.rss, name="feed_rss"),
    path("feed/aggiornamenti.atom", feeds.atom, name="feed_atom"),
]
