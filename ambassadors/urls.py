from django.urls import path

from . import views

app_name = "ambassadors"

urlpatterns = [
    path("", views.home, name="home"),
    path("welcome/", views.welcome, name="welcome"),
    path("path/", views.dashboard, name="dashboard"),
    path("profile/", views.profile, name="profile"),
    path("profile/participation/", views.participation, name="participation"),
    path("profile/my-data/", views.my_data, name="my_data"),
    path("profile/erase/", views.erase, name="erase"),
    path("notifications/", views.notification_list, name="notifications"),
    path("notifications/read-all/", views.notifications_read_all, name="notifications_read_all"),
    path("notifications/<int:pk>/open/", views.notification_open, name="notification_open"),
    path("language/", views.set_language, name="set_language"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
