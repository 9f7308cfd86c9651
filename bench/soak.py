"""Soak: simulated people of every role use the platform for minutes on PostgreSQL.

    make bench-soak                           # 50 people, 10 minutes
    SOAK_SECONDS=60 SOAK_USERS=10 make bench-soak

A fresh PostgreSQL database (BENCH_DATABASE_URL, default: local, trust auth) gets the demo
content, a generated organisation at SOAK_SCALE (default 0.01) and the soak's own people
(employees, mentors and comms staff, some of them the demo's own accounts). gunicorn
(2 workers) and a real `manage.py qcluster` (ORM broker, e-mails written to files) run
while SOAK_USERS threads (about 76% employees, 12% mentors, 12% comms staff) each sign in
through the login form and use the site with 0.5–2 s of thinking between requests:

- employees: the path, lessons (quizzes answered, lessons marked done), the feed, sharing
  (the share form's tracked link is then clicked anonymously), missions (accept offers,
  pick, hand in evidence), the mentor desk (new questions, replies, closing), their
  notifications; now and then they sign out and in again;
- mentors: their desk queues, replies and internal notes, taking unassigned requests,
  closing, reviewing missions, their figures;
- comms staff: insights with different periods and a CSV, the CMS home, the page
  explorer, the content library, reviewing missions.

Every response is recorded (status, latency). Afterwards, once the task queue has
drained, it checks:

- no 5xx and no broken connection;
- every click answered with a redirect left one click row (none lost);
- every notification the actions call for exists (a request routed, a mentor's public
  reply, an employee's reply to an assigned request, a review) and every e-mail that is
  due went out exactly once (counted by Message-ID in the written files);
- no django-q task failed;
- memory: the resident size of each web worker and of the whole qcluster, sampled every
  SOAK_SAMPLE_SECONDS (10), is in the last minute at most SOAK_MEMORY_TOLERANCE (0.10)
  above the first minute after the warm-up (the first minute).

Writes bench/soak-results.json and bench/soak-results.md and exits non-zero when a check
fails.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import hmac
import html
import io
import json
import os
import platform
import random
import re
import shutil
import signal
import statistics
import struct
import subprocess
import sys
import threading
import time
import traceback
from collections import Counter, defaultdict
from pathlib import Path
from urllib.parse import unquote, urlsplit

import requests
from common import (
    BROWSER,
    PORT,
    ROOT,
    environment,
    fresh_database,
    generate_org,
    gunicorn,
    manage,
    shell_result,
)

SECONDS = int(os.environ.get("SOAK_SECONDS", "600"))
USERS = int(os.environ.get("SOAK_USERS", "50"))
SCALE = float(os.environ.get("SOAK_SCALE", "0.01"))
SAMPLE_SECONDS = int(os.environ.get("SOAK_SAMPLE_SECONDS", "10"))
TOLERANCE = float(os.environ.get("SOAK_MEMORY_TOLERANCE", "0.10"))
# gunicorn workers: the README's count for this machine (one per core, plus one that waits on
# the database while the others compute), unless SOAK_WORKERS says otherwise.
WORKERS = int(os.environ.get("SOAK_WORKERS", str((os.cpu_count() or 1) + 1)))
# How often a person signs out after a step, to sign in again later. Signing in is slow on
# purpose (the password hash), so this weighs on the latency of everyone: 0.02 made each
# person sign in about four times in ten minutes, far more than anyone does at work.
SIGN_OUT = float(os.environ.get("SOAK_SIGN_OUT", "0.005"))
# The latency target (issue 20): p95 over every request of the soak.
P95_TARGET_MS = float(os.environ.get("SOAK_P95_TARGET_MS", "500"))
THINK = (0.5, 2.0)
DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/academy_soak"
PASSWORD = "soak-password-2026"
DEMO_PASSWORD = "academy-demo"
VAR = ROOT / "var"
MAIL = VAR / "soak-mail"
DATA = VAR / "soak-data.json"
WEB_LOG = VAR / "soak-gunicorn.log"
WORKER_LOG = VAR / "soak-qcluster.log"

# Demo accounts that take part first (their passwords are the demo's), then soak-<role>-<n>.
DEMO_PEOPLE = {
    "employee": ["daan", "fatima", "tom", "lisa", "mohamed", "emma", "noah", "julia"],
    "mentor": ["mentor", "joost", "lotte"],
    "comms": ["comms", "pieter"],
}

SETUP = """
import datetime as dt
import json
from django.contrib.auth.models import Group, User
from django.db.models import Max
from django.utils import timezone
from ambassadors import services
from ambassadors.models import Ambassador, Department, Network, Notification, SocialProfile, Topic
from ambassadors.roles import Role
from courses.models import CoursePage
from courses.selectors import course_status
from guidelines.models import GuidelinePage
from mentors.models import Kind, Message, MentorProfile, Ticket
from mentors.services import REQUESTS_PER_DAY
from django_otp.plugins.otp_totp.models import TOTPDevice
from sharing.models import Share

spec = json.loads(SPEC)
topics = list(Topic.objects.order_by("pk"))
departments = list(Department.objects.order_by("pk"))
networks = [Network.LINKEDIN, Network.X, Network.FACEBOOK]
groups = {role: Group.objects.get(name=role.value) for role in Role}
ROLES = {"employee": [Role.EMPLOYEE], "mentor": [Role.EMPLOYEE, Role.MENTOR],
         "comms": [Role.EMPLOYEE, Role.COMMS]}

def soak_person(role, n):
    username = f"soak-{role}-{n}"
    user, created = User.objects.get_or_create(username=username, defaults={
        "email": f"{username}@example.org", "first_name": f"Soak{n}", "last_name": role.title()})
    if created:
        user.set_password(spec["password"])
        user.save(update_fields=["password"])
    user.groups.add(*(groups[r] for r in ROLES[role]))
    stage = [1, 1, 1, 2, 2, 3][n % 6] if role == "employee" else 3
    ambassador, _ = Ambassador.objects.get_or_create(user=user, defaults={
        "department": departments[n % len(departments)], "stage": stage,
        "language": "en" if n % 7 == 3 else "nl"})
    if ambassador.status == Ambassador.Status.INVITED:
        services.ambassador_join(ambassador=ambassador)
    ambassador.topics.set([topics[(n + k) % len(topics)] for k in range(2)])
    for k in range(1 + n % 3):
        SocialProfile.objects.get_or_create(ambassador=ambassador, network=networks[k],
                                            defaults={"audience_size": 200 + 37 * n})
    if role == "mentor":
        MentorProfile.objects.get_or_create(user=user, defaults={
            **{f"handles_{kind}": True for kind in Kind.values}, "capacity": 10})
    return user, spec["password"]

people = []
for role, count in spec["counts"].items():
    demo = spec["demo"][role][:count]
    chosen = [(User.objects.get(username=name), spec["demo_password"]) for name in demo]
    chosen += [soak_person(role, n) for n in range(count - len(demo))]
    for user, password in chosen:
        ambassador = user.ambassador
        language = ambassador.language
        lessons = []
        if role == "employee":
            for course in CoursePage.objects.live().filter(locale__language_code=language):
                if not course_status(ambassador=ambassador, course=course).locked:
                    lessons += [lesson.url for lesson in course.lessons()]
        guidelines = [page.url for page in
                      GuidelinePage.objects.live().filter(locale__language_code=language)]
        totp = ""
        if role == "comms":
            # Comms staff sign in with a second step (identity/two_factor.py), as they must.
            device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
            if device is None:
                device = TOTPDevice.objects.create(user=user, name="Soak", confirmed=True)
            totp = device.key
        # The desk takes at most REQUESTS_PER_DAY new requests from one person a day.
        room = REQUESTS_PER_DAY - Ticket.objects.filter(
            requester=user, created_at__gte=timezone.now() - dt.timedelta(days=1)).count()
        people.append({"username": user.username, "password": password, "role": role,
                       "language": language, "stage": ambassador.stage, "lessons": lessons,
                       "guidelines": guidelines, "totp": totp, "requests_left": max(room, 0)})

def top(model):
    return model.objects.aggregate(top=Max("pk"))["top"] or 0

print("SETUP", json.dumps({
    "people": people,
    "baseline": {"notification": top(Notification), "ticket": top(Ticket),
                 "message": top(Message), "share": top(Share)},
}))
"""

DRAIN = """
import json
from django.utils import timezone
from django_q.models import OrmQ
from ambassadors.models import Notification
unsent = Notification.objects.filter(pk__gt=AFTER, email_after__lte=timezone.now(),
                                     email_sent_at__isnull=True).count()
print("DRAIN", json.dumps({"due_unsent": unsent, "queued": OrmQ.objects.count()}))
"""

CHECK = """
import json
from collections import Counter, defaultdict
from django.db.models import Count
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django_q.models import Failure, OrmQ, Success
from ambassadors.models import Notification
from mentors.models import Message, Ticket, TicketEvent
from missions.models import Submission
from sharing.models import Click, Share

data = json.loads(open(DATA_PATH).read())
start = parse_datetime(data["start"])
base = data["baseline"]
now = timezone.now()

clicks = dict(Click.objects.filter(share__code__in=list(data["codes"]), at__gte=start)
              .values_list("share__code").annotate(n=Count("pk")).order_by())

rows = list(Notification.objects.filter(pk__gt=base["notification"]).values(
    "pk", "kind", "idempotency_key", "link", "email_after", "email_sent_at", "email_error"))
keys = {row["idempotency_key"] for row in rows}
routed = {row["link"] for row in rows
          if row["kind"] in ("ticket_assigned", "ticket_unassigned", "mediation_alert")}
LEGIT = ("no active e-mail address", "recipient no longer wants e-mail")

# Which notification each action calls for.
tickets = list(Ticket.objects.filter(pk__gt=base["ticket"]).values_list("pk", flat=True))
missing = [f"routing of request {pk}" for pk in tickets if f"/desk/{pk}/" not in routed]
messages = list(Message.objects.filter(pk__gt=base["message"]).select_related("ticket"))
events = defaultdict(list)
for event in TicketEvent.objects.filter(
        ticket_id__in={m.ticket_id for m in messages}).order_by("at", "pk"):
    events[event.ticket_id].append(event)

def assignee_at(message):
    assignee = None
    for event in events[message.ticket_id]:
        if event.at > message.created_at:
            break
        if event.action in ("assigned", "reassigned"):
            assignee = event.to_user_id
        elif event.action in ("returned", "released"):
            assignee = None
    return assignee

expected_replies = internal_notified = 0
for message in messages:
    key = f"ticket:{message.ticket_id}:message:{message.pk}"
    if message.author_id == message.ticket.requester_id:
        wanted = assignee_at(message) is not None
    else:
        wanted = not message.internal
        internal_notified += int(message.internal and key in keys)
    if wanted:
        expected_replies += 1
        if key not in keys:
            missing.append(key)
reviewed = sum(1 for row in rows if row["kind"] == "mission_reviewed")

due = [row for row in rows if row["email_after"] is not None and row["email_after"] <= now]
cancelled = [row for row in rows if row["email_after"] is None and row["email_error"]]
print("CHECK", json.dumps({
    "clicks": clicks,
    "tickets": len(tickets),
    "messages_by_requester": sum(1 for m in messages if m.author_id == m.ticket.requester_id),
    "messages_by_mentors": sum(1 for m in messages
                               if m.author_id != m.ticket.requester_id and not m.internal),
    "internal_notes": sum(1 for m in messages if m.internal),
    "internal_notes_notified": internal_notified,
    "submissions": Submission.objects.filter(created_at__gte=start).count(),
    "shares_new": Share.objects.filter(pk__gt=base["share"]).count(),
    "notifications": len(rows),
    "notifications_by_kind": Counter(row["kind"] for row in rows),
    "expected_notifications": len(tickets) + expected_replies,
    "expected_replies": expected_replies,
    "reviewed_notifications": reviewed,
    "missing_notifications": missing[:50],
    "missing_count": len(missing),
    "due": [row["pk"] for row in due],
    "due_sent": [row["pk"] for row in due if row["email_sent_at"] is not None],
    "deferred": sum(1 for row in rows if row["email_after"] is not None
                    and row["email_after"] > now),
    "in_app_only": sum(1 for row in rows if row["email_after"] is None
                       and not row["email_error"]),
    "cancelled": Counter(row["email_error"] for row in cancelled),
    "cancelled_lost": [row["pk"] for row in cancelled if row["email_error"] not in LEGIT],
    "failures": Failure.objects.count(),
    "failure_samples": [[f.func, str(f.result)[:500]] for f in Failure.objects.all()[:5]],
    "successes_kept": Success.objects.count(),
    "queued": OrmQ.objects.count(),
}, default=str))
"""


def _png() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (320, 200), (30, 110, 160)).save(buffer, "PNG")
    return buffer.getvalue()


SCREENSHOT = b""
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
TRACKED = re.compile(r"/s/([A-Za-z0-9_-]{6,16})")
# Facebook and Instagram: a copy step on this site first, named by the share's code.
COPY_STEP = re.compile(r"/share/(?:facebook|instagram)/([A-Za-z0-9_-]{6,16})/")


def totp_code(key_hex: str, at: float | None = None) -> str:
    """The six digits an authenticator app shows now for this key (RFC 6238: 30 s, SHA-1)."""
    counter = int((time.time() if at is None else at) // 30)
    digest = hmac.new(bytes.fromhex(key_hex), struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    number = int.from_bytes(digest[offset : offset + 4], "big") & 0x7FFFFFFF
    return f"{number % 10**6:06d}"


class Response:
    """What a request got; after a followed redirect, `first` and `location` are the
    redirect's and the rest is the page it led to."""

    def __init__(self, status: int, text: str = "", location: str = "", path: str = ""):
        self.status, self.text, self.location, self.path = status, text, location, path
        self.first = status

    @property
    def redirected(self) -> bool:
        return self.first in (301, 302, 303)


class Person:
    """One simulated person: a real session through the login form, then a loop of what
    someone in that role does, until the deadline."""

    def __init__(self, spec: dict, number: int, base: str, stop: float, started: float):
        self.spec, self.number, self.base = spec, number, base
        self.stop, self.started = stop, started
        self.rng = random.Random(1000 + number)  # noqa: S311 (load patterns, not secrets)
        self.records: list[tuple[str, int, float, float]] = []
        self.problems: list[dict] = []
        self.unexpected: Counter = Counter()  # (kind, status) -> answers not in `expect`
        self.actions: Counter = Counter()
        self.codes: Counter = Counter()  # tracked-link code -> redirects answered
        self.tickets: list[int] = []
        self.session = self._session()
        self.visitor = requests.Session()  # anonymous: whoever clicks a shared link
        self.visitor.headers["User-Agent"] = BROWSER
        self.signed_in = False

    def _session(self) -> requests.Session:
        session = requests.Session()
        session.headers.update({"User-Agent": BROWSER, "X-Forwarded-Proto": "https"})
        return session

    # --- HTTP ---------------------------------------------------------------------------

    def call(
        self,
        kind: str,
        method: str,
        path: str,
        *,
        expect=(200,),
        data=None,
        files=None,
        follow: bool = True,
        anonymous: bool = False,
    ) -> Response:
        session = self.visitor if anonymous else self.session
        headers = {}
        if method == "POST":
            origin = self.base.replace("http://", "https://")
            headers = {"Origin": origin, "Referer": origin + path}
        began = time.perf_counter()
        try:
            answer = session.request(
                method,
                self.base + path,
                data=data,
                files=files,
                headers=headers,
                allow_redirects=False,
                timeout=120,
            )
            text = answer.text if "html" in answer.headers.get("Content-Type", "") else ""
        except requests.RequestException as error:
            self._record(kind, 0, began)
            self._problem(kind, method, path, 0, repr(error))
            return Response(0)
        self._record(kind, answer.status_code, began)
        # The site's cookies are `Secure`; the soak talks plain HTTP to gunicorn the way a
        # TLS-terminating proxy does (X-Forwarded-Proto), so they must go back all the same.
        for cookie in session.cookies:
            cookie.secure = False
        location = answer.headers.get("Location", "")
        signed_out = "/accounts/login/" in location and kind not in ("login_form", "logout")
        if answer.status_code >= 500:
            self._problem(kind, method, path, answer.status_code, answer.text[:3000])
        elif answer.status_code not in expect or (signed_out and not anonymous):
            self.unexpected[(kind, answer.status_code)] += 1
            self._problem(kind, method, path, answer.status_code, location or text[:300])
        if signed_out and not anonymous:
            self.signed_in = False  # the session was lost: counted above, sign in again
        result = Response(answer.status_code, text, location, path)
        local = self._local(location)
        if follow and result.redirected and local is not None:
            followed = self.call("redirected", "GET", local, expect=(200, 302), follow=True)
            followed.first, followed.location = result.first, location
            return followed
        return result

    def _local(self, location: str) -> str | None:
        if not location:
            return None
        parts = urlsplit(location)
        if parts.netloc and parts.netloc != urlsplit(self.base).netloc:
            return None
        return parts.path + (f"?{parts.query}" if parts.query else "")

    def _record(self, kind: str, status: int, began: float) -> None:
        now = time.perf_counter()
        self.records.append((kind, status, (now - began) * 1000, time.monotonic() - self.started))

    def _problem(self, kind, method, path, status, detail) -> None:
        if len(self.problems) < 40:
            self.problems.append(
                {
                    "user": self.spec["username"],
                    "kind": kind,
                    "request": f"{method} {path}",
                    "status": status,
                    "at_s": round(time.monotonic() - self.started, 1),
                    "detail": detail,
                }
            )

    def token(self, page: Response) -> str:
        found = CSRF.search(page.text)
        if found:
            return found.group(1)
        return self.session.cookies.get("csrftoken", "")

    def think(self) -> None:
        time.sleep(max(0.0, min(self.rng.uniform(*THINK), self.stop - time.monotonic())))

    def running(self) -> bool:
        return time.monotonic() < self.stop

    # --- signing in and out ---------------------------------------------------------------

    def sign_in(self) -> None:
        self.session.close()
        self.session = self._session()
        form = self.call("login_form", "GET", "/accounts/login/")
        self.think()
        answer = self.call(
            "login",
            "POST",
            "/accounts/login/",
            expect=(302,),
            data={
                "csrfmiddlewaretoken": self.token(form),
                "username": self.spec["username"],
                "password": self.spec["password"],
                "next": "",
            },
        )
        self.signed_in = answer.redirected and "/accounts/login/" not in answer.location
        if self.signed_in and self.spec.get("totp"):
            # Every page sends them to the code page until they pass it.
            self.signed_in = self.second_step("/two-factor/")
        self.actions["logins"] += int(self.signed_in)

    def second_step(self, location: str) -> bool:
        """The code from the person's authenticator app (RFC 6238, as the app makes it)."""
        form = self.call("two_factor_form", "GET", location)
        self.think()
        answer = self.call(
            "two_factor",
            "POST",
            location,
            expect=(302,),
            data={
                "csrfmiddlewaretoken": self.token(form),
                "code": totp_code(self.spec["totp"]),
                "next": "",
            },
        )
        return answer.redirected and not answer.location.startswith(("/two-factor/", "/accounts"))

    def sign_out(self, page: Response) -> None:
        self.call(
            "logout",
            "POST",
            "/accounts/logout/",
            expect=(302,),
            data={"csrfmiddlewaretoken": self.token(page)},
        )
        self.signed_in = False

    def run(self) -> None:
        while self.running():
            try:
                if not self.signed_in:
                    self.sign_in()
                    if not self.signed_in:
                        self.think()
                        continue
                    if self.spec["role"] == "employee" and not self.actions["acknowledged"]:
                        self.acknowledge()
                self.think()
                page = getattr(self, f"{self.spec['role']}_step")()
                if page is not None and self.rng.random() < SIGN_OUT and self.running():
                    self.think()
                    self.sign_out(page)
            except Exception:  # a bug in the soak itself: reported, and the person goes on
                self.actions["soak_errors"] += 1
                self._problem("soak", "-", "-", -1, traceback.format_exc()[-1500:])
                self.think()

    # --- employees --------------------------------------------------------------------------

    def acknowledge(self) -> None:
        """Read every guideline in one's language and acknowledge its current version."""
        for url in self.spec["guidelines"]:
            page = self.call("guideline", "GET", url, expect=(200, 302))
            version = re.search(r'name="version" value="(\d+)"', page.text)
            if version:
                self.think()
                self.call(
                    "acknowledge",
                    "POST",
                    page.path,
                    expect=(302,),
                    data={
                        "csrfmiddlewaretoken": self.token(page),
                        "version": version.group(1),
                        "read": "yes",
                    },
                )
        self.actions["acknowledged"] = 1

    def employee_step(self) -> Response | None:
        choice = self.rng.choices(
            ["path", "lesson", "share", "click", "missions", "help", "notifications", "reach"],
            [3, 3, 3, 2, 2, 1.2, 1, 0.5],
        )[0]
        return getattr(self, f"do_{choice}")()

    def do_path(self) -> Response:
        return self.call("path", "GET", "/path/")

    def do_notifications(self) -> Response:
        return self.call("notifications", "GET", "/notifications/")

    def do_reach(self) -> Response:
        return self.call("reach", "GET", "/share/reach/")

    def do_lesson(self) -> Response | None:
        if not self.spec["lessons"]:
            return self.do_path()
        page = self.call("lesson", "GET", self.rng.choice(self.spec["lessons"]), expect=(200, 302))
        if page.status != 200:
            return None
        for section in re.findall(
            r'<section class="quiz panel".*?</section>', page.text, flags=re.S
        ):
            if 'type="submit"' not in section:
                continue  # passed, or no attempts left
            data = {"csrfmiddlewaretoken": self.token(page), "action": "quiz"}
            for name in ("quiz", "attempt"):
                found = re.search(rf'name="{name}" value="([^"]*)"', section)
                data[name] = found.group(1) if found else ""
            options = defaultdict(list)
            for kind, question, option in re.findall(
                r'type="(radio|checkbox)" name="q-([^"]+)" value="([^"]+)"', section
            ):
                options[(question, kind)].append(option)
            for (question, kind), values in options.items():
                picked = (
                    self.rng.sample(values, self.rng.randint(1, len(values)))
                    if kind == "checkbox"
                    else [self.rng.choice(values)]
                )
                data[f"q-{question}"] = picked
            self.think()
            answer = self.call("quiz", "POST", page.path, expect=(302,), data=data)
            self.actions["quiz_attempts"] += int(answer.redirected)
            return None
        if 'name="action" value="done"' in page.text and self.rng.random() < 0.5:
            self.think()
            answer = self.call(
                "lesson_done",
                "POST",
                page.path,
                expect=(302,),
                data={"csrfmiddlewaretoken": self.token(page), "action": "done"},
            )
            self.actions["lessons_done"] += int(answer.redirected)
            return None
        return page

    def do_share(self) -> Response | None:
        network = self.rng.choice(["linkedin", "linkedin", "x", "facebook"])
        feed = self.call("feed", "GET", f"/share/?network={network}")
        items = re.findall(r'href="/share/(\d+)/\?network=', feed.text)
        if not items:
            return feed
        self.think()
        item = self.rng.choice(items)
        form = self.call("share_form", "GET", f"/share/{item}/?network={network}")
        text = re.search(r'<textarea[^>]*name="text"[^>]*>(.*?)</textarea>', form.text, re.S)
        if form.status != 200 or text is None:
            return form
        words = html.unescape(text.group(1)).strip() or "Interesting read."
        if self.rng.random() < 0.4:
            words = f"In my own words: {words[:150]}"
        self.think()
        answer = self.call(
            "share",
            "POST",
            f"/share/{item}/",
            expect=(200, 302),  # 200: the coach asks first (colleagues used the same words)
            data={"csrfmiddlewaretoken": self.token(form), "network": network, "text": words},
            follow=False,
        )
        if answer.status == 200 and 'name="confirmed"' in answer.text:
            # The coach: colleagues shared nearly the same text; "Share anyway".
            self.think()
            answer = self.call(
                "share",
                "POST",
                f"/share/{item}/",
                expect=(302,),
                data={
                    "csrfmiddlewaretoken": self.token(answer),
                    "network": network,
                    "text": words,
                    "confirmed": "True",
                },
                follow=False,
            )
        location = unquote(unquote(answer.location))
        code = TRACKED.search(location) or COPY_STEP.search(location)
        if answer.status != 302 or code is None:
            return None
        self.actions["shares"] += 1
        for _visit in range(self.rng.randint(1, 3)):
            self.click(code.group(1))
        return None

    def click(self, code: str) -> None:
        answer = self.call(
            "click", "GET", f"/s/{code}", expect=(302,), follow=False, anonymous=True
        )
        self.codes[code] += int(answer.status == 302)

    def do_click(self) -> Response | None:
        if not self.codes:
            return self.do_share()
        self.click(self.rng.choice(sorted(self.codes)))
        return None

    def do_missions(self) -> Response | None:
        page = self.call("missions", "GET", "/missions/")
        offers = re.findall(r'action="/missions/(\d+)/accept/"', page.text)
        picks = re.findall(r'action="/missions/pick/(\d+)/"', page.text)
        progress = page.text.split('id="pick-heading"')[0].split('id="progress-heading"')[-1]
        ongoing = re.findall(r'href="/missions/(\d+)/"', progress)
        self.think()
        if offers and self.rng.random() < 0.5:
            answer = self.call(
                "mission_accept",
                "POST",
                f"/missions/{self.rng.choice(offers)}/accept/",
                expect=(302,),
                data={"csrfmiddlewaretoken": self.token(page)},
            )
            self.actions["missions_accepted"] += int(answer.redirected)
            return self.hand_in(answer)
        if ongoing and self.rng.random() < 0.6:
            return self.hand_in(
                self.call("assignment", "GET", f"/missions/{self.rng.choice(ongoing)}/")
            )
        if picks:
            answer = self.call(
                "mission_pick",
                "POST",
                f"/missions/pick/{self.rng.choice(picks)}/",
                expect=(302,),
                data={"csrfmiddlewaretoken": self.token(page)},
            )
            self.actions["missions_picked"] += int(answer.redirected)
            return self.hand_in(answer)
        return page

    def hand_in(self, page: Response) -> Response | None:
        """The evidence form of an assignment page, when it has one."""
        if page.status != 200 or 'class="evidence-form"' not in page.text:
            return page
        self.think()
        files = None
        if re.search(r'name="screenshot"[^>]*required', page.text):
            files = {"screenshot": ("screenshot.png", SCREENSHOT, "image/png")}
        answer = self.call(
            "mission_submit",
            "POST",
            page.path,
            expect=(302,),
            data={
                "csrfmiddlewaretoken": self.token(page),
                "link": f"https://www.linkedin.com/posts/{self.spec['username']}-{self.number}",
                "text": "Done: I shared it with my network and two colleagues reacted.",
                "draft": "",
            },
            files=files,
        )
        self.actions["missions_submitted"] += int(answer.redirected)
        return None

    def do_help(self) -> Response | None:
        home = self.call("help", "GET", "/help/")
        self.think()
        may_file = self.actions["tickets_filed"] < self.spec["requests_left"]
        if may_file and (not self.tickets or self.rng.random() < 0.35):
            form = self.call("ticket_form", "GET", "/help/new/question/")
            self.think()
            answer = self.call(
                "ticket_create",
                "POST",
                "/help/new/question/",
                expect=(302,),
                data={
                    "csrfmiddlewaretoken": self.token(form),
                    "subject": f"Soak question {self.rng.randint(1, 10**6)}",
                    "body": "How do I mention a colleague in a LinkedIn post without "
                    "tagging the company page?",
                },
                follow=False,
            )
            found = re.search(r"/help/(\d+)/", answer.location)
            if answer.redirected and found:
                self.tickets.append(int(found.group(1)))
                self.actions["tickets_filed"] += 1
                return self.call("help_ticket", "GET", f"/help/{found.group(1)}/")
            return home
        if not self.tickets:
            return home
        pk = self.rng.choice(self.tickets)
        page = self.call("help_ticket", "GET", f"/help/{pk}/")
        if 'class="panel reply-form"' not in page.text:
            self.tickets.remove(pk)  # closed: nothing more to say
            return page
        self.think()
        if self.rng.random() < 0.2:
            self.call(
                "ticket_close",
                "POST",
                f"/help/{pk}/close/",
                expect=(302,),
                data={"csrfmiddlewaretoken": self.token(page)},
            )
            self.tickets.remove(pk)
            return None
        answer = self.call(
            "ticket_message",
            "POST",
            f"/help/{pk}/",
            expect=(302, 400),  # 400: a mentor closed it in the meantime
            data={
                "csrfmiddlewaretoken": self.token(page),
                "body": "Thanks! One more thing: does this also work on X?",
            },
        )
        self.actions["employee_messages"] += int(answer.redirected)
        return None

    # --- mentors ------------------------------------------------------------------------------

    def mentor_step(self) -> Response | None:
        choice = self.rng.choices(
            ["desk", "unassigned", "review", "figures", "notifications"], [4, 1.5, 1.5, 0.5, 0.5]
        )[0]
        return getattr(self, f"desk_{choice}")()

    def desk_notifications(self) -> Response:
        return self.do_notifications()

    def desk_figures(self) -> Response:
        return self.call("desk_figures", "GET", "/desk/figures/")

    def desk_desk(self) -> Response | None:
        view = self.rng.choice(["mine", "mine", "mine", "all", "soon"])
        queue = self.call("desk", "GET", f"/desk/?view={view}")
        tickets = re.findall(r'href="/desk/(\d+)/"', queue.text)
        if not tickets:
            return queue
        self.think()
        pk = self.rng.choice(tickets)
        page = self.call("desk_ticket", "GET", f"/desk/{pk}/")
        if 'name="action" value="reply"' not in page.text:
            return page
        self.think()
        internal = self.rng.random() < 0.2
        data = {
            "csrfmiddlewaretoken": self.token(page),
            "action": "reply",
            "body": "Good question. Mention them with @ and pick their name from the list.",
        }
        if internal:
            data["internal"] = "on"
        answer = self.call("desk_reply", "POST", f"/desk/{pk}/", expect=(302, 400), data=data)
        if answer.redirected:
            self.actions["internal_notes" if internal else "mentor_replies"] += 1
        if self.rng.random() < 0.3 and answer.redirected:
            self.think()
            resolved = self.call(
                "desk_resolve",
                "POST",
                f"/desk/{pk}/",
                expect=(302, 400),  # 400: the employee closed it in the meantime
                data={"csrfmiddlewaretoken": self.token(answer), "action": "resolve"},
            )
            self.actions["tickets_resolved"] += int(resolved.redirected)
        return None

    def desk_unassigned(self) -> Response | None:
        queue = self.call("desk", "GET", "/desk/?view=unassigned")
        tickets = re.findall(r'href="/desk/(\d+)/"', queue.text)
        if not tickets:
            return queue
        self.think()
        pk = self.rng.choice(tickets)
        page = self.call("desk_ticket", "GET", f"/desk/{pk}/")
        if 'name="action" value="take"' not in page.text:
            return page
        self.think()
        answer = self.call(
            "desk_take",
            "POST",
            f"/desk/{pk}/",
            expect=(302, 400),  # 400: taken first by someone else, or not this mentor's kind
            data={"csrfmiddlewaretoken": self.token(page), "action": "take"},
        )
        self.actions["tickets_taken"] += int(answer.redirected)
        return None

    def desk_review(self) -> Response | None:
        queue = self.call("review_queue", "GET", "/missions/review/")
        waiting = re.findall(r'href="/missions/review/(\d+)/"', queue.text)
        if not waiting:
            return queue
        self.think()
        pk = self.rng.choice(waiting[:10])
        page = self.call("review", "GET", f"/missions/review/{pk}/")
        if 'name="decision"' not in page.text:
            return page
        self.think()
        decision = self.rng.choices(["approve", "changes"], [3, 1])[0]
        answer = self.call(
            "review_post",
            "POST",
            f"/missions/review/{pk}/",
            expect=(302, 400),  # 400: another reviewer was first
            data={
                "csrfmiddlewaretoken": self.token(page),
                "decision": decision,
                "feedback": "Nice work, thank you." if decision == "approve" else "Add a link.",
            },
        )
        self.actions["reviews"] += int(answer.redirected)
        return None

    # --- comms staff --------------------------------------------------------------------------

    def comms_step(self) -> Response | None:
        choice = self.rng.choices(
            ["insights", "cms", "pages", "library", "review", "notifications"],
            [3, 1.5, 0.7, 1.5, 1, 0.5],
        )[0]
        if choice == "review":
            return self.desk_review()
        if choice == "notifications":
            return self.do_notifications()
        if choice == "insights":
            days = self.rng.choice(["7", "30", "90"])
            page = self.call("insights", "GET", f"/insights/?days={days}")
            exports = re.findall(r'href="(/insights/export/[^"]+)"', page.text)
            if exports and self.rng.random() < 0.2:
                self.think()
                self.call("insights_csv", "GET", html.unescape(self.rng.choice(exports)))
            return page
        path = {
            "cms": "/cms/",
            "pages": "/cms/pages/",
            "library": "/cms/snippets/sharing/contentitem/",
        }[choice]
        return self.call(f"cms_{choice}", "GET", path)


# --- processes and memory -----------------------------------------------------------------


def _children_by_parent() -> dict[int, list[int]]:
    """Every process's children, read from /proc (no extra packages)."""
    children: dict[int, list[int]] = defaultdict(list)
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError, IndexError, ValueError):
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
                children[int(fields[1])].append(int(entry.name))
    return children


def descendants(pid: int) -> list[int]:
    """`pid` and every process below it."""
    children = _children_by_parent()
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        todo.extend(children.get(current, []))
    return found


def gunicorn_master() -> int:
    """The gunicorn process this script started (its workers are below it)."""
    for pid in _children_by_parent().get(os.getpid(), []):
        with contextlib.suppress(OSError):
            if b"gunicorn" in Path(f"/proc/{pid}/cmdline").read_bytes():
                return pid
    raise SystemExit("gunicorn is not running.")


def rss_mb(pid: int) -> float | None:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    found = re.search(r"VmRSS:\s+(\d+) kB", status)
    return round(int(found.group(1)) / 1024, 1) if found else None


def cpu_seconds(pid: int) -> float | None:
    """User and system CPU time a process has used so far."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class Sampler(threading.Thread):
    """RSS of the web server's and the task cluster's processes every SAMPLE_SECONDS, and
    the CPU time each has used (the latest reading per process)."""

    def __init__(self, web: int, cluster: int, started: float):
        super().__init__(daemon=True)
        self.web, self.cluster, self.started = web, cluster, started
        self.samples: list[dict] = []
        self.cpu: dict[str, dict[int, float]] = {"web": {}, "qcluster": {}}
        self.halt = threading.Event()

    def sample(self) -> None:
        at = round(time.monotonic() - self.started, 1)
        row: dict = {"t": at, "processes": {}}
        for group, root in (("web", self.web), ("qcluster", self.cluster)):
            for pid in descendants(root):
                if group == "web":
                    name = "web master" if pid == root else f"web worker {pid}"
                else:
                    name = "qcluster" if pid == root else f"qcluster child {pid}"
                row["processes"][name] = rss_mb(pid)
                used = cpu_seconds(pid)
                if used is not None:
                    self.cpu[group][pid] = used
        row["processes"] = {k: v for k, v in row["processes"].items() if v is not None}
        self.samples.append(row)

    def run(self) -> None:
        self.halt.wait(5)  # the cluster's processes are up by then
        while not self.halt.is_set():
            self.sample()
            self.halt.wait(SAMPLE_SECONDS)


def memory_report(samples: list[dict], seconds: float) -> dict:
    warmup = min(60.0, seconds / 5)
    window = min(60.0, seconds / 5)
    series: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for row in samples:
        web = [v for k, v in row["processes"].items() if k.startswith("web worker")]
        cluster = [v for k, v in row["processes"].items() if k.startswith("qcluster")]
        for name, value in row["processes"].items():
            if name.startswith("web"):
                series[name].append((row["t"], value))
        series["web workers (sum)"].append((row["t"], sum(web)))
        series["qcluster, all processes (sum)"].append((row["t"], sum(cluster)))
        series["qcluster, all processes (count)"].append((row["t"], len(cluster)))
    report = {}
    for name, points in series.items():
        first = [v for t, v in points if warmup <= t < warmup + window]
        last = [v for t, v in points if t >= seconds - window]
        after = [(t, v) for t, v in points if t >= warmup]
        slope = None
        if len(after) >= 3:
            mean_t = statistics.fmean(t for t, _v in after)
            mean_v = statistics.fmean(v for _t, v in after)
            spread = sum((t - mean_t) ** 2 for t, _v in after)
            if spread:
                slope = sum((t - mean_t) * (v - mean_v) for t, v in after) / spread * 60
        entry = {
            "start_mb": points[0][1],
            "first_minute_mb": round(statistics.fmean(first), 1) if first else None,
            "last_minute_mb": round(statistics.fmean(last), 1) if last else None,
            "peak_mb": max(v for _t, v in points),
            "slope_mb_per_min": round(slope, 2) if slope is not None else None,
            "samples": len(points),
            "per_minute": {
                int(minute): round(statistics.fmean(vs), 1)
                for minute, vs in _by_minute(points).items()
            },
        }
        if entry["first_minute_mb"] and entry["last_minute_mb"] is not None:
            entry["growth"] = round(entry["last_minute_mb"] / entry["first_minute_mb"] - 1, 3)
        report[name] = entry
    return {"warmup_s": warmup, "window_s": window, "tolerance": TOLERANCE, "series": report}


def _by_minute(points):
    minutes = defaultdict(list)
    for t, v in points:
        minutes[t // 60].append(v)
    return minutes


# --- the run --------------------------------------------------------------------------------


def role_counts(users: int) -> dict:
    mentors = max(1, round(users * 0.12))
    comms = max(1, round(users * 0.12))
    return {"employee": max(1, users - mentors - comms), "mentor": mentors, "comms": comms}


def cluster(env: dict) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "manage.py", "qcluster"],
        cwd=ROOT,
        env=env,
        stdout=WORKER_LOG.open("w"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def stop_cluster(process: subprocess.Popen) -> None:
    process.send_signal(signal.SIGTERM)  # the cluster stops its own workers
    try:
        process.wait(timeout=60)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=30)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)  # whatever is left of its group


def e_mails(folder: Path) -> tuple[Counter, int]:
    """Notification e-mails per notification id (from the stable Message-ID), and all."""
    counted: Counter = Counter()
    total = 0
    for path in folder.iterdir():
        text = re.sub(r"\n[ \t]+", " ", path.read_text(errors="replace"))  # unfold headers
        total += len(re.findall(r"^Message-ID: ", text, re.M | re.I))
        counted.update(
            int(pk)
            for pk in re.findall(r"^Message-ID:\s*<\S+\.(\d+)@ambassador-academy>", text, re.M)
        )
    return counted, total


def percentile(values: list[float], share: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return round(ordered[min(int(len(ordered) * share), len(ordered) - 1)], 1)


def prepare(env: dict) -> dict:
    fresh_database(env)
    for folder in (MAIL, VAR / "soak-media", VAR / "soak-private-media"):
        shutil.rmtree(folder, ignore_errors=True)
    MAIL.mkdir(parents=True)
    print("Migrating, loading the demo and a generated organisation …", flush=True)
    manage(env, "migrate", "--noinput")
    manage(env, "collectstatic", "--noinput")
    manage(env, "seed_demo")
    generate_org(env, SCALE)
    manage(env, "shell", "-c", "from insights.tasks import rollup_nightly; rollup_nightly()")
    spec = {
        "counts": role_counts(USERS),
        "demo": DEMO_PEOPLE,
        "password": PASSWORD,
        "demo_password": DEMO_PASSWORD,
    }
    return shell_result(env, f"SPEC = {json.dumps(json.dumps(spec))}\n" + SETUP, "SETUP")


def drain(env: dict, after: int) -> dict:
    """Wait until every due e-mail went out and the queue is empty (at most 4 minutes)."""
    deadline = time.monotonic() + 240
    state = {}
    while time.monotonic() < deadline:
        state = shell_result(env, f"AFTER = {after}\n" + DRAIN, "DRAIN")
        if state["due_unsent"] == 0 and state["queued"] == 0:
            break
        time.sleep(3)
    time.sleep(10)  # a duplicate delivery would arrive now
    return state


def main() -> None:
    global SCREENSHOT
    database = os.environ.get("BENCH_DATABASE_URL") or DEFAULT_DATABASE
    if not database.startswith("postgres"):
        raise SystemExit("The soak runs on PostgreSQL (BENCH_DATABASE_URL).")
    VAR.mkdir(exist_ok=True)
    env = {
        **environment("soak"),
        "DATABASE_URL": database,
        "EMAIL_URL": f"file://{MAIL}",
        "MEDIA_ROOT": str(VAR / "soak-media"),
        "PRIVATE_MEDIA_ROOT": str(VAR / "soak-private-media"),
        "Q_WORKERS": "2",
        # Tracebacks of the web workers go to a file that the report points to.
        "GUNICORN_CMD_ARGS": f"--error-logfile {WEB_LOG} --capture-output",
    }
    SCREENSHOT = _png()
    setup = prepare(env)
    people = setup["people"]
    print(
        f"{len(people)} people ({dict(Counter(p['role'] for p in people))}), {SECONDS} s …",
        flush=True,
    )
    WEB_LOG.unlink(missing_ok=True)
    with gunicorn(env, workers=WORKERS, port=PORT) as base:
        web_master = gunicorn_master()
        worker = cluster(env)
        try:
            started = time.monotonic()
            start_wall = time.time()
            cpu_before = {
                "web": sum(cpu_seconds(pid) or 0 for pid in descendants(web_master)),
                "load": sum(os.times()[:2]),
            }
            sampler = Sampler(web_master, worker.pid, started)
            sampler.start()
            stop = started + SECONDS
            ramp = min(30.0, SECONDS / 6)
            persons = [Person(spec, n, base, stop, started) for n, spec in enumerate(people)]
            threads = []
            for n, person in enumerate(persons):
                delay = started + ramp * n / len(persons) - time.monotonic()
                if delay > 0:
                    time.sleep(delay)
                thread = threading.Thread(target=person.run, daemon=True)
                thread.start()
                threads.append(thread)
            for thread in threads:
                thread.join(timeout=max(stop - time.monotonic(), 0) + 180)
            sampler.sample()
            sampler.halt.set()
            sampler.join()
            load_seconds = time.monotonic() - started
            cpu = {
                "web": round(sum(sampler.cpu["web"].values()) - cpu_before["web"], 1),
                "qcluster": round(sum(sampler.cpu["qcluster"].values()), 1),
                "load_generator": round(sum(os.times()[:2]) - cpu_before["load"], 1),
            }
            codes: Counter = Counter()
            for person in persons:
                codes.update(person.codes)  # links whose clicks all failed stay, at 0
            DATA.write_text(
                json.dumps(
                    {
                        "start": _iso(start_wall - 1),
                        "baseline": setup["baseline"],
                        "codes": codes,
                    }
                )
            )
            print("Load done; waiting for the task queue to drain …", flush=True)
            drained = drain(env, setup["baseline"]["notification"])
        finally:
            stop_cluster(worker)
    found = shell_result(env, f"DATA_PATH = {str(DATA)!r}\n" + CHECK, "CHECK")
    mails, mail_total = e_mails(MAIL)
    results = summarise(persons, codes, found, mails, mail_total, sampler, load_seconds, drained)
    results["cpu_seconds"] = cpu
    (ROOT / "bench" / "soak-results.json").write_text(json.dumps(results, indent=2) + "\n")
    table = markdown(results)
    (ROOT / "bench" / "soak-results.md").write_text(table)
    print(table)
    if results["problems"]:
        raise SystemExit("Soak failed: " + "; ".join(results["problems"]))


def _iso(moment: float) -> str:
    return dt.datetime.fromtimestamp(moment, tz=dt.UTC).isoformat()


def summarise(persons, codes, found, mails, mail_total, sampler, load_seconds, drained) -> dict:
    records = [record for person in persons for record in person.records]
    kinds: dict[str, dict] = {}
    for kind in sorted({r[0] for r in records}):
        rows = [r for r in records if r[0] == kind]
        latencies = [r[2] for r in rows if r[1]]
        kinds[kind] = {
            "requests": len(rows),
            "statuses": dict(sorted(Counter(str(r[1]) for r in rows).items())),
            "p50_ms": percentile(latencies, 0.5),
            "p95_ms": percentile(latencies, 0.95),
            "max_ms": round(max(latencies), 1) if latencies else None,
        }
    all_latencies = [r[2] for r in records if r[1]]
    errors_5xx = sum(1 for r in records if r[1] >= 500)
    broken = sum(1 for r in records if r[1] == 0)
    problems_seen = [p for person in persons for p in person.problems]
    unexpected: Counter = Counter()
    actions: Counter = Counter()
    for person in persons:
        actions.update(person.actions)
        unexpected.update(person.unexpected)
    actions.pop("acknowledged", None)

    made = sum(codes.values())
    stored = sum(found["clicks"].get(code, 0) for code in codes)
    lost_clicks = sum(max(n - found["clicks"].get(code, 0), 0) for code, n in codes.items())
    due, sent = set(found["due"]), set(found["due_sent"])
    delivered = {pk for pk in due if pk in sent and mails.get(pk, 0) >= 1}
    duplicated = sorted(pk for pk, n in mails.items() if n > 1)
    lost_mails = sorted(due - delivered) + found["cancelled_lost"]
    memory = memory_report(sampler.samples, load_seconds)
    grown = {
        name: entry
        for name, entry in memory["series"].items()
        if "(count)" not in name
        and name != "web master"
        and entry.get("growth") is not None
        and entry["growth"] > TOLERANCE
    }
    problems = [
        *([f"{errors_5xx} responses 5xx"] if errors_5xx else []),
        *(
            [f"{actions['soak_errors']} errors in the soak script"]
            if actions["soak_errors"]
            else []
        ),
        *([f"{broken} requests without an answer"] if broken else []),
        *([f"{lost_clicks} clicks lost"] if lost_clicks else []),
        *([f"{found['missing_count']} notifications missing"] if found["missing_count"] else []),
        *([f"{len(lost_mails)} e-mails lost"] if lost_mails else []),
        *([f"{len(duplicated)} e-mails sent more than once"] if duplicated else []),
        *(
            [f"{found['internal_notes_notified']} internal notes told the employee"]
            if found["internal_notes_notified"]
            else []
        ),
        *([f"{found['failures']} failed tasks"] if found["failures"] else []),
        *(
            [f"p95 {percentile(all_latencies, 0.95)} ms is above {P95_TARGET_MS:g} ms"]
            if percentile(all_latencies, 0.95) > P95_TARGET_MS
            else []
        ),
        *(
            [f"memory of {name} grew {entry['growth']:.0%}" for name, entry in grown.items()]
            if grown
            else []
        ),
        *(
            [
                f"the review notifications ({found['reviewed_notifications']}) are fewer than "
                f"the reviews ({actions['reviews']})"
            ]
            if found["reviewed_notifications"] < actions["reviews"]
            else []
        ),
    ]
    return {
        "machine": f"{platform.machine()}, {os.cpu_count()} CPUs, {platform.system()} "
        f"{platform.release()}, Python {platform.python_version()}",
        "database": "postgresql",
        "users": len(persons),
        "roles": dict(Counter(p.spec["role"] for p in persons)),
        "seconds": SECONDS,
        "load_seconds": round(load_seconds, 1),
        "scale": SCALE,
        "requests": len(records),
        "rps": round(len(records) / load_seconds, 1),
        "workers": WORKERS,
        "p95_target_ms": P95_TARGET_MS,
        "p50_ms": percentile(all_latencies, 0.5),
        "p95_ms": percentile(all_latencies, 0.95),
        "errors_5xx": errors_5xx,
        "no_answer": broken,
        "unexpected_statuses": sum(unexpected.values()),
        "unexpected_by_kind": {f"{k} {s}": n for (k, s), n in sorted(unexpected.items())},
        "kinds": kinds,
        "actions": dict(sorted(actions.items())),
        "clicks": {
            "made": made,
            "stored": stored,
            "lost": lost_clicks,
            "links": len(codes),
        },
        "writes": {
            "tickets_filed": actions["tickets_filed"],
            "tickets_stored": found["tickets"],
            "employee_messages": actions["employee_messages"],
            "employee_messages_stored": found["messages_by_requester"],
            "mentor_replies": actions["mentor_replies"],
            "mentor_replies_stored": found["messages_by_mentors"],
            "internal_notes": actions["internal_notes"],
            "internal_notes_stored": found["internal_notes"],
            "missions_submitted": actions["missions_submitted"],
            "submissions_stored": found["submissions"],
            "shares": actions["shares"],
            "shares_new_rows": found["shares_new"],
        },
        "deliveries": {
            "notifications": found["notifications"],
            "by_kind": found["notifications_by_kind"],
            "expected_from_actions": found["expected_notifications"] + actions["reviews"],
            "found_for_actions": found["expected_notifications"]
            - found["missing_count"]
            + min(found["reviewed_notifications"], actions["reviews"]),
            "missing": found["missing_notifications"],
            "internal_notes_notified": found["internal_notes_notified"],
            "e_mails_due": len(due),
            "e_mails_delivered": len(delivered),
            "e_mails_lost": lost_mails[:50],
            "e_mails_duplicated": duplicated[:50],
            "e_mail_files_messages": mail_total,
            "deferred_quiet_hours": found["deferred"],
            "in_app_only": found["in_app_only"],
            "cancelled": found["cancelled"],
        },
        "tasks": {
            "failed": found["failures"],
            "failure_samples": found["failure_samples"],
            "successes_kept": found["successes_kept"],
            "queued_at_end": found["queued"],
            "drain": drained,
        },
        "memory": memory,
        "problem_samples": problems_seen[:40],
        "logs": [str(log.relative_to(ROOT)) for log in (WEB_LOG, WORKER_LOG)],
        "problems": problems,
    }


def markdown(results: dict) -> str:
    d, c, w, t = results["deliveries"], results["clicks"], results["writes"], results["tasks"]
    lines = [
        f"Soak on {results['machine']}; PostgreSQL; {results['users']} people "
        f"({', '.join(f'{n} {role}' for role, n in results['roles'].items())}) for "
        f"{results['seconds']} s; gunicorn {results['workers']} workers, one qcluster "
        "(2 workers, ORM broker).",
        "",
        f"**{results['requests']} requests** ({results['rps']}/s), p50 {results['p50_ms']} ms, "
        f"p95 {results['p95_ms']} ms; **5xx: {results['errors_5xx']}**, no answer: "
        f"{results['no_answer']}, other unexpected statuses: {results['unexpected_statuses']}.",
        "",
        "| kind | requests | statuses | p50 ms | p95 ms | max ms |",
        "| --- | ---: | --- | ---: | ---: | ---: |",
    ]
    for kind, row in results["kinds"].items():
        statuses = ", ".join(f"{s}×{n}" for s, n in row["statuses"].items())
        lines.append(
            f"| {kind} | {row['requests']} | {statuses} | {row['p50_ms']} | {row['p95_ms']} | "
            f"{row['max_ms']} |"
        )
    lines += [
        "",
        "| check | result |",
        "| --- | --- |",
        f"| clicks made / stored / lost | {c['made']} / {c['stored']} / {c['lost']} "
        f"({c['links']} tracked links) |",
        f"| requests filed / stored | {w['tickets_filed']} / {w['tickets_stored']} |",
        f"| employee replies / stored | {w['employee_messages']} / "
        f"{w['employee_messages_stored']} |",
        f"| mentor replies / stored (internal notes) | {w['mentor_replies']} / "
        f"{w['mentor_replies_stored']} ({w['internal_notes']} / {w['internal_notes_stored']}) |",
        f"| evidence handed in / stored | {w['missions_submitted']} / {w['submissions_stored']} |",
        f"| notifications the actions call for / found | {d['expected_from_actions']} / "
        f"{d['found_for_actions']} |",
        f"| notifications in the window | {d['notifications']} |",
        f"| e-mails due / delivered / lost / duplicated | {d['e_mails_due']} / "
        f"{d['e_mails_delivered']} / {len(d['e_mails_lost'])} / "
        f"{len(d['e_mails_duplicated'])} |",
        f"| not e-mailed: in-app only / quiet hours / cancelled | {d['in_app_only']} / "
        f"{d['deferred_quiet_hours']} / {sum(d['cancelled'].values())} |",
        f"| internal notes that notified the employee | {d['internal_notes_notified']} |",
        f"| failed tasks | {t['failed']} |",
        "",
        f"Memory (RSS, MB; warm-up {results['memory']['warmup_s']:.0f} s, windows "
        f"{results['memory']['window_s']:.0f} s, tolerance {TOLERANCE:.0%}):",
        "",
        "| process | start | first minute | last minute | change | slope MB/min | peak |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, entry in results["memory"]["series"].items():
        if "(count)" in name:
            continue
        growth = f"{entry['growth']:+.1%}" if entry.get("growth") is not None else "–"
        lines.append(
            f"| {name} | {entry['start_mb']} | {entry['first_minute_mb']} | "
            f"{entry['last_minute_mb']} | {growth} | {entry['slope_mb_per_min']} | "
            f"{entry['peak_mb']} |"
        )
    minutes = results["memory"]["series"]
    web, qc = (
        minutes["web workers (sum)"]["per_minute"],
        minutes["qcluster, all processes (sum)"]["per_minute"],
    )
    lines += [
        "",
        "Per minute (MB): web workers "
        + ", ".join(f"{m}: {v}" for m, v in web.items())
        + "; qcluster "
        + ", ".join(f"{m}: {v}" for m, v in qc.items())
        + ".",
        "",
        f"CPU seconds during the load ({results['load_seconds']:.0f} s on "
        f"{os.cpu_count()} CPUs): web {results['cpu_seconds']['web']}, qcluster "
        f"{results['cpu_seconds']['qcluster']} (processes that ended are not counted), "
        f"load generator {results['cpu_seconds']['load_generator']}.",
        "",
        "Result: " + ("; ".join(results["problems"]) if results["problems"] else "all checks met."),
    ]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
