"""Who changed what: the audit trail, kept in Wagtail's log (`ModelLogEntry`).

Snippets, settings and pages are logged by Wagtail itself. The platform's own decisions are
logged here with `record()`: mission reviews, stage changes, ticket assignments and the
"keep by law" mark, employee imports and account erasures. Comms staff and administrators
read them in the CMS (Reports → Site history, and each object's history); an entry is shown
to whoever has a permission on its model, administrators see all.

An entry about a person carries their user id in `data["person"]`: erasing the account
replaces the entry's title (which may hold their name), the fact and the actor stay.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

ACTIONS = {
    "academy.review": (_("Review mission"), _("Mission reviewed")),
    "academy.stage_change": (_("Change stage"), _("Stage changed")),
    "academy.ticket_assign": (_("Assign request"), _("Request assigned")),
    "academy.ticket_keep": (_("Keep request by law"), _("Keep-by-law mark changed")),
    "academy.import_apply": (_("Apply employee import"), _("Employee import applied")),
    "academy.account_erase": (_("Erase account"), _("Account erased")),
    "academy.quiz_attempts": (_("Give extra quiz attempts"), _("Extra quiz attempts given")),
    "academy.scim_create": (_("Provision account"), _("Account created by provisioning")),
    "academy.scim_deactivate": (
        _("Switch account off by provisioning"),
        _("Account switched off by provisioning"),
    ),
    "academy.scim_reactivate": (
        _("Switch account on by provisioning"),
        _("Account switched on again by provisioning"),
    ),
    "academy.scim_refused": (_("Refuse provisioning call"), _("Provisioning call refused")),
    "academy.scim_revoke": (_("Revoke provisioning token"), _("Provisioning token revoked")),
    "academy.api_token_create": (_("Create API token"), _("API token created")),
    "academy.api_token_revoke": (_("Revoke API token"), _("API token revoked")),
    "academy.api_write": (_("Change through the API"), _("Changed through the API")),
    "academy.two_factor_reset": (_("Reset second step"), _("Second sign-in step reset")),
    "academy.webhook_secret_rotate": (
        _("Rotate webhook secret"),
        _("Webhook secret rotated"),
    ),
    "academy.webhook_switch_off": (
        _("Switch webhook off"),
        _("Webhook switched off after failed deliveries"),
    ),
    "academy.slack_connect": (_("Connect Slack"), _("Slack connection saved")),
    "academy.slack_disconnect": (_("Disconnect Slack"), _("Slack connection removed")),
    "academy.slack_broken": (_("Mark Slack broken"), _("Slack refused the bot token")),
    "academy.teams_change": (_("Change Teams connection"), _("Teams connection changed")),
    "academy.teams_broken": (_("Mark Teams connection broken"), _("Teams connection broken")),
    "academy.variant_retire": (_("Retire suggested text"), _("Suggested text retired")),
    "academy.variant_restore": (_("Restore suggested text"), _("Suggested text offered again")),
}


def register(actions) -> None:
    """For Wagtail's `register_log_actions` hook."""
    for action, (label, message) in ACTIONS.items():
        actions.register_action(action, label, message)


def record(instance, action: str, *, user=None, title: str = "", person=None, **data):
    """One entry in the trail; `person` is the user the entry is about, if any."""
    from wagtail.log_actions import log

    assert action in ACTIONS, action
    if person is not None:
        data["person"] = person.pk
    return log(instance, action, user=user, title=title or str(instance), data=data)


def forget_person(user, label: str) -> int:
    """Entries about the erased person keep the fact; `label` replaces their title."""
    from wagtail.models import ModelLogEntry

    return ModelLogEntry.objects.filter(data__person=user.pk).update(label=label)
