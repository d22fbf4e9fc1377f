from django.urls import path

from . import views

app_name = "projects"

urlpatterns = [
    path("progetti/", views.placeholder, name="list"),
    path("organizzazioni/", views.placeholder, name="organisation_list"),
    path("mappa/", views.placeholder, name="map"),
    path("dati/", views.placeholder, name="open_data"),
    path("feed/aggiornamenti.rss", views.placeholder, name="feed_rss"),
]
