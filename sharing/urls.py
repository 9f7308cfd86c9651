from django.urls import path

from . import views

app_name = "sharing"

urlpatterns = [
    path("share/", views.feed, name="feed"),
    path("share/reach/", views.reach, name="reach"),
    path("share/propose/", views.propose, name="propose"),
    path("share/my-post/", views.my_post, name="my_post"),
    path("share/<int:item_id>/", views.share, name="share"),
    path("share/<int:item_id>/coach/", views.coach, name="coach"),
    path("share/<int:item_id>/dismiss/", views.dismiss, name="dismiss"),
    path("share/<int:item_id>/save/", views.save, name="save"),
    path("share/facebook/<str:code>/", views.facebook, name="facebook"),
    path("share/instagram/<str:code>/", views.instagram, name="instagram"),
    path("s/<str:code>", views.tracked_link, name="tracked_link"),
]
