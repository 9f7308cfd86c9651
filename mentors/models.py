"""The mentor desk: requests (tickets) with their thread, attachments, drafts and SLA clock,
mentor profiles, the business-hours calendar, SLA targets and canned responses."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ambassadors.models import Network
from ambassadors.roles import Role
from core.storage import private_storage

from . import tally


class Kind(models.TextChoices):
    QUESTION = "question", pgettext_lazy("kind of request", "Question")
    COACHING = "coaching", pgettext_lazy("kind of request", "Coaching")
    GHOSTWRITING = "ghostwriting", pgettext_lazy("kind of request", "Ghostwriting")
    EDITING = "editing", pgettext_lazy("kind of request", "Editing")
    MEDIATION = "mediation", pgettext_lazy("kind of request", "Mediation")


# A mentor's open requests at once: a bound, so a typo cannot route the whole queue to one.
MAX_CAPACITY = 100


class MentorProfileQuerySet(models.QuerySet):
    def present(self, now):
        """Profiles of mentors not away at `now`."""
        away = Q(away_from__lte=now) & (Q(away_until__isnull=True) | Q(away_until__gt=now))
        away |= Q(away_from__isnull=True, away_until__gt=now)
        return self.exclude(away)

    def with_open_count(self):
        """Annotated with `open_count`: the requests each mentor holds now, read from the
        desk's tally (a few rows per mentor), not by counting their requests."""
        held = (
            DeskTally.objects.filter(
                assignee=models.OuterRef("user_id"), state__in=Ticket.HELD_STATES
            )
            .values("assignee")
            .annotate(held=models.Sum("tickets"))
            .values("held")
        )
        return self.annotate(
            open_count=Coalesce(
                models.Subquery(held, output_field=models.IntegerField()), models.Value(0)
            )
        )


class MentorProfile(models.Model):
    """What a mentor handles, how much at once, and when they are away."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mentor_profile"
    )
    handles_question = models.BooleanField(_("questions"), default=True)
    handles_coaching = models.BooleanField(_("coaching"), default=False)
    handles_ghostwriting = models.BooleanField(_("ghostwriting"), default=False)
    handles_editing = models.BooleanField(_("editing"), default=False)
    handles_mediation = models.BooleanField(_("mediation"), default=False)
    capacity = models.PositiveSmallIntegerField(
        _("open requests at once"),
        default=5,
        validators=[MaxValueValidator(MAX_CAPACITY)],
        help_text=_("0 means: no new requests."),
    )
    away_from = models.DateTimeField(_("away from"), null=True, blank=True)
    away_until = models.DateTimeField(_("away until"), null=True, blank=True)
    is_team_lead = models.BooleanField(_("team lead"), default=False)
    last_assigned_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = MentorProfileQuerySet.as_manager()

    class Meta:
        verbose_name = _("mentor")
        verbose_name_plural = _("mentors")
        constraints = [
            models.CheckConstraint(
                condition=Q(away_from__isnull=True)
                | Q(away_until__isnull=True)
                | Q(away_until__gt=models.F("away_from")),
                name="mentor_away_period_valid",
            )
        ]

    def __str__(self) -> str:
        return self.user.get_full_name() or self.user.username

    def clean(self) -> None:
        # Routing and the desk take only members of the Mentors group; a profile for anyone
        # else would route requests to someone who cannot open them.
        if self.user_id and not self.user.groups.filter(name=Role.MENTOR.value).exists():
            raise ValidationError(
                {
                    "user": _(
                        "Add this person to the Mentors group first (Settings → Users): "
                        "only its members work on the desk."
                    )
                }
            )

    def handles(self, kind: str) -> bool:
        return bool(getattr(self, f"handles_{kind}", False))

    @property
    def skills(self) -> list[str]:
        return [kind.label for kind in Kind if self.handles(kind)]


class SlaTarget(models.Model):
    """Targets per kind, in business minutes (mediation: around the clock)."""

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, unique=True)
    first_response_minutes = models.PositiveIntegerField(_("first response within (minutes)"))
    resolution_minutes = models.PositiveIntegerField(_("resolved within (minutes)"))
    pickup_minutes = models.PositiveIntegerField(
        _("back to the queue when untouched for (minutes)"), default=120
    )
    business_hours = models.BooleanField(
        _("counts business hours only"),
        default=True,
        help_text=_("Off: the clock runs around the clock (mediation)."),
    )

    class Meta:
        ordering = ["kind"]
        verbose_name = _("SLA target")
        verbose_name_plural = _("SLA targets")

    def __str__(self) -> str:
        return self.get_kind_display()


class OpeningHours(models.Model):
    class Weekday(models.IntegerChoices):
        MONDAY = 0, _("Monday")
        TUESDAY = 1, _("Tuesday")
        WEDNESDAY = 2, _("Wednesday")
        THURSDAY = 3, _("Thursday")
        FRIDAY = 4, _("Friday")
        SATURDAY = 5, _("Saturday")
        SUNDAY = 6, _("Sunday")

    weekday = models.PositiveSmallIntegerField(_("day"), choices=Weekday.choices, unique=True)
    opens = models.TimeField(_("opens"))
    closes = models.TimeField(_("closes"))

    class Meta:
        ordering = ["weekday"]
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")
        constraints = [
            models.CheckConstraint(
                condition=Q(closes__gt=models.F("opens")), name="opening_hours_valid"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.opens:%H:%M}–{self.closes:%H:%M}"


class Holiday(models.Model):
    date = models.DateField(_("date"), unique=True)
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        ordering = ["date"]
        verbose_name = _("holiday")
        verbose_name_plural = _("holidays")

    def __str__(self) -> str:
        return f"{date_format(self.date)} {self.name}"


class CannedResponse(models.Model):
    kind = models.CharField(
        _("for requests of kind"), max_length=20, choices=Kind.choices, blank=True
    )
    title = models.CharField(_("title"), max_length=120)
    body = models.TextField(_("text"), max_length=5000)

    class Meta:
        ordering = ["kind", "title"]
        verbose_name = _("canned response")
        verbose_name_plural = _("canned responses")

    def __str__(self) -> str:
        return self.title


# The SLA moments of a request and the flag that says it has passed (see `Ticket`).
PHASES = {
    "response_warn_at": "past_response_warn",
    "response_due_at": "past_response_due",
    "resolution_warn_at": "past_resolution_warn",
    "resolution_due_at": "past_resolution_due",
}


class TicketQuerySet(models.QuerySet):
    """The named states of a request, one definition each for every caller."""

    def open(self):
        """Not closed: queued, with a mentor or waiting for the employee. `open_since` is
        set exactly while a request is open (a constraint), and it is indexed."""
        return self.filter(open_since__isnull=False)

    def closed(self):
        return self.filter(open_since__isnull=True)

    def held(self):
        """With a mentor (assigned or waiting for the employee): what counts against a
        mentor's capacity and what goes back to the queue when they leave."""
        return self.filter(state__in=Ticket.HELD_STATES)

    def running(self):
        """Open with the SLA clock running: queued or with a mentor, not waiting for the
        employee (the clock is paused then)."""
        return self.filter(state__in=[Ticket.State.QUEUED, Ticket.State.ASSIGNED])

    def not_picked_up(self):
        """Assigned, but its mentor has not picked it up (replied, taken it, pressed
        "pick it up") yet: it returns to the queue after the pick-up time."""
        return self.filter(state=Ticket.State.ASSIGNED, touched_at__isnull=True)

    def filed_by(self, user):
        return self.filter(requester=user)

    def urgent_untaken(self):
        """Urgent and nobody has taken it: an open mediation request no mentor has picked up
        or answered yet (in the queue, or routed to a mediator who has not picked it up).
        The banner shows these to every mediator, and the first to take one has it."""
        return self.filter(
            kind=Kind.MEDIATION,
            state__in=[Ticket.State.QUEUED, Ticket.State.ASSIGNED],
            open_since__isnull=False,
            touched_at__isnull=True,
            first_response_at__isnull=True,
        )


class Ticket(models.Model):
    class State(models.TextChoices):
        QUEUED = "queued", _("Waiting for a mentor")
        ASSIGNED = "assigned", _("With a mentor")
        WAITING = "waiting", _("Waiting for you")
        RESOLVED = "resolved", _("Closed")

    OPEN_STATES = (State.QUEUED, State.ASSIGNED, State.WAITING)
    HELD_STATES = (State.ASSIGNED, State.WAITING)

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="tickets"
    )
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("your request"), max_length=10_000)
    details = models.JSONField(default=dict, blank=True)
    network = models.CharField(_("network"), max_length=20, choices=Network.choices, blank=True)
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_tickets",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    open_since = models.DateTimeField(null=True, blank=True, editable=False)
    assigned_at = models.DateTimeField(null=True, blank=True)
    touched_at = models.DateTimeField(null=True, blank=True)
    first_response_at = models.DateTimeField(null=True, blank=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    # The SLA clock: due and warning moments are stored so the queue can filter on them;
    # while the ticket waits on the employee they are empty and the remainder is kept.
    response_due_at = models.DateTimeField(null=True, blank=True)
    response_warn_at = models.DateTimeField(null=True, blank=True)
    resolution_due_at = models.DateTimeField(null=True, blank=True)
    resolution_warn_at = models.DateTimeField(null=True, blank=True)
    paused_at = models.DateTimeField(null=True, blank=True)
    response_remaining = models.PositiveIntegerField(null=True, blank=True)
    resolution_remaining = models.PositiveIntegerField(null=True, blank=True)
    response_warned = models.BooleanField(default=False)
    response_escalated = models.BooleanField(default=False)
    resolution_warned = models.BooleanField(default=False)
    resolution_escalated = models.BooleanField(default=False)
    response_breached = models.BooleanField(default=False)
    resolution_breached = models.BooleanField(default=False)
    # Set by a mentor when the content must be kept by law (e.g. an incident under
    # investigation): erasing the requester's account then anonymises instead of removing it.
    keep_reason = models.CharField(_("kept by law because"), max_length=300, blank=True)
    # Which of the four SLA moments have passed, as of the last `tally.phases_advance`
    # (before the desk counts, and in the SLA sweep): part of the key of the desk's tally
    # (`DeskTally`), so the "Breaching soon"/"Breached" counts never scan the open backlog.
    # Each only turns on as time passes, so what is behind is found through an index.
    past_response_warn = models.BooleanField(default=False, editable=False)
    past_response_due = models.BooleanField(default=False, editable=False)
    past_resolution_warn = models.BooleanField(default=False, editable=False)
    past_resolution_due = models.BooleanField(default=False, editable=False)

    objects = TicketQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("request")
        verbose_name_plural = _("requests")
        indexes = [
            # The desk reads open requests only; `open_since` is empty once a request is
            # closed, so these indexes hold the open ones however many closed pile up.
            models.Index(fields=["open_since"], name="ticket_open_idx"),
            models.Index(fields=["assignee", "open_since"], name="ticket_open_mine_idx"),
            models.Index(fields=["response_warn_at"], name="ticket_response_warn_idx"),
            models.Index(fields=["resolution_warn_at"], name="ticket_resolution_warn_idx"),
            models.Index(fields=["response_due_at"], name="ticket_response_due_idx"),
            models.Index(fields=["resolution_due_at"], name="ticket_resolution_due_idx"),
            models.Index(fields=["requester", "-created_at"], name="ticket_requester_idx"),
            # The queue's tabs page through these in order (keyset), never counting them.
            models.Index(fields=["open_since", "id"], name="ticket_open_order_idx"),
            # A mentor's own open requests, taken off their desk's counts.
            models.Index(fields=["requester", "open_since"], name="ticket_requester_open_idx"),
            # Urgent mediation nobody has taken (the desk's Urgent group, the banner).
            models.Index(
                fields=["open_since", "id"],
                name="ticket_urgent_idx",
                condition=Q(
                    kind="mediation",
                    open_since__isnull=False,
                    touched_at__isnull=True,
                    first_response_at__isnull=True,
                ),
            ),
            # What `tally.phases_advance` looks for: a moment passed but not marked yet,
            # or marked but moved or gone since (each holds only those few).
            *[
                index
                for code, moment in zip(("rw", "rd", "sw", "sd"), PHASES, strict=True)
                for index in (
                    models.Index(
                        fields=[moment],
                        name=f"ticket_{code}_ahead_idx",
                        condition=Q(**{PHASES[moment]: False, f"{moment}__isnull": False}),
                    ),
                    models.Index(
                        fields=[moment],
                        name=f"ticket_{code}_past_idx",
                        condition=Q(**{PHASES[moment]: True}),
                    ),
                )
            ],
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(state="queued") | Q(assignee__isnull=True),
                name="queued_ticket_has_no_assignee",
            ),
            models.CheckConstraint(
                condition=Q(state="queued") | Q(state="resolved") | Q(assignee__isnull=False),
                name="open_ticket_has_assignee",
            ),
            models.CheckConstraint(
                condition=Q(state="resolved", open_since__isnull=True)
                | (~Q(state="resolved") & Q(open_since__isnull=False)),
                name="open_since_only_while_open",
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.subject}"


class DeskTally(models.Model):
    """The desk's running totals: requests per kind, state, assignee (0: nobody) and SLA
    phase, with the sums the figures need. Kept by database triggers on the request and
    rating tables (migration 0007), in the same transaction as each change, whatever made
    it (a service, a bulk update, a cascade); rebuilt by `tally.reconcile` (periodic)."""

    kind = models.CharField(max_length=20, choices=Kind.choices)
    state = models.CharField(max_length=10)
    assignee = models.IntegerField()  # a user's pk, 0 for nobody (not a key: kept by SQL)
    past_response_warn = models.BooleanField()
    past_response_due = models.BooleanField()
    past_resolution_warn = models.BooleanField()
    past_resolution_due = models.BooleanField()
    tickets = models.IntegerField(default=0)
    answered = models.IntegerField(default=0)
    answered_in_time = models.IntegerField(default=0)
    resolved = models.IntegerField(default=0)
    resolved_in_time = models.IntegerField(default=0)
    response_seconds = models.FloatField(default=0)
    resolution_seconds = models.FloatField(default=0)
    ratings = models.IntegerField(default=0)
    satisfaction_sum = models.IntegerField(default=0)

    SUMS = tally.SUMS

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=[
                    "kind",
                    "state",
                    "assignee",
                    "past_response_warn",
                    "past_response_due",
                    "past_resolution_warn",
                    "past_resolution_due",
                ],
                name="desk_tally_key",
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.state} {self.assignee}: {self.tickets}"


class Message(models.Model):
    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = models.TextField(max_length=10_000)
    internal = models.BooleanField(
        default=False, help_text="An internal note: never shown to the employee."
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"Message {self.pk} on {self.ticket_id}"


def attachment_path(instance, filename: str) -> str:
    return f"tickets/{instance.ticket_id}/{filename}"


class Attachment(models.Model):
    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="attachments")
    message = models.ForeignKey(
        Message, null=True, blank=True, on_delete=models.CASCADE, related_name="attachments"
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    file = models.FileField(upload_to=attachment_path, storage=private_storage)
    name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.name


class Draft(models.Model):
    """A text a mentor wrote or edited for the employee."""

    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="drafts")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField(max_length=20_000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"Draft {self.pk} for {self.ticket_id}"


class Rating(models.Model):
    ticket = models.OneToOneField(Ticket, on_delete=models.CASCADE, related_name="rating")
    satisfaction = models.PositiveSmallIntegerField(choices=[(n, str(n)) for n in range(1, 6)])
    comment = models.TextField(blank=True, max_length=2000)
    created_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(satisfaction__gte=1, satisfaction__lte=5), name="rating_one_to_five"
            )
        ]

    def __str__(self) -> str:
        return f"{self.ticket_id}: {self.satisfaction}"


TICKET_EVENT_LABELS = {
    "created": _("created"),
    "assigned": _("assigned"),
    "reassigned": _("handed over"),
    "broadcast": _("sent to every available mentor"),
    "waiting": _("waiting for the employee"),
    "answered": _("the employee replied: the clock runs again"),
    "resolved": _("closed as solved"),
    "reopened": _("reopened"),
    "returned": _("back in the queue: not picked up in time"),
    "released": _("back in the queue: the mentor's account was erased"),
    "kept": _("content kept by law"),
    "not_kept": _("content no longer kept by law"),
    "erased": _("content removed: the employee erased their account"),
    "escalated_response": _("first response target missed, team lead told"),
    "escalated_resolution": _("resolution target missed, team lead told"),
}


class TicketEvent(models.Model):
    """What happened to a ticket and who did it: assignment, reassignment with the reason,
    return to the queue, warnings, escalations, state changes."""

    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(max_length=30)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    to_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.CharField(max_length=300, blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.ticket_id} {self.action}"

    @property
    def label(self) -> str:
        """The action in the reader's language (the stored code when it is unknown)."""
        return str(TICKET_EVENT_LABELS.get(self.action, self.action))
