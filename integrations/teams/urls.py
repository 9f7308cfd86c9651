from django.urls import path

from . import views

app_name = "teams"

urlpatterns = [
    path("profile/teams/", views.link, name="link"),
    path("profile/teams/confirm/", views.confirm, name="confirm"),
    path("profile/teams/unlink/", views.unlink, name="unlink"),
    path("teams/not-relevant/<str:token>/", views.not_relevant, name="not_relevant"),
]
