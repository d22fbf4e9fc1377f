from django.urls import path

from . import views

app_name = "events"

urlpatterns = [
    path("eventi/", views.event_list, name="list"),
    path("eventi/<slug:slug>/", views.event_detail, name="detail"),
    path("eventi/<slug:slug>/evento.ics", views.event_ics, name="ics"),
    path("eventi/<slug:slug>/anteprima.png", views.event_share_image, name="share_image"),
    path("eventi/<slug:slug>/iscrizione/", views.register, name="register"),
    path(
        "eventi/<slug:slug>/iscrizione/esito/<str:result>/",
        views.registration_result,
        name="registration_result",
    ),
    path(
        "eventi/<slug:slug>/iscrizione/inviata/", views.registration_sent, name="registration_sent"
    ),
    path("iscrizione/link-perso/", views.lost_link, name="lost_link"),
    path("iscrizione/<str:token>/", views.registration_page, name="registration"),
    path("iscrizione/<str:token>/annulla/", views.cancel_registration, name="cancel"),
    path("iscrizione/<str:token>/nuovo-link/", views.revoke_link, name="revoke"),
]
