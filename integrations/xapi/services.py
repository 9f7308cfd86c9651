"""Statements to the learning record store: written as outbox rows, sent in batches.

A statement is a row first (`statement_record`, inside the request's transaction) and leaves
after the commit (`statement_send`, a task) or with the next sweep (`statements_sweep`): the
database is the source of truth, the queue only a doorbell. The claim is one conditional
UPDATE with a lease, so two workers never post the same row at once, and a worker that dies
leaves a claim the sweep takes over once the lease has passed. A row's id and body never
change, so a row posted twice (a lost answer) is a duplicate the LRS drops.

What the LRS answers decides the row's fate: 200/204 sent; 409 (it has that id with another
body) and other 4xx are permanent failures, kept with the error; 5xx, 429 and an unreachable
LRS are retried after min(2**attempts minutes, 6 h), until MAX_ATTEMPTS.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import logging
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.db.models import Count, F, Q
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from core.errors import Refusal
from core.outbound import OutboundError, post_configured
from core.queue import enqueue_on_commit

from ..models import XapiStatement
from . import statements

logger = logging.getLogger(__name__)

BATCH_SIZE = 50
# Answers that refuse the statements themselves (malformed, too large, an id the LRS holds
# with another content): those are found one by one and fail for good. Any other answer
# (wrong credentials 401/403, a wrong endpoint 404, 429, 5xx) is the LRS's or the
# configuration's trouble: the whole batch is tried again later, nothing is lost.
REFUSED_STATEMENTS = {400, 409, 413, 422}
MAX_ATTEMPTS = 16  # about two days of retries with the backoff below
MAX_BACKOFF = dt.timedelta(hours=6)
SEND_TASK = "integrations.tasks.xapi_statement_send"
ERROR_LENGTH = XapiStatement._meta.get_field("last_error").max_length

ERROR_NOT_CONFIGURED = _("No learning record store is configured (XAPI_ENDPOINT).")


class XapiNotConfigured(Refusal):
    """There is no LRS to send to."""


def configured() -> bool:
    return bool(settings.XAPI_ENDPOINT)


def _lease() -> dt.timedelta:
    return dt.timedelta(seconds=settings.ACADEMY_OUTBOX_LEASE_SECONDS)


def backoff(attempts: int) -> dt.timedelta:
    """How long to wait after the `attempts`-th failed try."""
    return min(dt.timedelta(minutes=2 ** min(attempts, 20)), MAX_BACKOFF)


def statement_record(*, user: User, body: dict) -> XapiStatement | None:
    """Keep a statement to send (once: its id comes from verb, person and object) and ring
    the doorbell after the commit. Nothing when no LRS is configured."""
    if not configured():
        return None
    statement_id = body["id"]
    try:
        with transaction.atomic():
            row, created = XapiStatement.objects.get_or_create(
                statement_id=statement_id,
                defaults={
                    "user": user,
                    "verb": body["verb"]["id"],
                    "body": body,
                    "send_after": timezone.now(),
                },
            )
    except IntegrityError:  # the same event recorded at the same moment elsewhere
        return XapiStatement.objects.get(statement_id=statement_id)
    if created:
        enqueue_on_commit(SEND_TASK, row.pk)
    return row


# --- sending -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Answer:
    status: int  # 0 when the LRS could not be reached
    text: str


def _headers() -> dict[str, str]:
    credentials = f"{settings.XAPI_USERNAME}:{settings.XAPI_PASSWORD}".encode()
    return {
        "Authorization": "Basic " + base64.b64encode(credentials).decode("ascii"),
        "X-Experience-API-Version": statements.XAPI_VERSION,
        "Content-Type": "application/json",
        "Accept": "application/json",
    }


def lrs_post(bodies: list[dict]) -> Answer:
    """POST statements to `{endpoint}/statements`; what the LRS answered, never raises."""
    try:
        answered = post_configured(
            f"{settings.XAPI_ENDPOINT}/statements",
            body=json.dumps(bodies, separators=(",", ":")).encode(),
            headers=_headers(),
        )
    except OutboundError as error:
        # Kept on the row and logged, next to the LRS's own (English) answers.
        with translation.override("en"):
            return Answer(0, str(error))
    return Answer(answered.status, answered.content[:500].decode("utf-8", "replace"))


def _claim(ids: list[int], now: dt.datetime) -> list[XapiStatement]:
    """Claim the rows of `ids` that are still due, in one UPDATE; return those claimed.

    The claim time is the token: a row claimed at `now` by this UPDATE is ours."""
    if not ids:
        return []
    claimed = (
        XapiStatement.objects.due(now, _lease())
        .filter(pk__in=ids)
        .update(claimed_at=now, attempts=F("attempts") + 1)
    )
    if not claimed:
        return []
    return list(XapiStatement.objects.filter(pk__in=ids, claimed_at=now).order_by("pk"))


def _sent(rows: list[XapiStatement]) -> None:
    XapiStatement.objects.filter(pk__in=[row.pk for row in rows]).update(
        sent_at=timezone.now(), send_after=None, claimed_at=None, last_error=""
    )


def _failed(rows: list[XapiStatement], answer: Answer, *, permanent: bool) -> None:
    error = (f"{answer.status} " if answer.status else "") + answer.text
    error = " ".join(error.split())[:ERROR_LENGTH]
    now = timezone.now()
    for row in rows:
        gives_up = permanent or row.attempts >= MAX_ATTEMPTS
        logger.warning(
            "xAPI statement %s %s: %s",
            row.statement_id,
            "given up" if gives_up else "to be retried",
            error,
        )
        XapiStatement.objects.filter(pk=row.pk).update(
            claimed_at=None,
            last_error=error,
            send_after=None if gives_up else now + backoff(row.attempts),
        )


def _deliver(rows: list[XapiStatement]) -> int:
    """Post claimed rows as one batch; returns how many were sent."""
    answer = lrs_post([row.body for row in rows])
    if answer.status in (200, 204):
        _sent(rows)
        return len(rows)
    if answer.status in REFUSED_STATEMENTS:
        if len(rows) > 1:
            # The LRS takes a batch whole or not at all: find the one it refuses.
            XapiStatement.objects.filter(pk__in=[row.pk for row in rows]).update(
                claimed_at=None, attempts=F("attempts") - 1
            )
            return sum(statement_send(statement_id=row.pk) for row in rows)
        _failed(rows, answer, permanent=True)
        return 0
    _failed(rows, answer, permanent=False)
    return 0


def statement_send(*, statement_id: int) -> bool:
    """Send one statement if it is due and nobody else is sending it."""
    if not configured():
        return False
    rows = _claim([statement_id], timezone.now())
    return bool(rows) and _deliver(rows) == 1


def statements_sweep(*, limit: int = 1000) -> int:
    """Send what is due and unclaimed (or whose claim went stale), in batches of BATCH_SIZE."""
    if not configured():
        return 0
    now = timezone.now()
    ids = list(
        XapiStatement.objects.due(now, _lease())
        .order_by("send_after", "pk")
        .values_list("pk", flat=True)[:limit]
    )
    sent = 0
    for start in range(0, len(ids), BATCH_SIZE):
        rows = _claim(ids[start : start + BATCH_SIZE], timezone.now())
        if rows:
            sent += _deliver(rows)
    return sent


def statements_retry_failed() -> int:
    """The failed statements go into the outbox again with a fresh count of attempts (after
    the credentials or the LRS were put right); the sweep sends them. How many."""
    count = XapiStatement.objects.failed().update(
        send_after=timezone.now(), attempts=0, claimed_at=None
    )
    if count:
        enqueue_on_commit("integrations.tasks.xapi_statements_sweep")
    return count


def lrs_test_send(*, by: User) -> Answer:
    """Send a test statement (the administrator as the actor) now, and say what the LRS
    answered: for the CMS's status page, not through the outbox."""
    if not configured():
        raise XapiNotConfigured(ERROR_NOT_CONFIGURED)
    return lrs_post([statements.lrs_test(user_id=by.pk, timestamp=timezone.now())])


# --- for the CMS and the person --------------------------------------------------------------


@dataclass(frozen=True)
class LrsStatus:
    configured: bool
    endpoint: str
    waiting: int
    sent: int
    failed: int
    last_error: str  # of the latest row not sent


def lrs_status() -> LrsStatus:
    """The LRS set-up and the outbox's figures (a fixed number of queries)."""
    figures = XapiStatement.objects.aggregate(
        waiting=Count("pk", filter=Q(sent_at__isnull=True, send_after__isnull=False)),
        sent=Count("pk", filter=Q(sent_at__isnull=False)),
        failed=Count("pk", filter=Q(sent_at__isnull=True, send_after__isnull=True)),
    )
    last = (
        XapiStatement.objects.exclude(last_error="")
        .filter(sent_at__isnull=True)
        .order_by("-pk")
        .values_list("last_error", flat=True)
        .first()
    )
    return LrsStatus(
        configured=configured(),
        endpoint=settings.XAPI_ENDPOINT,
        last_error=last or "",
        **figures,
    )
