from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from api.main import urls as api_urls
from core import views as core_views

handler500 = "core.views.server_error"

urlpatterns = [
    path("healthz/", core_views.healthz, name="healthz"),
    path("cms/", include(wagtailadmin_urls)),
    path("api/v1/", api_urls()),
    path("documents/", include(wagtaildocs_urls)),
    path("accounts/", include("ambassadors.urls_accounts")),
    path("", include("identity.urls")),
    # Passkeys (django-otp-webauthn's JSON endpoints), open during the second sign-in step.
    path("two-factor/passkeys/", include("django_otp_webauthn.urls", namespace="otp_webauthn")),
    path("", include("courses.urls")),
    path("", include("guidelines.urls")),
    path("", include("sharing.urls")),
    path("", include("mentors.urls")),
    path("", include("insights.urls")),
    path("", include("missions.urls")),
    path("", include("refreshers.urls")),
    path("", include("integrations.teams.urls")),
    path("", include("ambassadors.urls")),
    path("", include("integrations.slack.urls")),
    path("", include("integrations.urls")),
]

if settings.DEBUG or getattr(settings, "SERVE_MEDIA", False):
    # Local uploads on the development server (with or without DEBUG); production serves
    # them from object storage or the proxy.
    from django.urls import re_path
    from django.views.static import serve

    urlpatterns += [
        re_path(
            rf"^{settings.MEDIA_URL.lstrip('/')}(?P<path>.*)$",
            serve,
            {"document_root": settings.MEDIA_ROOT},
        )
    ]

# Wagtail pages: Dutch at /..., English at /en/... (the locale's tree).
urlpatterns += i18n_patterns(path("", include(wagtail_urls)), prefix_default_language=False)
