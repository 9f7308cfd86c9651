"""Sign-in through the organisation, provisioning and two-factor: each protocol adds its own."""

app_name = "identity"

urlpatterns = []
