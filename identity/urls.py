"""Sign-in through the organisation, provisioning and two-factor: each protocol adds its own."""

from django.urls import path

from . import oidc

app_name = "identity"

urlpatterns = [
    # OpenID Connect: one pair per connection (SSO_<SLUG>_PROTOCOL=oidc).
    path("sso/oidc/<slug:slug>/login/", oidc.OIDCLoginView.as_view(), name="oidc-login"),
    path("sso/oidc/<slug:slug>/callback/", oidc.OIDCCallbackView.as_view(), name="oidc-callback"),
]
