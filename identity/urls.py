"""Sign-in through the organisation, provisioning and two-factor: each protocol adds its own."""

from django.urls import path

from . import oidc
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
]
