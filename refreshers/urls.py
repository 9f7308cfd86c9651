from django.urls import path

from . import views

app_name = "refreshers"

urlpatterns = [
    path("refreshers/", views.refresher_page, name="page"),
    path("refreshers/reminder/", views.reminder_choose, name="reminder"),
]
