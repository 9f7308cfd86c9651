"""Sign-in through the organisation, provisioning and two-factor: each protocol adds its own."""

from django.urls import path

from . import views

app_name = "identity"

urlpatterns = [
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
