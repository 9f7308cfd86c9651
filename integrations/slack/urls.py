from django.urls import path

from . import views

app_name = "slack"

urlpatterns = [
    path("profile/slack/", views.link, name="link"),
    path("profile/slack/confirm/", views.confirm, name="confirm"),
    path("profile/slack/unlink/", views.unlink, name="unlink"),
    path("integrations/slack/interactions/", views.interactions, name="interactions"),
]
