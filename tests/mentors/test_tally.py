"""The desk's tally (`mentors.tally`): it equals a fresh count of the requests after any
sequence of changes, whatever path made them (services, bulk updates, erasure, cascades);
the SLA marks follow the clock; the reconcile task mends drift; the triggers come back if
a migration dropped them; and the desk's pages stay at the same queries however long the
open backlog is."""

import contextlib
import datetime as dt
import random
import re

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.utils import timezone

from ambassadors.erasure import account_erase
from ambassadors.models import Ambassador
from core.provisioning import declarations
from mentors import selectors, services, tally, tasks
from mentors.models import DeskTally, Kind, Rating, Ticket
from tests.factories import make_user
from tests.factories.mentors import desk_read_anew, file_request, make_mentor
from tests.queries import page_queries

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]
T = Ticket.State
SUMS = DeskTally.SUMS


def kept() -> dict:
    """The tally as stored: its rows with anything in them (a row whose requests all left
    may keep a rounding residue in its float sums)."""
    rows = {}
    for row in DeskTally.objects.values():
        sums = {name: row[name] for name in SUMS}
        if row["tickets"] or row["ratings"]:
            rows[tuple(row[name] for name in tally.KEY)] = sums
    return rows


def fresh() -> dict:
    """The tally as a fresh count of the requests gives it."""
    return {
        tuple(row[name] for name in tally.KEY): {name: row[name] for name in SUMS}
        for row in tally.counted(Ticket)
        if row["tickets"]
    }


def assert_tally_right():
    stored, counted = kept(), fresh()
    assert stored.keys() == counted.keys()
    for key, sums in counted.items():
        for name, value in sums.items():
            # Sums of seconds added and taken away as floats in the triggers: a residue of
            # a fraction of a second is rounding, not drift (reconcile clears it hourly).
            assert stored[key][name] == pytest.approx(value, rel=1e-9, abs=1.0), (key, name)


def test_the_tally_equals_a_fresh_count_after_random_changes(employee):
    rng = random.Random(20)
    mentors = [make_mentor(*Kind.values, capacity=3) for _ in range(3)]
    lead = make_mentor(*Kind.values, lead=True, capacity=2)
    people = [employee, *(make_user() for _ in range(3))]
    for person in people:
        Ambassador.objects.filter(user=person).update(language="en")
    workers = [*mentors, lead]

    def some_ticket(*states):
        found = list(Ticket.objects.filter(state__in=states or T.values).order_by("pk"))
        return rng.choice(found) if found else None

    def create():
        file_request(rng.choice(people), kind=rng.choice(Kind.values), subject="Help")

    def take():
        ticket = some_ticket(T.QUEUED)
        if ticket:
            services.ticket_take(ticket=ticket, mentor=rng.choice(workers))

    def reassign():
        ticket = some_ticket(T.ASSIGNED, T.WAITING)
        if ticket:
            services.ticket_reassign(
                ticket=ticket, to_user=rng.choice(workers), actor=lead, reason="Holiday"
            )

    def reply():
        ticket = some_ticket(T.ASSIGNED, T.WAITING)
        if ticket:
            author = rng.choice([ticket.assignee, ticket.requester])
            services.ticket_reply(
                ticket=ticket, author=author, body="Answer", then_wait=rng.random() < 0.5
            )

    def wait():
        ticket = some_ticket(T.ASSIGNED)
        if ticket:
            services.ticket_wait(ticket=ticket, mentor=ticket.assignee)

    def resolve():
        ticket = some_ticket(T.QUEUED, T.ASSIGNED, T.WAITING)
        if ticket:
            services.ticket_resolve(ticket=ticket, by=ticket.requester)

    def reopen():
        ticket = some_ticket(T.RESOLVED)
        if ticket:
            services.ticket_reopen(ticket=ticket, user=ticket.requester)

    def rate():
        ticket = some_ticket(T.RESOLVED)
        if ticket:
            services.ticket_rate(
                ticket=ticket, user=ticket.requester, satisfaction=rng.randint(1, 5)
            )

    def time_passes():
        # Moments pass (or a bulk change moves them), then the desk reads its counts.
        ticket = some_ticket(T.QUEUED, T.ASSIGNED)
        if ticket:
            past = timezone.now() - dt.timedelta(hours=rng.randint(1, 30))
            Ticket.objects.filter(pk=ticket.pk).update(
                response_warn_at=past - dt.timedelta(hours=1), response_due_at=past
            )
        selectors.queue_counts(user=lead)

    def bulk_update():
        # A change outside the services (an admin action, a data fix).
        Ticket.objects.filter(state=T.RESOLVED, kind=Kind.QUESTION).update(
            kind=Kind.COACHING, resolution_breached=True
        )

    def release():
        services.tickets_release(mentor=rng.choice(mentors))

    def erase_requester():
        if len(people) > 2:
            account_erase(user=people.pop())

    def delete_requester():
        # An account deleted outright: its requests go with it (a cascade).
        if len(people) > 2:
            people.pop().delete()

    def unrate():
        Rating.objects.filter(pk__in=Rating.objects.values("pk")[:1]).delete()

    operations = [create] * 6 + [
        take,
        reassign,
        reply,
        reply,
        wait,
        resolve,
        resolve,
        reopen,
        rate,
        rate,
        time_passes,
        bulk_update,
        release,
        erase_requester,
        delete_requester,
        unrate,
    ]
    for _ in range(120):
        with contextlib.suppress(services.DeskError):
            rng.choice(operations)()
    assert Ticket.objects.exists()
    assert Rating.objects.exists()
    tally.phases_advance()
    assert_tally_right()


def test_reconcile_mends_drift_and_changes_nothing_when_right(employee):
    make_mentor(Kind.QUESTION)
    for _ in range(3):
        file_request(employee)
    DeskTally.objects.update(tickets=99)
    DeskTally.objects.create(
        kind=Kind.EDITING,
        state=T.QUEUED,
        assignee=0,
        past_response_warn=False,
        past_response_due=False,
        past_resolution_warn=False,
        past_resolution_due=False,
        tickets=4,
    )
    result = tasks.tally_reconcile()
    assert result["mended"] >= 1
    assert_tally_right()
    assert DeskTally.objects.filter(kind=Kind.EDITING).count() == 0
    again = tasks.tally_reconcile()
    assert again["mended"] == 0
    assert_tally_right()


def test_the_tally_tasks_are_scheduled():
    schedules = {s.func for app in declarations() for s in app.schedules}
    assert {"mentors.tasks.sla_sweep", "mentors.tasks.tally_reconcile"} <= schedules


def test_the_sweep_brings_the_sla_marks_up_to_date(employee):
    make_mentor(Kind.QUESTION)
    ticket = file_request(employee)
    past = timezone.now() - dt.timedelta(minutes=5)
    Ticket.objects.filter(pk=ticket.pk).update(response_warn_at=past, response_due_at=past)
    assert tasks.sla_sweep()["marked"] >= 1
    marked = Ticket.objects.get(pk=ticket.pk)
    assert marked.past_response_warn
    assert marked.past_response_due
    assert_tally_right()


def test_sla_marks_follow_the_clock_and_the_tabs_count_them(employee):
    mentor = make_mentor(Kind.QUESTION, lead=True)
    ticket = file_request(employee)
    assert ticket.assignee == mentor
    counts = selectors.queue_counts(user=mentor)
    assert (counts["soon"], counts["breached"]) == (0, 0)
    # Time passes the warning moment: due soon (no write needed from anyone).
    warn = Ticket.objects.get(pk=ticket.pk).response_warn_at
    later = warn + dt.timedelta(minutes=1)
    counts = selectors.queue_counts(user=mentor, now=later)
    assert (counts["soon"], counts["breached"]) == (1, 0)
    # ... and the due moment: breached, and in the figures as open past the target.
    due = Ticket.objects.get(pk=ticket.pk).response_due_at
    counts = selectors.queue_counts(user=mentor, now=due + dt.timedelta(minutes=1))
    assert (counts["soon"], counts["breached"]) == (0, 1)
    (row,) = selectors.figures(group_by="kind", now=due + dt.timedelta(minutes=1))
    assert row.overdue == 1
    assert row.response_met == 0
    # The answer ends the response clock: no longer breached.
    services.ticket_reply(ticket=ticket, author=mentor, body="Here you go")
    counts = selectors.queue_counts(user=mentor, now=due + dt.timedelta(minutes=2))
    assert counts["breached"] == 0
    assert_tally_right()


def test_tab_counts_match_the_lists(employee):
    lead = make_mentor(Kind.QUESTION, Kind.COACHING, lead=True, capacity=0)
    mentor = make_mentor(Kind.QUESTION, capacity=2)
    for n in range(6):
        file_request(kind=[Kind.QUESTION, Kind.COACHING][n % 2])
    own = file_request(mentor, kind=Kind.QUESTION)  # a mentor's own request: never on their desk
    past = timezone.now() - dt.timedelta(hours=1)
    Ticket.objects.filter(pk=own.pk).update(response_due_at=past)
    Ticket.objects.filter(kind=Kind.COACHING).update(
        response_warn_at=past, response_due_at=timezone.now() + dt.timedelta(hours=1)
    )
    for person in (lead, mentor):
        counts = selectors.queue_counts(user=person)
        for view, number in counts.items():
            assert selectors.queue(user=person, view=view).count() == number, (person, view)


def test_the_queue_pages_by_keyset_without_gaps_or_repeats(client_for, employee):
    lead = make_mentor(Kind.QUESTION, lead=True, capacity=0)
    now = timezone.now()
    Ticket.objects.bulk_create(
        [
            Ticket(
                kind=Kind.QUESTION,
                requester=employee,
                subject=f"Q{n}",
                body="?",
                open_since=now - dt.timedelta(minutes=n // 3),  # ties on open_since
            )
            for n in range(60)
        ]
    )
    client = client_for(lead)
    seen, url = [], "/desk/?view=all"
    for _ in range(5):
        page = client.get(url).content.decode()
        seen += [int(pk) for pk in re.findall(r'href="/desk/(\d+)/"', page)]
        found = re.search(r'href="\?view=all&amp;after=([0-9.]+)"', page)
        if not found:
            break
        url = f"/desk/?view=all&after={found.group(1)}"
    expected = list(Ticket.objects.order_by("open_since", "pk").values_list("pk", flat=True))
    assert seen == expected
    # An odd cursor is the first page (or an empty one past the end), never an error.
    odd = ["x.y", "99999999999999999.1", "1.99999999999999999999", "-1.2", "².3", "1.2147483648"]
    for after in odd:
        assert client.get(f"/desk/?view=all&after={after}").status_code == 200, after


def test_triggers_come_back_after_a_migration_dropped_them(employee):
    make_mentor(Kind.QUESTION)
    tally.remove_triggers(connection)
    assert not tally.triggers_present(connection)
    file_request(employee)  # not counted: the triggers are gone
    tally.ensure_after_migrate(sender=None)
    assert tally.triggers_present(connection)
    assert_tally_right()
    file_request(employee)
    assert_tally_right()


def _backlog(size: int, mentors: list[User], requester: User) -> None:
    """`size` open requests spread over the states, kinds, mentors and SLA moments."""
    now = timezone.now()
    hour = dt.timedelta(hours=1)
    rows = []
    for n in range(size):
        state = [T.QUEUED, T.ASSIGNED, T.WAITING][n % 3]
        rows.append(
            Ticket(
                kind=Kind.values[n % len(Kind.values)],
                requester=requester,
                subject=f"Request {n}",
                body="?",
                state=state,
                assignee=None if state == T.QUEUED else mentors[n % len(mentors)],
                open_since=now - n * dt.timedelta(minutes=1),
                first_response_at=now - hour if n % 4 == 0 else None,
                response_warn_at=None if state == T.WAITING else now + (n % 5 - 3) * hour,
                response_due_at=None if state == T.WAITING else now + (n % 5 - 2) * hour,
                resolution_due_at=None if state == T.WAITING else now + (n % 7 - 3) * hour,
            )
        )
    Ticket.objects.bulk_create(rows)
    closed = Ticket.objects.bulk_create(
        [
            Ticket(
                kind=Kind.values[n % len(Kind.values)],
                requester=requester,
                subject="Done",
                body="?",
                state=T.RESOLVED,
                assignee=mentors[n % len(mentors)],
                first_response_at=now - 3 * hour,
                resolved_at=now - hour,
            )
            for n in range(size // 2)
        ]
    )
    Rating.objects.bulk_create([Rating(ticket=t, satisfaction=1 + t.pk % 5) for t in closed])


@pytest.mark.parametrize("lead", [False, True])
def test_desk_pages_keep_their_queries_under_a_large_backlog(client_for, employee, lead):
    mentor = make_mentor(*Kind.values, lead=lead, capacity=50)
    others = [make_mentor(*Kind.values) for _ in range(3)]
    client = client_for(mentor)
    _backlog(12, [mentor, *others], employee)
    ticket = Ticket.objects.filter(assignee=mentor, state=T.ASSIGNED).order_by("pk").first()
    paths = [f"/desk/?view={view}" for view in selectors.VIEWS]
    paths += [f"/desk/{ticket.pk}/", "/desk/figures/", "/desk/?view=all&kind=coaching"]
    # The desk keeps its pages (mentors.kept): each read anew, as after a change on the desk.
    small = {path: page_queries(client, path, between=desk_read_anew) for path in paths}
    _backlog(600, [mentor, *others], employee)
    large = {path: page_queries(client, path, between=desk_read_anew) for path in paths}
    assert large == small
    assert_tally_right()
