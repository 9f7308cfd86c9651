from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import BooleanColumn, Column, TitleColumn
from wagtail.admin.viewsets.model import ModelViewSet

from .models import WebhookDelivery, WebhookSubscription
from .webhooks.admin_views import (
    DELIVERIES,
    SUBSCRIPTIONS,
    WebhookDeliveryIndexView,
    WebhookDeliveryRetryView,
    WebhookPingView,
    WebhookSecretRotateView,
    WebhookSubscriptionCreateView,
    WebhookSubscriptionEditForm,
    WebhookSubscriptionForm,
    WebhookSubscriptionIndexView,
)


class SubscriptionActionsColumn(Column):
    """Links to send a test event, rotate the secret and read the deliveries."""

    def get_value(self, instance):
        deliveries = reverse(f"{DELIVERIES}:index")
        links = [
            (reverse(f"{SUBSCRIPTIONS}:ping", args=[instance.pk]), _("Send test event")),
            (reverse(f"{SUBSCRIPTIONS}:rotate", args=[instance.pk]), _("Rotate secret")),
            (f"{deliveries}?subscription={instance.pk}", _("Deliveries")),
        ]
        return format_html_join(" · ", '<a href="{}">{}</a>', links)


class WebhookSubscriptionViewSet(ModelViewSet):
    """Addresses that hear about events, signed; administrators only."""

    model = WebhookSubscription
    icon = "link"
    menu_label = _("Webhooks")
    add_to_settings_menu = True
    name = SUBSCRIPTIONS
    url_prefix = "webhooks"
    index_view_class = WebhookSubscriptionIndexView
    add_view_class = WebhookSubscriptionCreateView
    copy_view_enabled = False
    form_fields = ["name", "url", "events"]
    list_display = [
        "name",
        "url",
        BooleanColumn("active", label=_("Active")),
        Column("failures_in_a_row", label=_("Failures in a row")),
        "created_at",
        SubscriptionActionsColumn("actions", label=_("Actions")),
    ]
    list_filter = ["active"]

    def get_form_class(self, for_update=False):
        return WebhookSubscriptionEditForm if for_update else WebhookSubscriptionForm

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("rotate/<int:pk>/", WebhookSecretRotateView.as_view(), name="rotate"),
            path("ping/<int:pk>/", WebhookPingView.as_view(), name="ping"),
        ]


class RetryColumn(Column):
    """A link to send a failed delivery again."""

    def get_value(self, instance):
        if instance.status not in (WebhookDelivery.Status.FAILED, WebhookDelivery.Status.GIVEN_UP):
            return ""
        url = reverse(f"{DELIVERIES}:retry", args=[instance.pk])
        return format_html('<a href="{}">{}</a>', url, _("Send again"))


class WebhookDeliveryViewSet(ModelViewSet):
    """The delivery log: read, filtered, exported; a failed delivery sent again. Nothing is
    added, edited or deleted here."""

    model = WebhookDelivery
    icon = "list-ul"
    menu_label = _("Webhook deliveries")
    add_to_settings_menu = True
    name = DELIVERIES
    url_prefix = "webhook-deliveries"
    index_view_class = WebhookDeliveryIndexView
    inspect_view_enabled = True
    copy_view_enabled = False
    form_fields = []
    list_display = [
        TitleColumn("event", label=_("Event"), url_name=f"{DELIVERIES}:inspect"),
        Column("subscription", label=_("Subscription")),
        "status",
        Column("response_status", label=_("Response status")),
        Column("attempts", label=_("Attempts")),
        "next_attempt_at",
        "created_at",
        RetryColumn("retry", label=_("Retry")),
    ]
    list_filter = ["status", "subscription", "event"]
    list_export = [
        "created_at",
        "subscription",
        "event",
        "event_id",
        "status",
        "attempts",
        "response_status",
        "last_error",
        "next_attempt_at",
        "delivered_at",
    ]
    list_per_page = 50
    ordering = ["-created_at", "-pk"]
    inspect_view_fields = [
        "subscription",
        "event",
        "event_id",
        "status",
        "attempts",
        "response_status",
        "last_error",
        "next_attempt_at",
        "delivered_at",
        "created_at",
        "payload",
    ]

    def get_common_view_kwargs(self, **kwargs):
        # Only the list, its results and the inspect page exist.
        return {
            **super().get_common_view_kwargs(**kwargs),
            "add_url_name": None,
            "edit_url_name": None,
            "delete_url_name": None,
            "history_url_name": None,
            "usage_url_name": None,
        }

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("inspect/<int:pk>/", self.inspect_view, name="inspect"),
            path("retry/<int:pk>/", WebhookDeliveryRetryView.as_view(), name="retry"),
        ]


@hooks.register("register_admin_viewset")
def register_webhook_subscriptions():
    return WebhookSubscriptionViewSet()


@hooks.register("register_admin_viewset")
def register_webhook_deliveries():
    return WebhookDeliveryViewSet()


@hooks.register("register_admin_urls")
def register_slack_urls():
    from .slack.admin_views import SlackView

    return [path("slack/", SlackView.as_view(), name="integrations_slack")]


@hooks.register("register_settings_menu_item")
def register_slack_menu_item():
    from .slack.admin_views import SlackMenuItem

    return SlackMenuItem(_("Slack"), reverse("integrations_slack"), icon_name="mail", order=910)
