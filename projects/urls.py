from django.urls import path

from . import views

app_name = "projects"

urlpatterns = [
    path("progetti/", views.placeholder, name="list"),
    path("progetti/<slug:slug>/", views.placeholder, name="detail"),
    path("organizzazioni/", views.placeholder, name="organisation_list"),
    path("organizzazioni/<slug:slug>/", views.placeholder, name="organisation_detail"),
    path("mappa/", views.placeholder, name="map"),
    path("dati/", views.placeholder, name="open_data"),
    path("feed/aggiornamenti.rss", views.placeholder, name="feed_rss"),
]
