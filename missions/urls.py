from django.urls import path

from . import views

app_name = "missions"

urlpatterns = [
    path("missions/", views.mission_list, name="list"),
    path("missions/pick/<int:mission_id>/", views.mission_pick, name="pick"),
    path("missions/<int:pk>/", views.assignment_detail, name="assignment"),
    path(
        "missions/<int:pk>/accept/",
        views.assignment_answer,
        {"answer": "accept"},
        name="accept",
    ),
    path(
        "missions/<int:pk>/decline/",
        views.assignment_answer,
        {"answer": "decline"},
        name="decline",
    ),
    path("missions/leaderboard/", views.leaderboard, name="leaderboard"),
    path("missions/evidence/<int:pk>/", views.evidence, name="evidence"),
    path("missions/review/", views.review_list, name="review_queue"),
    path("missions/review/<int:pk>/", views.review_detail, name="review"),
    path("missions/review/calibration/", views.calibration, name="calibration"),
    path("missions/peer-review/", views.peer_review_list, name="peer_reviews"),
    path("missions/peer-review/opt-in/", views.peer_review_opt_in, name="peer_review_opt_in"),
    path("missions/peer-review/<int:pk>/", views.peer_review, name="peer_review"),
    path("path/move-up/", views.promotion_answer, name="promotion_answer"),
]
