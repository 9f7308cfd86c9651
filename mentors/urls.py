from django.urls import path

from . import views

app_name = "mentors"

urlpatterns = [
    path("help/", views.help_home, name="help"),
    path("help/new/<str:kind>/", views.help_new, name="help_new"),
    path("help/<int:pk>/", views.help_ticket, name="help_ticket"),
    path("help/<int:pk>/close/", views.help_close, name="help_close"),
    path("help/<int:pk>/reopen/", views.help_reopen, name="help_reopen"),
    path("help/<int:pk>/rate/", views.help_rate, name="help_rate"),
    path("help/attachments/<int:pk>/", views.attachment, name="attachment"),
    path("desk/", views.desk, name="desk"),
    path("desk/figures/", views.desk_figures, name="desk_figures"),
    path("desk/canned/", views.desk_canned, name="desk_canned"),
    path("desk/availability/", views.desk_availability, name="desk_availability"),
    path("desk/<int:pk>/", views.desk_ticket, name="desk_ticket"),
    path("desk/<int:pk>/take/", views.desk_take, name="desk_take"),
]
