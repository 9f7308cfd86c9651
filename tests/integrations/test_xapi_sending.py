"""Sending statements through the outbox to a (stub) LRS: batches, retries with backoff,
permanent failures, claims, erasure, and the sweep's queries."""

import base64
import datetime as dt
import socket
import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from ambassadors.erasure import account_erase
from ambassadors.personal_data import personal_data
from integrations import tasks
from integrations.models import XapiStatement
from integrations.xapi import services, statements
from sharing import services as sharing
from tests.factories import make_user
from tests.factories.sharing import make_item

from .xapi_stub import stub_lrs_fixture  # noqa: F401 (the stub_lrs fixture)

pytestmark = pytest.mark.django_db


def record(user, n: int = 1) -> list[XapiStatement]:
    """`n` statements of `user`, recorded as the receivers do."""
    return [
        services.statement_record(
            user=user,
            body=statements.lesson_completed(
                user_id=user.pk,
                course_key=uuid.uuid4(),
                lesson_key=uuid.uuid4(),
                names={"nl": "Les", "en": "Lesson"},
                timestamp=timezone.now(),
            ),
        )
        for _ in range(n)
    ]


def fresh(row: XapiStatement) -> XapiStatement:
    return XapiStatement.objects.get(pk=row.pk)


def test_a_statement_is_posted_with_basic_auth_and_the_xapi_version(stub_lrs):
    [row] = record(make_user())
    assert services.statement_send(statement_id=row.pk) is True

    [request] = stub_lrs.received
    assert request["path"] == "/xAPI/statements"
    headers = {key.lower(): value for key, value in request["headers"].items()}
    assert headers["authorization"] == "Basic " + base64.b64encode(b"academy:s3cret").decode()
    assert headers["x-experience-api-version"] == "1.0.3"
    assert headers["content-type"] == "application/json"
    assert request["statements"] == [row.body]
    row = fresh(row)
    assert row.sent_at is not None
    assert (row.attempts, row.last_error, row.send_after) == (1, "", None)
    # Sent is sent: the task again changes nothing.
    assert tasks.xapi_statement_send(row.pk) is False
    assert len(stub_lrs.received) == 1


def test_a_share_is_sent_after_the_commit(stub_lrs, django_capture_on_commit_callbacks):
    user = make_user()
    with django_capture_on_commit_callbacks(execute=True):
        sharing.share_create(user=user, item=make_item(), network="x", text="Worth it")
    assert [s["verb"]["id"] for s in stub_lrs.received[0]["statements"]] == [statements.SHARED]
    assert XapiStatement.objects.get(user=user).sent_at is not None


def test_a_server_error_is_retried_with_backoff(stub_lrs):
    """500 first: kept with the error and tried again after 2 minutes; then 200: sent."""
    stub_lrs.answers = [500]
    [row] = record(make_user())
    before = timezone.now()
    assert services.statement_send(statement_id=row.pk) is False
    row = fresh(row)
    assert row.sent_at is None
    assert row.claimed_at is None
    assert row.attempts == 1
    assert row.last_error.startswith("500 ")
    assert before + dt.timedelta(minutes=2) <= row.send_after
    assert row.send_after <= timezone.now() + dt.timedelta(minutes=2)

    assert services.statements_sweep() == 0  # not due yet
    assert len(stub_lrs.received) == 1
    XapiStatement.objects.filter(pk=row.pk).update(send_after=timezone.now())
    assert services.statements_sweep() == 1
    row = fresh(row)
    assert row.sent_at is not None
    assert row.attempts == 2
    assert row.last_error == ""
    # The resend is the same statement: same id, same body.
    assert stub_lrs.received[0]["statements"] == stub_lrs.received[1]["statements"]


def test_backoff_doubles_up_to_six_hours():
    assert [services.backoff(n) for n in (0, 1, 2, 5)] == [
        dt.timedelta(minutes=m) for m in (1, 2, 4, 32)
    ]
    assert services.backoff(9) == dt.timedelta(hours=6)
    assert services.backoff(500) == dt.timedelta(hours=6)


def test_an_unreachable_lrs_is_retried(settings):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # nobody listens once closed
    settings.XAPI_ENDPOINT = f"http://127.0.0.1:{port}/xAPI"
    [row] = record(make_user())
    assert services.statement_send(statement_id=row.pk) is False
    row = fresh(row)
    assert row.send_after is not None
    assert row.sent_at is None
    assert row.last_error == "The page could not be reached."


def test_it_gives_up_after_the_cap(stub_lrs):
    stub_lrs.answers = [503]
    [row] = record(make_user())
    XapiStatement.objects.filter(pk=row.pk).update(attempts=services.MAX_ATTEMPTS - 1)
    services.statement_send(statement_id=row.pk)
    row = fresh(row)
    assert (row.attempts, row.send_after, row.sent_at) == (services.MAX_ATTEMPTS, None, None)
    assert row.last_error.startswith("503 ")
    assert XapiStatement.objects.failed().get() == row


def test_a_conflict_is_a_permanent_failure(stub_lrs):
    """409: the LRS has that id with another body; sending again cannot help."""
    stub_lrs.answers = [409]
    [row] = record(make_user())
    services.statement_send(statement_id=row.pk)
    row = fresh(row)
    assert row.send_after is None
    assert row.sent_at is None
    assert row.last_error.startswith("409 ")
    XapiStatement.objects.filter(pk=row.pk).update(claimed_at=None)
    assert services.statements_sweep() == 0
    assert len(stub_lrs.received) == 1
    status = services.lrs_status()
    assert (status.waiting, status.sent, status.failed) == (0, 0, 1)
    assert status.last_error.startswith("409 ")


@pytest.mark.parametrize("status", [401, 403, 404])
def test_wrong_credentials_or_endpoint_lose_nothing(stub_lrs, status):
    """Refused credentials or a wrong address are the set-up's fault, not the statements':
    the batch is kept whole and tried again later, never failed one by one."""
    rows = record(make_user(), 3)
    stub_lrs.answers = [status]
    assert services.statements_sweep() == 0
    assert [len(request["statements"]) for request in stub_lrs.received] == [3]
    for row in rows:
        row = fresh(row)
        assert row.sent_at is None
        assert row.send_after is not None  # waiting for the next try
        assert row.last_error.startswith(f"{status} ")
    assert not XapiStatement.objects.failed().exists()


def test_failed_statements_go_out_again_when_asked(stub_lrs):
    """After the LRS is put right, the failed statements are sent again with fresh attempts."""
    [row] = record(make_user())
    stub_lrs.answers = [503]
    XapiStatement.objects.filter(pk=row.pk).update(attempts=services.MAX_ATTEMPTS - 1)
    services.statement_send(statement_id=row.pk)
    assert XapiStatement.objects.failed().get() == fresh(row)
    assert services.statements_retry_failed() == 1
    assert fresh(row).attempts == 0
    stub_lrs.answers = [200]
    assert services.statements_sweep() == 1
    assert fresh(row).sent_at is not None
    assert services.statements_retry_failed() == 0


def test_a_refused_batch_is_sent_one_by_one_to_find_the_bad_statement(stub_lrs):
    """The LRS refuses a batch whole: each is then sent alone, and only the bad one fails."""
    first, bad, last = record(make_user(), 3)
    stub_lrs.answers = [400, 200, 400, 200]
    assert services.statements_sweep() == 2
    assert [len(request["statements"]) for request in stub_lrs.received] == [3, 1, 1, 1]
    assert fresh(first).sent_at
    assert fresh(last).sent_at
    bad = fresh(bad)
    assert bad.sent_at is None
    assert bad.send_after is None
    assert bad.last_error.startswith("400 ")
    assert bad.attempts == 1


def test_the_sweep_posts_batches_of_fifty(stub_lrs):
    record(make_user(), 120)
    assert services.statements_sweep() == 120
    assert [len(request["statements"]) for request in stub_lrs.received] == [50, 50, 20]
    assert not XapiStatement.objects.waiting().exists()


def sweep_queries() -> int:
    with CaptureQueriesContext(connection) as captured:
        services.statements_sweep()
    return len(captured)


def test_the_sweep_queries_per_batch_not_per_statement(stub_lrs):
    user = make_user()
    record(user, 3)
    few = sweep_queries()
    record(user, 45)
    many = sweep_queries()
    assert few == many
    record(user, 120)
    assert sweep_queries() == few + 2 * (few - 1)  # one read of the due rows, then per batch


def test_a_live_claim_is_left_alone_and_a_stale_one_taken_over(stub_lrs, settings):
    [row] = record(make_user())
    XapiStatement.objects.filter(pk=row.pk).update(claimed_at=timezone.now())
    assert services.statement_send(statement_id=row.pk) is False
    assert services.statements_sweep() == 0
    assert stub_lrs.received == []
    stale = timezone.now() - dt.timedelta(seconds=settings.ACADEMY_OUTBOX_LEASE_SECONDS + 1)
    XapiStatement.objects.filter(pk=row.pk).update(claimed_at=stale)
    assert services.statements_sweep() == 1


def test_nothing_is_sent_once_the_lrs_is_switched_off(stub_lrs, settings):
    [row] = record(make_user())
    settings.XAPI_ENDPOINT = ""
    assert services.statements_sweep() == 0
    assert services.statement_send(statement_id=row.pk) is False
    assert stub_lrs.received == []
    assert fresh(row).attempts == 0


def test_the_export_lists_statements_and_erasure_drops_the_unsent(stub_lrs):
    user = make_user()
    sent, unsent = record(user, 2)
    services.statement_send(statement_id=sent.pk)
    other = record(make_user())[0]

    exported = personal_data(user)["learning_record_statements"]
    assert {str(row["statement_id"]) for row in exported} == {
        str(sent.statement_id),
        str(unsent.statement_id),
    }
    assert all("user_id" not in row for row in exported)

    account_erase(user=user)
    assert not XapiStatement.objects.filter(pk=unsent.pk).exists()
    assert fresh(sent).user is None  # the LRS has it; here it no longer points at anyone
    assert fresh(other).user is not None
    services.statements_sweep()
    assert str(unsent.statement_id) not in stub_lrs.statement_ids
