from django.urls import path

from . import views

app_name = "courses"

urlpatterns = [
    path("certificates/<str:code>/", views.certificate, name="certificate"),
    path("verify/<str:code>/", views.verify, name="verify"),
    path("desk/quizzes/", views.desk_quizzes, name="desk_quizzes"),
    path("badges/issuer.json", views.badge_issuer, name="badge_issuer"),
    path("badges/courses/<uuid:course_key>.json", views.badge_class, name="badge_class"),
    path("badges/courses/<uuid:course_key>.svg", views.badge_image, name="badge_image"),
    path("badges/assertions/<str:code>.json", views.badge_assertion, name="badge_assertion"),
]
