from django.urls import path

from .webapp import views as webapp
from .webpush import views as webpush

app_name = "integrations"

urlpatterns = [
    path("manifest.webmanifest", webapp.manifest, name="manifest"),
    path("sw.js", webapp.service_worker, name="service_worker"),
    path("offline/", webapp.offline, name="offline"),
    path("profile/devices/", webpush.devices, name="push_devices"),
    path("profile/devices/subscribe/", webpush.subscribe, name="push_subscribe"),
    path("profile/devices/<int:pk>/remove/", webpush.remove, name="push_remove"),
    path("profile/devices/test/", webpush.test, name="push_test"),
]
