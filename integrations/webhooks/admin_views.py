"""The CMS side of webhooks (administrators only): a subscription's secret shown once after
creating it and after rotating it, a test event, and sending a failed delivery again."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin

from ambassadors.forms import ButtonForm
from core.admin import StrictFilterSet
from core.forms import refuse
from core.sanitise import safe_cell
from integrations.models.webhooks import EVENTS, WebhookDelivery, WebhookSubscription

from .services import (
    WebhookError,
    webhook_delivery_retry,
    webhook_ping,
    webhook_secret_rotate,
)

SUBSCRIPTIONS = "integrations_webhook_subscriptions"
DELIVERIES = "integrations_webhook_deliveries"


class WebhookSubscriptionForm(WagtailAdminModelForm):
    """Name, address and the events as checkboxes; the secret is made, never typed."""

    url = forms.URLField(
        label=gettext_lazy("Address"),
        max_length=2000,
        assume_scheme="https",
        help_text=WebhookSubscription._meta.get_field("url").help_text,
    )
    events = forms.MultipleChoiceField(
        label=gettext_lazy("Events"),
        choices=list(EVENTS.items()),
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = WebhookSubscription
        fields = ["name", "url", "events"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The address check (core.outbound.public_url) says why an address is refused; its
        # code is "invalid", which Django would swap for the field's generic "Enter a valid
        # URL." message.
        self.fields["url"].error_messages.pop("invalid", None)


class WebhookSubscriptionEditForm(WebhookSubscriptionForm):
    class Meta:
        model = WebhookSubscription
        fields = ["name", "url", "events", "active"]

    def save(self, commit=True):
        # Switched on again (after the platform switched it off): a fresh start, so the next
        # give-up is not the eleventh in a row.
        if "active" in self.changed_data and self.instance.active:
            self.instance.failures_in_a_row = 0
            self.instance.disabled_at = None
        return super().save(commit=commit)


def secret_page(request, subscription: WebhookSubscription, *, rotated: bool) -> TemplateResponse:
    """The secret, this once; never kept by a browser cache or a proxy."""
    response = TemplateResponse(
        request,
        "integrations/admin/webhook_secret.html",
        {
            "subscription": subscription,
            "secret": subscription.secret,
            "rotated": rotated,
            "page_title": subscription.name,
            "header_icon": "key",
            "index_url": reverse(f"{SUBSCRIPTIONS}:index"),
        },
    )
    response["Cache-Control"] = "no-store"
    return response


class WebhookSubscriptionCreateView(generic.CreateView):
    """Saves the subscription (a fresh secret is its default) and shows the secret once."""

    def save_instance(self):
        self.form.instance.created_by = self.request.user
        return super().save_instance()

    def save_action(self):
        return secret_page(self.request, self.object, rotated=False)


class WebhookSubscriptionIndexView(generic.IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("created_by")


class SubscriptionActionView(PermissionCheckedMixin, WagtailAdminTemplateMixin, FormView):
    """A confirmation page with one button, about one subscription."""

    model = WebhookSubscription
    permission_required = "change"
    form_class = ButtonForm
    header_icon = "link"
    index_url_name = f"{SUBSCRIPTIONS}:index"

    def dispatch(self, request, *args, **kwargs):
        self.subscription = get_object_or_404(WebhookSubscription, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [
            {"url": reverse(self.index_url_name), "label": _("Webhooks")},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["subscription"] = self.subscription
        return context


class WebhookSecretRotateView(SubscriptionActionView):
    template_name = "integrations/admin/webhook_rotate.html"
    page_title = gettext_lazy("Rotate webhook secret")
    header_icon = "key"

    def form_valid(self, form):
        subscription = webhook_secret_rotate(subscription=self.subscription, by=self.request.user)
        return secret_page(self.request, subscription, rotated=True)


class WebhookPingView(SubscriptionActionView):
    template_name = "integrations/admin/webhook_ping.html"
    page_title = gettext_lazy("Send a test event")

    def form_valid(self, form):
        try:
            webhook_ping(subscription=self.subscription)
        except WebhookError as refusal:
            refuse(form, refusal)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("A test event is on its way to %(name)s. Its delivery shows below.")
            % {"name": self.subscription.name},
        )
        url = reverse(f"{DELIVERIES}:index")
        return redirect(f"{url}?subscription={self.subscription.pk}")


class WebhookDeliveryIndexView(generic.IndexView):
    """The delivery log; its export makes formula-like text safe, as our other exports."""

    base_filterset_class = StrictFilterSet
    custom_value_preprocess = {
        **generic.IndexView.custom_value_preprocess,
        str: {generic.IndexView.FORMAT_CSV: safe_cell},
    }

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("subscription")


class WebhookDeliveryRetryView(PermissionCheckedMixin, WagtailAdminTemplateMixin, FormView):
    model = WebhookDelivery
    permission_required = "change"
    form_class = ButtonForm
    template_name = "integrations/admin/webhook_retry.html"
    page_title = gettext_lazy("Send delivery again")
    header_icon = "resubmit"

    def dispatch(self, request, *args, **kwargs):
        self.delivery = get_object_or_404(
            WebhookDelivery.objects.select_related("subscription"), pk=kwargs["pk"]
        )
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [
            {"url": reverse(f"{DELIVERIES}:index"), "label": _("Webhook deliveries")},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["delivery"] = self.delivery
        context["can_retry"] = self.delivery.status in (
            WebhookDelivery.Status.FAILED,
            WebhookDelivery.Status.GIVEN_UP,
        )
        return context

    def form_valid(self, form):
        try:
            webhook_delivery_retry(delivery=self.delivery)
        except WebhookError as refusal:
            refuse(form, refusal)
            return self.form_invalid(form)
        messages.success(self.request, _("The delivery is being sent again."))
        return redirect(f"{DELIVERIES}:index")
