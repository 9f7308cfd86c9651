"""The desk's running totals (`DeskTally`): what the queue's tab counts, the figures page and
routing's "how many does each mentor hold" read, so none of them scans the open backlog.

- The database keeps the tally: triggers on the request and rating tables (installed by
  migration 0007, SQL below for SQLite and PostgreSQL) add a request's contribution under
  its new key and take it away under its old one, in the same transaction as the change,
  whatever makes it (a service, `QuerySet.update`, a cascade when an account is erased).
- Time moves requests into "due soon" and "past due" without any write: `phases_advance`
  (before the desk counts, and with the SLA sweep every 5 minutes) marks on the request which of
  its four SLA moments have passed (`past_response_warn`... part of the tally's key).
  Time only ever sets these marks; a partial index holds the unmarked moments and another
  the marked ones, so what is behind is found without reading the backlog.
- `reconcile` (hourly, and as the data migration's backfill) rebuilds the tally from the
  requests in one grouped query, under a lock: idempotent, it mends any drift.
"""

# The SQL below is built from constants of this module only (no input reaches it).
# ruff: noqa: S608

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import Count, DurationField, ExpressionWrapper, F, Q, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

# What each row of the tally sums (DeskTally's fields besides its key).
SUMS = (
    "tickets",
    "answered",
    "answered_in_time",
    "resolved",
    "resolved_in_time",
    "response_seconds",
    "resolution_seconds",
    "ratings",
    "satisfaction_sum",
)

TABLE = "mentors_desktally"
KEY = (
    "kind",
    "state",
    "assignee",
    "past_response_warn",
    "past_response_due",
    "past_resolution_warn",
    "past_resolution_due",
)
OPEN_STATES = ("queued", "assigned", "waiting")

# --- the triggers ---------------------------------------------------------------------------

FLAGS = ("past_response_warn", "past_response_due", "past_resolution_warn", "past_resolution_due")
_KEY_SQL = "kind, state, assignee, " + ", ".join(FLAGS)
_SUMS_SQL = (
    "tickets, answered, answered_in_time, resolved, resolved_in_time, response_seconds, "
    "resolution_seconds, ratings, satisfaction_sum"
)
_SUM_NAMES = [name.strip() for name in _SUMS_SQL.split(",")]


def _key_of(r: str) -> str:
    """The tally key of request `r` (NEW, OLD, a row variable or alias) as SQL values."""
    return f"{r}.kind, {r}.state, COALESCE({r}.assignee_id, 0), " + ", ".join(
        f"{r}.{flag}" for flag in FLAGS
    )


def _upsert(table_ref: str, names: list[str]) -> str:
    return f"ON CONFLICT ({_KEY_SQL}) DO UPDATE SET " + ", ".join(
        f"{name} = {table_ref}.{name} + excluded.{name}" for name in names
    )


# What one request adds to its row of the tally; `{r}` is NEW or OLD, `{s}` the sign.
_SQLITE_ROW = (
    f"INSERT INTO {TABLE} ({_KEY_SQL}, {_SUMS_SQL}) VALUES ({_key_of('{r}')}, "
    "{s}, "
    "{s} * ({r}.first_response_at IS NOT NULL), "
    "{s} * ({r}.first_response_at IS NOT NULL AND NOT {r}.response_breached), "
    "{s} * ({r}.resolved_at IS NOT NULL), "
    "{s} * ({r}.resolved_at IS NOT NULL AND NOT {r}.resolution_breached), "
    "{s} * COALESCE((julianday({r}.first_response_at) - julianday({r}.created_at)) * 86400.0, 0), "
    "{s} * COALESCE((julianday({r}.resolved_at) - julianday({r}.created_at)) * 86400.0, 0), "
    "{s} * (SELECT COUNT(*) FROM mentors_rating WHERE ticket_id = {r}.id), "
    "{s} * COALESCE((SELECT SUM(satisfaction) FROM mentors_rating WHERE ticket_id = {r}.id), 0)"
    ") " + _upsert(TABLE, _SUM_NAMES).replace("{", "{{").replace("}", "}}") + ";"
)
_SQLITE_RATING = (
    f"INSERT INTO {TABLE} ({_KEY_SQL}, {_SUMS_SQL}) SELECT {_key_of('t')}, "
    "0, 0, 0, 0, 0, 0, 0, {s}, {s} * {r}.satisfaction "
    "FROM mentors_ticket t WHERE t.id = {r}.ticket_id "
    + _upsert(TABLE, ["ratings", "satisfaction_sum"])
    + ";"
)
# The columns whose change moves a request in the tally (others, such as `updated_at`, do not).
_WATCHED = (
    "kind",
    "state",
    "assignee_id",
    *FLAGS,
    "first_response_at",
    "resolved_at",
    "created_at",
    "response_breached",
    "resolution_breached",
)

SQLITE_INSTALL = [
    "CREATE TRIGGER mentors_tally_ticket_insert AFTER INSERT ON mentors_ticket BEGIN "
    + _SQLITE_ROW.format(r="NEW", s="1")
    + " END",
    "CREATE TRIGGER mentors_tally_ticket_delete AFTER DELETE ON mentors_ticket BEGIN "
    + _SQLITE_ROW.format(r="OLD", s="-1")
    + " END",
    "CREATE TRIGGER mentors_tally_ticket_update AFTER UPDATE ON mentors_ticket WHEN "
    + " OR ".join(f"OLD.{c} IS NOT NEW.{c}" for c in _WATCHED)
    + " BEGIN "
    + _SQLITE_ROW.format(r="OLD", s="-1")
    + _SQLITE_ROW.format(r="NEW", s="1")
    + " END",
    "CREATE TRIGGER mentors_tally_rating_insert AFTER INSERT ON mentors_rating BEGIN "
    + _SQLITE_RATING.format(r="NEW", s="1")
    + " END",
    "CREATE TRIGGER mentors_tally_rating_delete AFTER DELETE ON mentors_rating BEGIN "
    + _SQLITE_RATING.format(r="OLD", s="-1")
    + " END",
    "CREATE TRIGGER mentors_tally_rating_update AFTER UPDATE ON mentors_rating WHEN "
    "OLD.satisfaction IS NOT NEW.satisfaction OR OLD.ticket_id IS NOT NEW.ticket_id BEGIN "
    + _SQLITE_RATING.format(r="OLD", s="-1")
    + _SQLITE_RATING.format(r="NEW", s="1")
    + " END",
]
SQLITE_REMOVE = [
    f"DROP TRIGGER IF EXISTS mentors_tally_{name}"
    for name in (
        "ticket_insert",
        "ticket_delete",
        "ticket_update",
        "rating_insert",
        "rating_delete",
        "rating_update",
    )
]

_PG_ADD = (
    "CREATE OR REPLACE FUNCTION mentors_tally_add(r mentors_ticket, s integer) "
    "RETURNS void AS $$ BEGIN "
    f"INSERT INTO {TABLE} ({_KEY_SQL}, {_SUMS_SQL}) VALUES ({_key_of('r')}, s, "
    "s * (r.first_response_at IS NOT NULL)::int, "
    "s * (r.first_response_at IS NOT NULL AND NOT r.response_breached)::int, "
    "s * (r.resolved_at IS NOT NULL)::int, "
    "s * (r.resolved_at IS NOT NULL AND NOT r.resolution_breached)::int, "
    "s * COALESCE(EXTRACT(EPOCH FROM (r.first_response_at - r.created_at)), 0), "
    "s * COALESCE(EXTRACT(EPOCH FROM (r.resolved_at - r.created_at)), 0), "
    "s * (SELECT COUNT(*) FROM mentors_rating WHERE ticket_id = r.id), "
    "s * COALESCE((SELECT SUM(satisfaction) FROM mentors_rating WHERE ticket_id = r.id), 0)) "
    + _upsert(TABLE, _SUM_NAMES)
    + "; END $$ LANGUAGE plpgsql"
)
# Two rows of the tally change in one update: always in the same order (by key), so two
# requests moving in opposite directions at once cannot deadlock on them.
_PG_TICKET = (
    "CREATE OR REPLACE FUNCTION mentors_tally_ticket() RETURNS trigger AS $$ BEGIN "
    "IF TG_OP = 'INSERT' THEN PERFORM mentors_tally_add(NEW, 1); "
    "ELSIF TG_OP = 'DELETE' THEN PERFORM mentors_tally_add(OLD, -1); "
    f"ELSIF ({_key_of('OLD')}) <= ({_key_of('NEW')}) THEN "
    "PERFORM mentors_tally_add(OLD, -1); PERFORM mentors_tally_add(NEW, 1); "
    "ELSE PERFORM mentors_tally_add(NEW, 1); PERFORM mentors_tally_add(OLD, -1); "
    "END IF; RETURN NULL; END $$ LANGUAGE plpgsql"
)
_PG_MATCH = "d.kind = t.kind AND d.state = t.state AND d.assignee = COALESCE(t.assignee_id, 0) "
_PG_MATCH += "".join(f"AND d.{flag} = t.{flag} " for flag in FLAGS)
_PG_RATING = (
    "CREATE OR REPLACE FUNCTION mentors_tally_rating() RETURNS trigger AS $$ BEGIN "
    "IF TG_OP IN ('UPDATE', 'DELETE') THEN "
    f"UPDATE {TABLE} d SET ratings = d.ratings - 1, "
    "satisfaction_sum = d.satisfaction_sum - OLD.satisfaction FROM mentors_ticket t "
    f"WHERE t.id = OLD.ticket_id AND {_PG_MATCH}; END IF; "
    "IF TG_OP IN ('UPDATE', 'INSERT') THEN "
    f"UPDATE {TABLE} d SET ratings = d.ratings + 1, "
    "satisfaction_sum = d.satisfaction_sum + NEW.satisfaction FROM mentors_ticket t "
    f"WHERE t.id = NEW.ticket_id AND {_PG_MATCH}; END IF; "
    "RETURN NULL; END $$ LANGUAGE plpgsql"
)
PG_INSTALL = [
    _PG_ADD,
    _PG_TICKET,
    _PG_RATING,
    "CREATE TRIGGER mentors_tally_ticket_write AFTER INSERT OR DELETE ON mentors_ticket "
    "FOR EACH ROW EXECUTE FUNCTION mentors_tally_ticket()",
    "CREATE TRIGGER mentors_tally_ticket_update AFTER UPDATE ON mentors_ticket FOR EACH ROW "
    "WHEN ("
    + " OR ".join(f"OLD.{c} IS DISTINCT FROM NEW.{c}" for c in _WATCHED)
    + ") EXECUTE FUNCTION mentors_tally_ticket()",
    "CREATE TRIGGER mentors_tally_rating AFTER INSERT OR UPDATE OR DELETE ON mentors_rating "
    "FOR EACH ROW EXECUTE FUNCTION mentors_tally_rating()",
]
PG_REMOVE = [
    "DROP TRIGGER IF EXISTS mentors_tally_ticket_write ON mentors_ticket",
    "DROP TRIGGER IF EXISTS mentors_tally_ticket_update ON mentors_ticket",
    "DROP TRIGGER IF EXISTS mentors_tally_rating ON mentors_rating",
    "DROP FUNCTION IF EXISTS mentors_tally_ticket()",
    "DROP FUNCTION IF EXISTS mentors_tally_rating()",
    "DROP FUNCTION IF EXISTS mentors_tally_add(mentors_ticket, integer)",
]


def install_triggers(connection_) -> None:
    vendor = connection_.vendor
    statements = {"sqlite": SQLITE_INSTALL, "postgresql": PG_INSTALL}.get(vendor)
    if statements is None:
        raise NotImplementedError(f"The desk tally has no triggers for {vendor}.")
    with connection_.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def remove_triggers(connection_) -> None:
    vendor = connection_.vendor
    with connection_.cursor() as cursor:
        for statement in {"sqlite": SQLITE_REMOVE, "postgresql": PG_REMOVE}.get(vendor, []):
            cursor.execute(statement)


# --- time: due soon, past due ---------------------------------------------------------------


def _behind(now) -> list[tuple[Q, dict]]:
    """Per SLA moment: requests whose mark is behind at `now` (the moment passed but not
    marked; marked but moved later or gone), with the mark they should carry. Each filter
    matches one of the partial indexes of `Ticket`, so it reads only those requests."""
    from .models import PHASES

    found = []
    for moment, flag in PHASES.items():
        found.append((Q(**{flag: False, f"{moment}__lte": now}), {flag: True}))
        # Two ranges of the marked ones' index (an OR of the two would read all of it).
        found.append((Q(**{flag: True, f"{moment}__isnull": True}), {flag: False}))
        found.append((Q(**{flag: True, f"{moment}__gt": now}), {flag: False}))
    return found


# How often the desk's pages bring the SLA marks up to date (seconds); the SLA sweep does it
# every five minutes besides.
CHECK_EVERY = 30


def phases_advance(*, now: dt.datetime | None = None, Ticket=None, check: bool = False) -> int:
    """Mark on each request which of its SLA moments have passed at `now`; the triggers
    move the tally along. Set-based and idempotent: the number of updates that changed
    something. With `check`, one query first asks whether anything is behind at all (the
    desk's pages call it so before they read the tally)."""
    if Ticket is None:
        from .models import Ticket
    now = now or timezone.now()
    behind = _behind(now)
    if check:
        # The desk's pages ask at most once a CHECK_EVERY window (any process): a request
        # whose moment passed since shows in "Breaching soon" or "Breached" that much later
        # at most. Changes that set the moments go through the triggers at once.
        window = int(now.timestamp() // CHECK_EVERY)
        if not cache.add(f"mentors:tally:checked:{window}", True, CHECK_EVERY * 2):
            return 0
        probes = [Ticket.objects.filter(q).values("pk") for q, _mark in behind]
        if not probes[0].union(*probes[1:], all=True).exists():
            return 0
    changed = 0
    with transaction.atomic():
        for q, mark in behind:
            changed += Ticket.objects.filter(q).update(**mark)
        if changed:
            from .kept import moved

            moved()  # "Breaching soon" and "Breached" hold other requests now
    return changed


# --- rebuilding -----------------------------------------------------------------------------


def counted(Ticket) -> list[dict]:
    """The tally as a fresh count of the requests would give it (one grouped query)."""
    response = ExpressionWrapper(F("first_response_at") - F("created_at"), DurationField())
    resolution = ExpressionWrapper(F("resolved_at") - F("created_at"), DurationField())
    rows = (
        Ticket.objects.annotate(who=Coalesce("assignee_id", Value(0)))
        .values("kind", "state", "who", *FLAGS)
        .annotate(
            tickets=Count("pk"),
            answered=Count("pk", filter=Q(first_response_at__isnull=False)),
            answered_in_time=Count(
                "pk",
                filter=Q(first_response_at__isnull=False, response_breached=False),
            ),
            resolved=Count("pk", filter=Q(resolved_at__isnull=False)),
            resolved_in_time=Count(
                "pk",
                filter=Q(resolved_at__isnull=False, resolution_breached=False),
            ),
            response_time=Sum(response, filter=Q(first_response_at__isnull=False)),
            resolution_time=Sum(resolution, filter=Q(resolved_at__isnull=False)),
            ratings=Count("rating"),
            satisfaction_sum=Sum("rating__satisfaction"),
        )
        .order_by()
    )
    result = []
    for row in rows:
        result.append(
            {
                "kind": row["kind"],
                "state": row["state"],
                "assignee": row["who"],
                **{flag: row[flag] for flag in FLAGS},
                "tickets": row["tickets"],
                "answered": row["answered"],
                "answered_in_time": row["answered_in_time"],
                "resolved": row["resolved"],
                "resolved_in_time": row["resolved_in_time"],
                "response_seconds": _seconds(row["response_time"]),
                "resolution_seconds": _seconds(row["resolution_time"]),
                "ratings": row["ratings"],
                "satisfaction_sum": row["satisfaction_sum"] or 0,
            }
        )
    return result


def _seconds(value) -> float:
    if value is None:
        return 0.0
    if isinstance(value, dt.timedelta):
        return value.total_seconds()
    return float(value) / 1_000_000  # a backend that sums durations as microseconds


def reconcile(*, now: dt.datetime | None = None, Ticket=None, DeskTally=None) -> dict:
    """Advance the phases, then rebuild the tally from the requests: idempotent. The tally
    is locked first (PostgreSQL) or written first (SQLite takes its one write lock), so no
    request changes between the count and the rewrite."""
    if Ticket is None or DeskTally is None:
        from .models import DeskTally, Ticket
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(f"LOCK TABLE {TABLE} IN EXCLUSIVE MODE")
        phases_advance(now=now, Ticket=Ticket)
        before = {_key(row): row for row in DeskTally.objects.values()}
        DeskTally.objects.all().delete()
        rows = counted(Ticket)
        DeskTally.objects.bulk_create([DeskTally(**row) for row in rows])
    mended = sum(
        1
        for row in rows
        if _key(row) not in before
        or any(
            abs((before[_key(row)][name] or 0) - row[name]) > 0.5
            for name in ("tickets", "answered", "resolved", "ratings")
        )
    )
    return {"rows": len(rows), "mended": mended}


def _key(row: dict) -> tuple:
    return tuple(row[name] for name in KEY)


# --- reading --------------------------------------------------------------------------------


@dataclass
class Totals:
    """Sums over some rows of the tally."""

    tickets: int = 0
    answered: int = 0
    answered_in_time: int = 0
    resolved: int = 0
    resolved_in_time: int = 0
    response_seconds: float = 0.0
    resolution_seconds: float = 0.0
    ratings: int = 0
    satisfaction_sum: int = 0
    response_overdue: int = 0
    resolution_overdue: int = 0
    overdue: int = 0

    def add(self, row) -> None:
        for name in SUMS:
            setattr(self, name, getattr(self, name) + getattr(row, name))
        if row.state in OPEN_STATES:
            self.response_overdue += row.tickets if row.past_response_due else 0
            self.resolution_overdue += row.tickets if row.past_resolution_due else 0
            late = row.past_response_due or row.past_resolution_due
            self.overdue += row.tickets if late else 0


def triggers_present(connection_) -> bool:
    with connection_.cursor() as cursor:
        if connection_.vendor == "sqlite":
            cursor.execute(
                "SELECT COUNT(*) FROM sqlite_master WHERE type = 'trigger' "
                "AND name LIKE 'mentors_tally_%%'"
            )
            return cursor.fetchone()[0] == len(SQLITE_INSTALL)
        if connection_.vendor == "postgresql":
            cursor.execute(
                "SELECT COUNT(*) FROM pg_trigger WHERE tgname LIKE 'mentors_tally_%%' "
                "AND NOT tgisinternal"
            )
            return cursor.fetchone()[0] == 3
    return True


def ensure_after_migrate(sender, using="default", **kwargs) -> None:
    """post_migrate: SQLite rebuilds a table for some later schema changes and drops its
    triggers with it; put them back (and recount) whenever they are missing."""
    from django.db import connections

    from .models import DeskTally, Ticket

    conn = connections[using]
    tables = conn.introspection.table_names()
    if TABLE not in tables or "mentors_ticket" not in tables or triggers_present(conn):
        return
    with transaction.atomic(using=using):
        remove_triggers(conn)
        install_triggers(conn)
    reconcile(Ticket=Ticket, DeskTally=DeskTally)
