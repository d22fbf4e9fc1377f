from django.urls import path

from . import views

app_name = "events"

urlpatterns = [
    path("eventi/", views.placeholder, name="list"),
]
