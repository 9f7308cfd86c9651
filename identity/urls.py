"""Sign-in through the organisation, provisioning and two-factor: each protocol adds its own."""

from django.urls import path

from . import saml_views

app_name = "identity"

urlpatterns = [
    # SAML 2.0, one service provider per connection (identity/saml.py).
    path("sso/saml/<slug:slug>/login/", saml_views.saml_login, name="saml-login"),
    path("sso/saml/<slug:slug>/acs/", saml_views.saml_acs, name="saml-acs"),
    path("sso/saml/<slug:slug>/finish/", saml_views.saml_finish, name="saml-finish"),
    path("sso/saml/<slug:slug>/metadata/", saml_views.saml_metadata, name="saml-metadata"),
]
