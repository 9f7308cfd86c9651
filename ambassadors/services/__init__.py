"""Writes that change an ambassador's state or tell them something.

Everything the platform asks of a person goes through `nudge_plan()` (nudges), which keeps
the weekly attention budget, spaces nudges out and respects quiet hours. Everything it
tells a person goes through `notify()` (notifications). Both write outbox rows, shown and
e-mailed in the recipient's language when delivered; e-mail leaves through
`notification_email_deliver()`, called by tasks.

Reads live in `ambassadors.selectors`; the ones callers have long imported from here are
re-exported below.
"""

from ..selectors import (
    BudgetStatus,
    budget_status,
    default_weekly_budget,
    programme_quiet_hours,
    recipient_language,
    week_start,
    weekly_budget,
)
from .digest import weekly_digest_send
from .notifications import (
    ERROR_UNSAFE_LINK,
    MAX_EMAIL_ATTEMPTS,
    email_send,
    in_language,
    lazy_text,
    notification_email_deliver,
    notification_mark_read,
    notifications_mark_all_read,
    notifications_settle,
    notify,
    outbox_sweep,
)
from .nudges import (
    LEFT_OUT_AFTER_END,
    LEFT_OUT_NO_BUDGET,
    LEFT_OUT_NO_ROOM,
    LEFT_OUT_NOT_TAKING_PART,
    PLAN_BATCH,
    PLANNING_HORIZON,
    TIME_TO_ACT,
    Nudge,
    nudge_plan,
    nudge_plan_many,
    nudge_plan_preview,
)
from .participation import (
    CONSENT_VERSION,
    ERROR_ALREADY_TAKING_PART,
    ERROR_NOT_PAUSED,
    ERROR_NOT_TAKING_PART,
    ParticipationError,
    ambassador_get_or_create,
    ambassador_join,
    ambassador_leave,
    ambassador_pause,
    ambassador_resume,
)
from .people import (
    ERROR_NO_EMAIL,
    ERROR_USERNAME_TAKEN,
    MANAGED_ROLES,
    PersonError,
    person_create,
    person_deactivate,
    person_names_taken,
    person_reactivate,
    person_roles_set,
    person_update,
)
from .profile import ambassador_language_set
from .unsubscribe import (
    DIGEST,
    ERROR_LINK_EXPIRED,
    ERROR_LINK_INVALID,
    Unsubscribe,
    UnsubscribeError,
    email_unsubscribe,
    unsubscribe_read,
    unsubscribe_token,
)

__all__ = [
    "ERROR_NO_EMAIL",
    "ERROR_USERNAME_TAKEN",
    "MANAGED_ROLES",
    "PersonError",
    "person_create",
    "person_deactivate",
    "person_names_taken",
    "person_reactivate",
    "person_roles_set",
    "person_update",
    "CONSENT_VERSION",
    "ERROR_ALREADY_TAKING_PART",
    "ERROR_NOT_PAUSED",
    "ERROR_NOT_TAKING_PART",
    "ERROR_UNSAFE_LINK",
    "LEFT_OUT_AFTER_END",
    "LEFT_OUT_NO_BUDGET",
    "LEFT_OUT_NOT_TAKING_PART",
    "LEFT_OUT_NO_ROOM",
    "MAX_EMAIL_ATTEMPTS",
    "PLANNING_HORIZON",
    "PLAN_BATCH",
    "TIME_TO_ACT",
    "BudgetStatus",
    "Nudge",
    "ParticipationError",
    "ambassador_get_or_create",
    "ambassador_join",
    "ambassador_language_set",
    "ambassador_leave",
    "ambassador_pause",
    "ambassador_resume",
    "budget_status",
    "default_weekly_budget",
    "email_send",
    "in_language",
    "lazy_text",
    "notification_email_deliver",
    "notification_mark_read",
    "notifications_mark_all_read",
    "notifications_settle",
    "notify",
    "nudge_plan",
    "nudge_plan_many",
    "nudge_plan_preview",
    "outbox_sweep",
    "programme_quiet_hours",
    "recipient_language",
    "week_start",
    "weekly_budget",
    "weekly_digest_send",
    "DIGEST",
    "ERROR_LINK_EXPIRED",
    "ERROR_LINK_INVALID",
    "Unsubscribe",
    "UnsubscribeError",
    "email_unsubscribe",
    "unsubscribe_read",
    "unsubscribe_token",
]
