"""Make a large organisation for benchmarks: employees, content, shares, clicks, missions
and mentor desk requests spread over a year, with a progress bar.

    manage.py generate_org                 # 10,000 employees, 100,000 shares, 1,000,000 clicks,
                                           # 50,000 assignments, 20,000 requests
    manage.py generate_org --scale 0.01    # 1% of that

Adds to what is there (people are named gen-<n>), so a run at 0.01 followed by one at 0.99
gives the full size. Only for benchmark databases: it writes fast, in bulk, skipping the
services' notifications.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import sys

from django.contrib.auth.models import User
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from ambassadors.models import Ambassador, Department, SocialProfile, Topic
from mentors.models import Kind, Ticket
from missions.models import Assignment, Mission
from sharing.models import Click, ContentItem, Share

FULL = {
    "employees": 10_000,
    "shares": 100_000,
    "clicks": 1_000_000,
    "assignments": 50_000,
    "tickets": 20_000,
}
NETWORKS = ["linkedin", "linkedin", "x", "facebook", "instagram"]
BATCH = 5_000


class Progress:
    def __init__(self, label: str, total: int):
        self.label, self.total, self.done = label, max(total, 1), 0
        self.began = timezone.now()

    def add(self, count: int) -> None:
        self.done += count
        width = 30
        filled = int(width * self.done / self.total)
        seconds = (timezone.now() - self.began).total_seconds()
        sys.stderr.write(
            f"\r{self.label:<12} [{'#' * filled}{'.' * (width - filled)}] "
            f"{self.done:>9,}/{self.total:,} {seconds:5.0f}s"
        )
        if self.done >= self.total:
            sys.stderr.write("\n")
        sys.stderr.flush()


class Command(BaseCommand):
    help = "Make a large organisation for benchmarks (adds to what is there)."

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=float, default=1.0)
        parser.add_argument("--seed", type=int, default=7)

    def handle(self, *args, scale: float, seed: int, **options):
        if os.environ.get("ACADEMY_GENERATED_DATA") != "1":
            # Thousands of invented employees must never land in a real organisation's data.
            raise CommandError(
                "generate_org fills the database with invented employees, for benchmarks "
                "only. Run it through `make bench…`, or set ACADEMY_GENERATED_DATA=1 for a "
                "database you mean to throw away."
            )
        rng = random.Random(seed + int(scale * 1000))  # noqa: S311 (test data, not secrets)
        sizes = {key: max(int(value * scale), 1) for key, value in FULL.items()}
        now = timezone.now()
        year_ago = now - dt.timedelta(days=365)
        departments = [
            Department.objects.get_or_create(name=f"Afdeling {n + 1}")[0] for n in range(20)
        ]
        topics = list(Topic.objects.all()) or [
            Topic.objects.create(slug=f"gen-topic-{n}", name_nl=f"Thema {n}", name_en=f"Topic {n}")
            for n in range(7)
        ]
        users = self._employees(rng, sizes["employees"], departments, now, year_ago)
        items = self._items(rng, topics, year_ago)
        shares = self._shares(rng, sizes["shares"], users, items, now, year_ago)
        self._clicks(rng, sizes["clicks"], shares, now)
        self._assignments(rng, sizes["assignments"], users, now, year_ago)
        self._tickets(rng, sizes["tickets"], users, now, year_ago)
        # Written in bulk, past the signals: the feed's cached snapshots start anew.
        from sharing import snapshots

        snapshots.everything_changed()
        self.stdout.write(self.style.SUCCESS(f"Generated at scale {scale}: {sizes}"))

    def _employees(self, rng, count, departments, now, year_ago):
        start = User.objects.filter(username__startswith="gen-").count()
        progress = Progress("employees", count)
        created = []
        for first in range(start, start + count, BATCH):
            last = min(first + BATCH, start + count)
            with transaction.atomic():
                batch = User.objects.bulk_create(
                    User(
                        username=f"gen-{n}",
                        email=f"gen-{n}@example.org",
                        password="!",  # noqa: S106 (Django's marker for "no password")
                        first_name=f"Gen{n}",
                        last_name="Test",
                    )
                    for n in range(first, last)
                )
                if not all(user.pk for user in batch):
                    batch = list(User.objects.filter(username__in=[u.username for u in batch]))
                ambassadors = Ambassador.objects.bulk_create(
                    Ambassador(
                        user=user,
                        department=rng.choice(departments),
                        stage=rng.choices([1, 2, 3], [70, 22, 8])[0],
                        language=rng.choices(["nl", "en"], [85, 15])[0],
                        status=rng.choices(["active", "paused", "left", "invited"], [70, 5, 5, 20])[
                            0
                        ],
                        consented_at=year_ago + dt.timedelta(days=rng.randint(0, 300)),
                    )
                    for user in batch
                )
                if not all(a.pk for a in ambassadors):
                    ambassadors = list(Ambassador.objects.filter(user__in=batch))
                SocialProfile.objects.bulk_create(
                    SocialProfile(
                        ambassador=a, network="linkedin", audience_size=rng.randint(50, 3000)
                    )
                    for a in ambassadors
                )
            created.extend(user.pk for user in batch)
            progress.add(len(batch))
        return created

    def _items(self, rng, topics, year_ago):
        existing = list(
            ContentItem.objects.filter(url__startswith="https://gen.example/").values_list(
                "pk", flat=True
            )
        )
        if existing:
            return existing
        items = []
        for n in range(500):
            item = ContentItem.objects.create(
                url=f"https://gen.example/item-{n}",
                title=f"Generated item {n}",
                language="nl",
                min_stage=1,
                publish_from=year_ago + dt.timedelta(days=n * 0.7),
            )
            item.topics.set(rng.sample(topics, k=min(2, len(topics))))
            items.append(item.pk)
        return items

    def _shares(self, rng, count, users, items, now, year_ago):
        progress = Progress("shares", count)
        offset = Share.objects.count()
        taken = set(Share.objects.values_list("user_id", "item_id", "network"))
        made = []
        while progress.done < count:
            batch = []
            while len(batch) < min(BATCH, count - progress.done):
                key = (rng.choice(users), rng.choice(items), rng.choice(NETWORKS))
                if key in taken:
                    continue  # one share per person, item and network
                taken.add(key)
                number = offset + progress.done + len(batch)
                batch.append(
                    Share(
                        user_id=key[0],
                        item_id=key[1],
                        network=key[2],
                        text="Generated",
                        edited=rng.random() < 0.4,
                        code=f"g{number:x}z{rng.randint(0, 9999):04d}",
                        created_at=year_ago + dt.timedelta(seconds=rng.randint(0, 365 * 86400)),
                    )
                )
            Share.objects.bulk_create(batch)
            made.extend((share.pk, share.created_at) for share in batch)
            progress.add(len(batch))
        return made

    def _clicks(self, rng, count, shares, now):
        progress = Progress("clicks", count)
        today = timezone.localdate()
        for first in range(0, count, BATCH * 4):
            size = min(BATCH * 4, count - first)
            rows = []
            for _n in range(size):
                share, created = rng.choice(shares)
                day = min(
                    timezone.localtime(created).date()
                    + dt.timedelta(days=int(rng.expovariate(0.7))),
                    today,
                )
                rows.append(
                    Click(
                        share_id=share,
                        day=day,
                        visitor=f"{rng.getrandbits(48):012x}",
                        is_bot=rng.random() < 0.05,
                    )
                )
            Click.objects.bulk_create(rows)
            progress.add(size)

    def _assignments(self, rng, count, users, now, year_ago):
        missions = list(Mission.objects.values_list("pk", "stage"))
        if len(missions) < 20:
            for n in range(20 - len(missions)):
                Mission.objects.create(
                    stage=1 + n % 3,
                    kind=["like", "curate", "article"][n % 3],
                    title_nl=f"Gegenereerde missie {n}",
                )
            missions = list(Mission.objects.values_list("pk", "stage"))
        progress = Progress("assignments", count)
        taken = set(Assignment.objects.values_list("user_id", "mission_id"))
        rows = []
        while progress.done + len(rows) < count:
            user, (mission, _stage) = rng.choice(users), rng.choice(missions)
            if (user, mission) in taken:
                continue
            taken.add((user, mission))
            offered = year_ago + dt.timedelta(seconds=rng.randint(0, 360 * 86400))
            state = rng.choices(
                ["approved", "declined", "expired", "submitted", "accepted", "rejected"],
                [45, 15, 15, 8, 12, 5],
            )[0]
            accepted = (
                offered + dt.timedelta(hours=rng.randint(1, 72))
                if state not in ("declined",)
                else None
            )
            submitted = (
                accepted + dt.timedelta(days=rng.randint(1, 10))
                if state in ("approved", "submitted", "rejected")
                else None
            )
            reviewed = (
                submitted + dt.timedelta(hours=rng.randint(2, 96))
                if state in ("approved", "rejected")
                else None
            )
            if state == "expired":
                accepted = None
            rows.append(
                Assignment(
                    user_id=user,
                    mission_id=mission,
                    state=state,
                    offered_at=offered,
                    accepted_at=accepted,
                    submitted_at=submitted,
                    reviewed_at=reviewed,
                    due_at=offered + dt.timedelta(days=14),
                )
            )
            if len(rows) == BATCH:
                Assignment.objects.bulk_create(rows)
                progress.add(len(rows))
                rows = []
        if rows:
            Assignment.objects.bulk_create(rows)
            progress.add(len(rows))

    def _tickets(self, rng, count, users, now, year_ago):
        progress = Progress("requests", count)
        kinds = list(Kind.values)
        for first in range(0, count, BATCH):
            size = min(BATCH, count - first)
            rows, moments = [], []
            for _n in range(size):
                created = year_ago + dt.timedelta(seconds=rng.randint(0, 365 * 86400))
                is_open = rng.random() < 0.01
                answered = created + dt.timedelta(minutes=rng.randint(5, 2000))
                moments.append(created)
                rows.append(
                    Ticket(
                        kind=rng.choice(kinds),
                        requester_id=rng.choice(users),
                        subject="Generated",
                        body="Generated",
                        state="queued" if is_open else "resolved",
                        open_since=created if is_open else None,
                        first_response_at=None if is_open else answered,
                        resolved_at=None
                        if is_open
                        else answered + dt.timedelta(hours=rng.randint(1, 72)),
                        response_breached=rng.random() < 0.1,
                        resolution_breached=rng.random() < 0.1,
                    )
                )
            Ticket.objects.bulk_create(rows)
            # created_at is set on insert; spread it over the year afterwards.
            for row, moment in zip(rows, moments, strict=True):
                row.created_at = moment
            Ticket.objects.bulk_update(rows, ["created_at"], batch_size=1000)
            progress.add(size)
