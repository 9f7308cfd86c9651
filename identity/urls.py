"""Sign-in through the organisation, provisioning and two-factor: each protocol adds its own."""

from django.urls import path

from . import oidc, saml_views, views
from .scim import views as scim

app_name = "identity"

urlpatterns = [
    # OpenID Connect: one pair per connection (SSO_<SLUG>_PROTOCOL=oidc).
    path("sso/oidc/<slug:slug>/login/", oidc.OIDCLoginView.as_view(), name="oidc-login"),
    path("sso/oidc/<slug:slug>/callback/", oidc.OIDCCallbackView.as_view(), name="oidc-callback"),
    # SCIM 2.0 provisioning. No trailing slashes: clients append "Users" to the tenant URL.
    path("scim/v2/Users", scim.users, name="scim-users"),
    path("scim/v2/Users/<str:ident>", scim.user, name="scim-user"),
    path("scim/v2/Groups", scim.groups, name="scim-groups"),
    path("scim/v2/Groups/<str:ident>", scim.group, name="scim-group"),
    path(
        "scim/v2/ServiceProviderConfig",
        scim.service_provider_config,
        name="scim-service-provider-config",
    ),
    path("scim/v2/ResourceTypes", scim.resource_types, name="scim-resource-types"),
    path("scim/v2/ResourceTypes/<str:ident>", scim.resource_types, name="scim-resource-type"),
    path("scim/v2/Schemas", scim.schemas, name="scim-schemas"),
    path("scim/v2/Schemas/<str:ident>", scim.schemas, name="scim-schema"),
    # SAML 2.0, one service provider per connection (identity/saml.py).
    path("sso/saml/<slug:slug>/login/", saml_views.saml_login, name="saml-login"),
    path("sso/saml/<slug:slug>/acs/", saml_views.saml_acs, name="saml-acs"),
    path("sso/saml/<slug:slug>/finish/", saml_views.saml_finish, name="saml-finish"),
    path("sso/saml/<slug:slug>/metadata/", saml_views.saml_metadata, name="saml-metadata"),
    # Two-factor sign-in (identity/two_factor.py). Paths under /two-factor/ stay open to a
    # person who still owes the second step (identity/middleware.py); the rest do not.
    path("two-factor/", views.verify, name="two_factor_verify"),
    path("two-factor/setup/", views.setup, name="two_factor_setup"),
    path("account/two-factor/", views.manage, name="two_factor"),
    path("account/two-factor/recovery-codes/", views.recovery_codes, name="two_factor_recovery"),
    path(
        "account/two-factor/<str:kind>/<int:pk>/remove/",
        views.remove,
        name="two_factor_remove",
    ),
]
