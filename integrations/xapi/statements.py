"""xAPI 1.0.3 statements, built from what happened (pure functions: no queries, no sending).

Every id is language independent: activities are named by the translation key of a page (a
lesson in Dutch and in English is one activity) or the primary key of a row, under the site
URL. The person is an account on the site (`homePage` the site URL, `name` the user's id):
no name or e-mail address leaves the organisation. A statement's id is a UUID made from its
verb, person and object, so the same event always becomes the same statement and a resend is
a duplicate the LRS drops.
"""

from __future__ import annotations

import datetime as dt
import uuid

from django.conf import settings

XAPI_VERSION = "1.0.3"
# The namespace of our statement ids (uuid5 of "verb|person|object").
NAMESPACE = uuid.UUID("0c8e6a1e-6f0b-5d0c-9a7e-2f1d8c3b4a21")

EXPERIENCED = "http://adlnet.gov/expapi/verbs/experienced"
COMPLETED = "http://adlnet.gov/expapi/verbs/completed"
PASSED = "http://adlnet.gov/expapi/verbs/passed"
FAILED = "http://adlnet.gov/expapi/verbs/failed"
ACCEPTED = "http://activitystrea.ms/schema/1.0/accept"
SHARED = "http://activitystrea.ms/schema/1.0/share"
INTERACTED = "http://adlnet.gov/expapi/verbs/interacted"

VERB_DISPLAY = {
    EXPERIENCED: {"en": "experienced", "nl": "bekeken"},
    COMPLETED: {"en": "completed", "nl": "voltooid"},
    PASSED: {"en": "passed", "nl": "geslaagd"},
    FAILED: {"en": "failed", "nl": "niet geslaagd"},
    ACCEPTED: {"en": "accepted", "nl": "geaccepteerd"},
    SHARED: {"en": "shared", "nl": "gedeeld"},
    INTERACTED: {"en": "interacted", "nl": "gebruikt"},
}

COURSE = "http://adlnet.gov/expapi/activities/course"
LESSON = "http://adlnet.gov/expapi/activities/lesson"
ASSESSMENT = "http://adlnet.gov/expapi/activities/assessment"
PERFORMANCE = "http://adlnet.gov/expapi/activities/performance"
LINK = "http://adlnet.gov/expapi/activities/link"
POLICY = "http://id.tincanapi.com/activitytype/policy"


def site_url() -> str:
    return settings.SITE_URL.rstrip("/")


def activity_id(kind: str, *parts) -> str:
    """`{site}/xapi/activities/{kind}/{part}/...`: an IRI of ours, the same in every language."""
    return "/".join([site_url(), "xapi", "activities", kind, *(str(part) for part in parts)])


def extension(name: str) -> str:
    return f"{site_url()}/xapi/extensions/{name}"


def statement_uuid(verb: str, user_id: int, object_key: str) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, f"{verb}|{user_id}|{object_key}")


def actor(user_id: int) -> dict:
    return {"objectType": "Agent", "account": {"homePage": site_url(), "name": str(user_id)}}


def activity(
    iri: str, activity_type: str, names: dict[str, str] | None = None, **definition
) -> dict:
    definition = {"type": activity_type, **definition}
    names = {code: name for code, name in (names or {}).items() if name}
    if names:
        definition["name"] = names
    return {"objectType": "Activity", "id": iri, "definition": definition}


def statement(
    *,
    verb: str,
    user_id: int,
    object_key: str,
    obj: dict,
    timestamp: dt.datetime,
    result: dict | None = None,
    context: dict | None = None,
) -> dict:
    """A complete statement; `object_key` makes its id (with the verb and the person)."""
    body = {
        "id": str(statement_uuid(verb, user_id, object_key)),
        "actor": actor(user_id),
        "verb": {"id": verb, "display": VERB_DISPLAY[verb]},
        "object": obj,
        "timestamp": timestamp.astimezone(dt.UTC).isoformat(timespec="milliseconds"),
        "context": {"platform": "Ambassador Academy", **(context or {})},
    }
    if result is not None:
        body["result"] = result
    return body


# --- what happened -------------------------------------------------------------------------


def course_activity(course_key, names=None) -> dict:
    return activity(activity_id("course", course_key), COURSE, names)


def lesson_activity(lesson_key, names=None) -> dict:
    return activity(activity_id("lesson", lesson_key), LESSON, names)


def in_course(course_key) -> dict:
    return {"contextActivities": {"parent": [course_activity(course_key)]}}


def lesson_experienced(*, user_id, course_key, lesson_key, names, timestamp) -> dict:
    return statement(
        verb=EXPERIENCED,
        user_id=user_id,
        object_key=f"lesson:{lesson_key}",
        obj=lesson_activity(lesson_key, names),
        timestamp=timestamp,
        context=in_course(course_key),
    )


def lesson_completed(*, user_id, course_key, lesson_key, names, timestamp) -> dict:
    return statement(
        verb=COMPLETED,
        user_id=user_id,
        object_key=f"lesson:{lesson_key}",
        obj=lesson_activity(lesson_key, names),
        timestamp=timestamp,
        result={"completion": True},
        context=in_course(course_key),
    )


def quiz_attempted(
    *, user_id, course_key, lesson_key, quiz_id, number, score, passed, names, timestamp
) -> dict:
    """Passed or failed, with the score (0-100) of this attempt; one statement per attempt."""
    return statement(
        verb=PASSED if passed else FAILED,
        user_id=user_id,
        object_key=f"quiz:{lesson_key}:{quiz_id}:{number}",
        obj=activity(activity_id("quiz", lesson_key, quiz_id), ASSESSMENT, names),
        timestamp=timestamp,
        result={
            "score": {"scaled": round(score / 100, 4), "raw": score, "min": 0, "max": 100},
            "success": bool(passed),
            "completion": True,
        },
        context={
            "contextActivities": {
                "parent": [lesson_activity(lesson_key)],
                "grouping": [course_activity(course_key)],
            },
            "extensions": {extension("attempt"): number},
        },
    )


def course_completed(*, user_id, course_key, names, certificate_url, timestamp) -> dict:
    result = {"completion": True, "success": True}
    if certificate_url:
        result["extensions"] = {extension("certificate"): certificate_url}
    return statement(
        verb=COMPLETED,
        user_id=user_id,
        object_key=f"course:{course_key}",
        obj=course_activity(course_key, names),
        timestamp=timestamp,
        result=result,
    )


def guideline_acknowledged(*, user_id, guideline_key, version, names, timestamp) -> dict:
    """The version is part of the activity: accepting version 3 is another statement than 2."""
    return statement(
        verb=ACCEPTED,
        user_id=user_id,
        object_key=f"guideline:{guideline_key}:{version}",
        obj=activity(activity_id("guideline", guideline_key, "version", version), POLICY, names),
        timestamp=timestamp,
        context={
            "contextActivities": {
                "parent": [activity(activity_id("guideline", guideline_key), POLICY)]
            },
            "extensions": {extension("version"): version},
        },
    )


def mission_completed(*, user_id, mission_id, assignment_id, names, points, timestamp) -> dict:
    return statement(
        verb=COMPLETED,
        user_id=user_id,
        object_key=f"assignment:{assignment_id}",
        obj=activity(activity_id("mission", mission_id), PERFORMANCE, names),
        timestamp=timestamp,
        result={
            "completion": True,
            "success": True,
            "extensions": {extension("points"): points},
        },
    )


def item_shared(*, user_id, item_id, network, names, timestamp) -> dict:
    return statement(
        verb=SHARED,
        user_id=user_id,
        object_key=f"item:{item_id}:{network}",
        obj=activity(activity_id("item", item_id), LINK, names),
        timestamp=timestamp,
        context={"extensions": {extension("network"): network}},
    )


def lrs_test(*, user_id, timestamp) -> dict:
    """What an administrator sends to see that the LRS takes our statements (a fresh id)."""
    body = statement(
        verb=INTERACTED,
        user_id=user_id,
        object_key="",
        obj=activity(
            activity_id("lrs-test"),
            "http://adlnet.gov/expapi/activities/interaction",
            {"en": "LRS connection test", "nl": "Test van de LRS-koppeling"},
        ),
        timestamp=timestamp,
    )
    body["id"] = str(uuid.uuid4())
    return body
