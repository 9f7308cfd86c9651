from django.urls import path

from . import views

app_name = "insights"

urlpatterns = [
    path("programme/", views.programme, name="programme"),
    path("insights/", views.insights, name="dashboard"),
    path("insights/export/<slug:key>.csv", views.export, name="export"),
    path("insights/summary/", views.subscription, name="subscription"),
]
