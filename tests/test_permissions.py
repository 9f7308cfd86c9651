"""Every URL of the site, requested by every role, with the status each must get.

Later capabilities add their URLs to ROUTES; a URL pattern missing from the table fails
`test_every_url_pattern_is_in_the_table`, so no page can skip the check.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from ambassadors.models import ProgrammeSettings
from ambassadors.roles import Role
from insights.models import InsightSettings
from tests.courses.conftest import build_tree
from tests.factories import make_user
from tests.guidelines.conftest import build_guidelines
from tests.mentors.conftest import file_request, png_file
from tests.missions.conftest import submitted
from tests.sharing.conftest import make_item

pytestmark = pytest.mark.django_db

UNKNOWN = "00000000-0000-4000-8000-000000000000"
ROLES = ["anonymous", "newcomer", "employee", "mentor", "comms", "admin"]
A, N, E, M, C, ADM = ROLES


def statuses(default, **overrides):
    table = dict.fromkeys(ROLES, default)
    table.update(overrides)
    return table


SIGNED_IN_ONLY = statuses(200, anonymous=302)
PARTICIPANTS_ONLY = statuses(200, anonymous=302, newcomer=302, admin=302)
POST_ONLY = statuses(405)
CMS_ONLY = statuses(302, comms=200, admin=200)
REVIEWERS_ONLY = statuses(403, anonymous=302, mentor=200, comms=200, admin=200)
MENTORS_ONLY = statuses(403, anonymous=302, mentor=200)
COMMS_SITE = statuses(403, anonymous=302, comms=200, admin=200)

# name: (path, expected status per role)
ROUTES = {
    "healthz": ("/healthz/", statuses(200)),
    "ambassadors:home": ("/", statuses(302, anonymous=200)),
    "ambassadors:welcome": ("/welcome/", statuses(302, anonymous=302, newcomer=200, admin=200)),
    "ambassadors:dashboard": ("/path/", PARTICIPANTS_ONLY),
    "ambassadors:profile": ("/profile/", PARTICIPANTS_ONLY),
    "ambassadors:participation": ("/profile/participation/", POST_ONLY),
    "ambassadors:my_data": ("/profile/my-data/", SIGNED_IN_ONLY),
    "ambassadors:notifications": ("/notifications/", SIGNED_IN_ONLY),
    "ambassadors:notifications_read_all": ("/notifications/read-all/", POST_ONLY),
    "ambassadors:notification_open": ("/notifications/1/open/", POST_ONLY),
    "ambassadors:set_language": ("/language/", POST_ONLY),
    "login": ("/accounts/login/", statuses(302, anonymous=200)),
    "logout": ("/accounts/logout/", POST_ONLY),
    "password_change": ("/accounts/password/change/", SIGNED_IN_ONLY),
    "password_change_done": ("/accounts/password/change/done/", SIGNED_IN_ONLY),
    "password_reset": ("/accounts/password/reset/", statuses(200)),
    "password_reset_done": ("/accounts/password/reset/sent/", statuses(200)),
    "password_reset_confirm": ("/accounts/password/reset/MQ/bad-token/", statuses(200)),
    "password_reset_complete": ("/accounts/password/reset/complete/", statuses(200)),
    # Courses: certificates belong to their owner, verification and Open Badges are public.
    "courses:certificate": ("/certificates/no-such-code/", statuses(404, anonymous=302)),
    "courses:verify": ("/verify/no-such-code/", statuses(404)),
    "courses:badge_issuer": ("/badges/issuer.json", statuses(200)),
    "courses:badge_class": (f"/badges/courses/{UNKNOWN}.json", statuses(404)),
    "courses:badge_image": (f"/badges/courses/{UNKNOWN}.svg", statuses(404)),
    "courses:badge_assertion": ("/badges/assertions/no-such-code.json", statuses(404)),
    # Wagtail pages of every learner type (spot checks: they are served by wagtail_serve).
    "page:course_index": (lambda: build_tree().index.url, PARTICIPANTS_ONLY),
    "page:course": (lambda: build_tree().basics.url, PARTICIPANTS_ONLY),
    "page:lesson": (lambda: build_tree().intro.url, PARTICIPANTS_ONLY),
    "page:locked_lesson": (
        lambda: build_tree().stage3_lesson.url,
        statuses(403, anonymous=302, newcomer=302, admin=302),
    ),
    # Guidelines: search for anyone signed in, pages for participants.
    "guidelines:search": ("/search/?q=social", SIGNED_IN_ONLY),
    "page:guideline_index": (lambda: build_guidelines().index.url, PARTICIPANTS_ONLY),
    "page:guideline": (lambda: build_guidelines().main.url, PARTICIPANTS_ONLY),
    "page:guideline_print": (lambda: build_guidelines().index.url + "print/", PARTICIPANTS_ONLY),
    "page:guideline_changes": (
        lambda: build_guidelines().main.url + "changes/",
        statuses(302),  # participants without an earlier acknowledgement go to the page
    ),
    "page:content_strategy": (lambda: build_guidelines().strategy.url, PARTICIPANTS_ONLY),
    # Sharing: the feed, share pages and reach for participants; tracked links for anyone.
    "sharing:feed": ("/share/", PARTICIPANTS_ONLY),
    "sharing:reach": ("/share/reach/", PARTICIPANTS_ONLY),
    "sharing:share": (lambda: f"/share/{make_item().pk}/", PARTICIPANTS_ONLY),
    "sharing:dismiss": ("/share/1/dismiss/", POST_ONLY),
    "sharing:propose": ("/share/propose/", PARTICIPANTS_ONLY),
    "sharing:my_post": ("/share/my-post/", PARTICIPANTS_ONLY),
    "sharing:instagram": (
        "/share/instagram/unknowncode/",
        statuses(404, anonymous=302, newcomer=302, admin=302),
    ),
    "sharing:tracked_link": ("/s/unknowncode", statuses(404)),
    # Missions: own pages for participants; someone else's assignment is not found; evidence
    # only for its owner and reviewers; the review queue for mentors and comms staff.
    "missions:list": ("/missions/", PARTICIPANTS_ONLY),
    "missions:pick": ("/missions/pick/1/", POST_ONLY),
    "missions:assignment": (
        lambda: f"/missions/{submitted().pk}/",
        statuses(404, anonymous=302, newcomer=302, admin=302),
    ),
    "missions:accept": ("/missions/1/accept/", POST_ONLY),
    "missions:decline": ("/missions/1/decline/", POST_ONLY),
    "missions:leaderboard": ("/missions/leaderboard/", PARTICIPANTS_ONLY),
    "missions:evidence": (
        lambda: f"/missions/evidence/{submitted().submissions.get().pk}/",
        statuses(200, anonymous=302, newcomer=404, employee=404),
    ),
    "missions:review_queue": ("/missions/review/", REVIEWERS_ONLY),
    "missions:review": (lambda: f"/missions/review/{submitted().pk}/", REVIEWERS_ONLY),
    "missions:promotion_answer": ("/path/move-up/", POST_ONLY),
    # Mentor desk: an employee's own requests; the desk for mentors; attachments only for
    # the request's author and mentors (someone else's request is simply not found).
    "mentors:help": ("/help/", PARTICIPANTS_ONLY),
    "mentors:help_new": ("/help/new/question/", PARTICIPANTS_ONLY),
    "mentors:help_ticket": (
        lambda: f"/help/{file_request().pk}/",
        statuses(404, anonymous=302, newcomer=302, admin=302),
    ),
    "mentors:help_close": ("/help/1/close/", POST_ONLY),
    "mentors:help_reopen": ("/help/1/reopen/", POST_ONLY),
    "mentors:help_rate": ("/help/1/rate/", POST_ONLY),
    "mentors:attachment": (
        lambda: f"/help/attachments/{file_request(files=[png_file()]).attachments.get().pk}/",
        statuses(404, anonymous=302, mentor=200),
    ),
    "mentors:desk": ("/desk/", MENTORS_ONLY),
    "mentors:desk_figures": ("/desk/figures/", MENTORS_ONLY),
    "mentors:desk_canned": ("/desk/canned/", MENTORS_ONLY),
    "mentors:desk_availability": ("/desk/availability/", MENTORS_ONLY),
    "cms_mentor_profiles": ("/cms/snippets/mentors/mentorprofile/", CMS_ONLY),
    "cms_sla_targets": ("/cms/snippets/mentors/slatarget/", CMS_ONLY),
    "cms_insight_settings": (
        lambda: f"/cms/settings/insights/insightsettings/{InsightSettings.load().pk}/",
        CMS_ONLY,
    ),
    "mentors:desk_ticket": (lambda: f"/desk/{file_request().pk}/", MENTORS_ONLY),
    # Insights: comms staff and administrators only.
    "insights:dashboard": ("/insights/", COMMS_SITE),
    "insights:export": ("/insights/export/sharing.csv", COMMS_SITE),
    "insights:subscription": ("/insights/summary/", POST_ONLY),
    # Wagtail admin: comms staff and administrators only.
    "cms": ("/cms/", CMS_ONLY),
    "ambassadors_import": ("/cms/import-employees/", CMS_ONLY),
    "cms_ambassadors": ("/cms/snippets/ambassadors/ambassador/", CMS_ONLY),
    "cms_topics": ("/cms/snippets/ambassadors/topic/", CMS_ONLY),
    "cms_course_figures": ("/cms/course-figures/", CMS_ONLY),
    "cms_guideline_coverage": ("/cms/guideline-acknowledgements/", CMS_ONLY),
    "cms_content_library": ("/cms/snippets/sharing/contentitem/", CMS_ONLY),
    "cms_missions": ("/cms/snippets/missions/mission/", CMS_ONLY),
    "cms_campaigns": ("/cms/snippets/missions/campaign/", CMS_ONLY),
    "cms_growth_rules": ("/cms/snippets/missions/growthrule/", CMS_ONLY),
    "missions_stage_change": (
        lambda: f"/cms/missions/stage/{make_user(Role.EMPLOYEE).ambassador.pk}/",
        CMS_ONLY,
    ),
    "cms_push_new": (lambda: f"/cms/sharing/push/{make_item().pk}/", CMS_ONLY),
    "cms_proposal_review": (
        lambda: f"/cms/sharing/proposals/{make_item(status='proposed').pk}/",
        CMS_ONLY,
    ),
    "cms_settings": (
        lambda: f"/cms/settings/ambassadors/programmesettings/{ProgrammeSettings.load().pk}/",
        CMS_ONLY,
    ),
}

# URL patterns that are not ours to table here: the Wagtail admin and documents (spot
# checked above), Wagtail's password form for private pages, and its page-serving catch-all.
FOREIGN_PREFIXES = ("cms/", "documents/", "_util/")


def _people():
    return {
        A: None,
        N: make_user(Role.EMPLOYEE, joined=False),
        E: make_user(Role.EMPLOYEE),
        M: make_user(Role.EMPLOYEE, Role.MENTOR),
        C: make_user(Role.EMPLOYEE, Role.COMMS),
        ADM: make_user(Role.ADMIN, superuser=True, joined=False),
    }


@pytest.mark.parametrize("name", sorted(ROUTES))
def test_each_role_gets_the_expected_status(name, client_for):
    """Each role gets exactly the status the table says, for every URL."""
    path, expected = ROUTES[name]
    path = path() if callable(path) else path
    people = _people()
    got = {role: client_for(people[role]).get(path).status_code for role in ROLES}
    assert got == expected, f"{name} {path}"


def _named_patterns(resolver, prefix="", namespace=""):
    for pattern in resolver.url_patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            ns = pattern.namespace or ""
            full_ns = f"{namespace}:{ns}".strip(":") if ns else namespace
            yield from _named_patterns(pattern, route, full_ns)
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}:{pattern.name}".strip(":") if pattern.name else None
            yield route, name


def test_every_url_pattern_is_in_the_table():
    """A new URL pattern without a row in ROUTES fails here."""
    missing = []
    for route, name in _named_patterns(get_resolver()):
        if route.startswith(FOREIGN_PREFIXES) or name in (None, "wagtail_serve"):
            continue
        if name not in ROUTES:
            missing.append((route, name))
    assert missing == []


def test_employee_cannot_use_the_import_even_by_post(client_for, employee):
    """Posting to the import directly is refused for an employee."""
    response = client_for(employee).post("/cms/import-employees/", {})
    assert response.status_code == 302
    assert "/cms/login/" in response["Location"]
