from django.urls import path

from . import views

app_name = "missions"

urlpatterns = [path("path/move-up/", views.promotion_answer, name="promotion_answer")]
