from django.urls import path

from . import views

app_name = "guidelines"

urlpatterns = [path("search/", views.search, name="search")]
