"""Every URL of the site, requested by every role, with the status each must get.

Later capabilities add their URLs to ROUTES; a URL pattern missing from the table fails
`test_every_url_pattern_is_in_the_table`, so no page can skip the check. The same holds for
the Wagtail side: every page model (and each of its routable sub-pages) needs a row on the
site and a row for its edit page in the CMS, every snippet view and setting our apps
register in the CMS needs a row, and a row naming a URL that no longer exists fails too.

Roles: "owner" is the employee whose objects a row's path refers to (a path builder that
takes an argument gets the people and builds the owner's object); "employee" is another
employee. For rows without objects the owner is simply one more employee. Redirects are
checked by where they lead when the table says so (`Redirect`), else by status only.
"""

import datetime as dt
import inspect
from dataclasses import dataclass
from urllib.parse import urlsplit

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from wagtail.contrib.settings.registry import registry as settings_registry
from wagtail.models import Locale, Page, get_page_models

from ambassadors.importing import employee_import_check
from ambassadors.models import Department, Network, SocialProfile, Topic
from ambassadors.roles import Role
from ambassadors.services import unsubscribe_token
from core import provisioning
from courses import services as course_services
from courses.models import CourseIndexPage, CoursePage, Enrolment, LessonPage
from guidelines import services as guideline_services
from guidelines.models import ContentStrategyPage, GuidelineIndexPage, GuidelinePage
from integrations.channels.teams import not_relevant_token
from mentors.models import CannedResponse, Holiday, OpeningHours, SlaTarget
from missions.models import Campaign, GrowthRule
from sharing.models import NewsFeed, Push, Share
from tests.factories import make_user
from tests.factories.api import make_service_token
from tests.factories.courses import build_tree, pass_quiz
from tests.factories.guidelines import build_guidelines, major_change
from tests.factories.identity import make_scim_connection
from tests.factories.mentors import file_request, make_mentor, png_file
from tests.factories.missions import make_rubric, mission, production_work, submitted
from tests.factories.refreshers import make_question
from tests.factories.sharing import make_item

pytestmark = pytest.mark.django_db

UNKNOWN = "00000000-0000-4000-8000-000000000000"
ROLES = ["anonymous", "newcomer", "owner", "employee", "mentor", "comms", "admin"]
A, N, OWN, E, M, C, ADM = ROLES
# The apps of this project: their URL patterns under /cms/ need rows as well.
OUR_APPS = (
    "ambassadors",
    "courses",
    "guidelines",
    "sharing",
    "mentors",
    "missions",
    "refreshers",
    "insights",
    "identity",
    "api",
    "integrations",
)


@dataclass(frozen=True)
class Redirect:
    """A 302 to exactly this path (query string ignored)."""

    to: str

    def __repr__(self) -> str:
        return f"302→{self.to}"


TO_LOGIN = Redirect("/accounts/login/")
TO_WELCOME = Redirect("/welcome/")
TO_CMS_LOGIN = Redirect("/cms/login/")
# Wagtail's answer to a CMS user without the model permission: back to the dashboard.
REFUSED_IN_CMS = Redirect("/cms/")


def statuses(default, **overrides):
    table = dict.fromkeys(ROLES, default)
    table.update(overrides)
    return table


SIGNED_IN_ONLY = statuses(200, anonymous=TO_LOGIN)
PARTICIPANTS_ONLY = statuses(200, anonymous=TO_LOGIN, newcomer=TO_WELCOME, admin=TO_WELCOME)
OWN_OBJECT = statuses(404, anonymous=TO_LOGIN, newcomer=TO_WELCOME, admin=TO_WELCOME, owner=200)
POST_ONLY = statuses(405)
CMS_ONLY = statuses(TO_CMS_LOGIN, comms=200, admin=200)
CMS_ADMIN_ONLY = statuses(TO_CMS_LOGIN, comms=REFUSED_IN_CMS, admin=200)
REVIEWERS_ONLY = statuses(403, anonymous=TO_LOGIN, mentor=200, comms=200, admin=200)
MENTORS_ONLY = statuses(403, anonymous=TO_LOGIN, mentor=200)
COMMS_SITE = statuses(403, anonymous=TO_LOGIN, comms=200, admin=200)
PASSKEY_API = statuses(405, anonymous=403)


# --- builders -------------------------------------------------------------------------------


def english_home() -> Page:
    """The tree's home page in English (/en/); the Dutch one at / is behind the site's own
    home view, so this is where a plain Wagtail page is served."""
    home = provisioning.wagtail_site_ensure()
    english, _created = Locale.objects.get_or_create(language_code="en")
    page = home.copy_for_translation(english)
    page.save_revision().publish()
    return Page.objects.get(pk=page.pk)


def certificate_code(user) -> str:
    tree = build_tree()
    course_services.lesson_mark_done(user=user, course=tree.basics, lesson=tree.intro)
    pass_quiz(user, tree.basics, tree.quiz_lesson)
    return Enrolment.objects.get(user=user, course_key=tree.basics.translation_key).certificate_code


def share_code(user, network) -> str:
    return Share.objects.create(user=user, item=make_item(), network=network, text="Look").code


def import_report(user):
    """A checked (here: rejected, empty) employee import uploaded by `user`."""
    return employee_import_check(uploaded_by=user, file_name="hr.csv", raw=b"email\n")


def attachment_of(user):
    return file_request(user, files=[png_file()]).attachments.get()


def guideline_changed_since(user) -> GuidelinePage:
    """A guideline the user acknowledged at version 1, then changed in a major way."""
    main = build_guidelines().main
    guideline_services.guideline_acknowledge(user=user, page=main, version=1)
    return major_change(main, "Never post customer addresses.")


def on_page(model, build, suffix=""):
    """A path builder for a page of `model` (checked), plus a routable sub-path."""

    def path(people):
        page = build(people) if inspect.signature(build).parameters else build()
        assert type(page.specific) is model, f"{page} is not a {model.__name__}"
        return page.url + suffix

    return path


def cms_edit(model, build):
    """The CMS edit page of a page of `model`."""

    def path():
        page = build()
        assert type(page.specific) is model
        return f"/cms/pages/{page.pk}/edit/"

    return path


# Pages of every type, each built in code by the app's test helpers.
PAGES = {
    Page: english_home,
    CourseIndexPage: lambda: build_tree().index,
    CoursePage: lambda: build_tree().basics,
    LessonPage: lambda: build_tree().intro,
    GuidelineIndexPage: lambda: build_guidelines().index,
    GuidelinePage: lambda: build_guidelines().main,
    ContentStrategyPage: lambda: build_guidelines().strategy,
}


def page_row(model) -> str:
    return f"page:{model._meta.label_lower}"


# name: (path or path builder, expected status per role)
ROUTES = {
    "healthz": ("/healthz/", statuses(200)),
    "ambassadors:home": ("/", statuses(302, anonymous=200)),
    "ambassadors:welcome": (
        "/welcome/",
        statuses(302, anonymous=TO_LOGIN, newcomer=200, admin=200),
    ),
    "ambassadors:dashboard": ("/path/", PARTICIPANTS_ONLY),
    "ambassadors:profile": ("/profile/", PARTICIPANTS_ONLY),
    "ambassadors:participation": ("/profile/participation/", POST_ONLY),
    "ambassadors:my_data": ("/profile/my-data/", SIGNED_IN_ONLY),
    "ambassadors:erase": ("/profile/erase/", SIGNED_IN_ONLY),
    "ambassadors:notifications": ("/notifications/", SIGNED_IN_ONLY),
    "ambassadors:notifications_read_all": ("/notifications/read-all/", POST_ONLY),
    "ambassadors:notification_open": ("/notifications/1/open/", POST_ONLY),
    "ambassadors:set_language": ("/language/", POST_ONLY),
    # The installable app (integrations/webapp): open to anyone, naming no one.
    "integrations:manifest": ("/manifest.webmanifest", statuses(200)),
    "integrations:service_worker": ("/sw.js", statuses(200)),
    "integrations:offline": ("/offline/", statuses(200)),
    # Web push devices: the person's own (tests/integrations/test_push_devices.py).
    "integrations:push_devices": ("/profile/devices/", PARTICIPANTS_ONLY),
    "integrations:push_subscribe": ("/profile/devices/subscribe/", POST_ONLY),
    "integrations:push_remove": ("/profile/devices/1/remove/", POST_ONLY),
    "integrations:push_test": ("/profile/devices/test/", POST_ONLY),
    "login": ("/accounts/login/", statuses(302, anonymous=200)),
    "logout": ("/accounts/logout/", POST_ONLY),
    "password_change": ("/accounts/password/change/", SIGNED_IN_ONLY),
    "password_change_done": ("/accounts/password/change/done/", SIGNED_IN_ONLY),
    "password_reset": ("/accounts/password/reset/", statuses(200)),
    # Open to whoever holds the signed link (the token is the proof); no writes on GET.
    "ambassadors:unsubscribe": (
        lambda p: f"/unsubscribe/{unsubscribe_token(user_id=p[OWN].pk, category='missions')}/",
        statuses(200),
    ),
    "password_reset_done": ("/accounts/password/reset/sent/", statuses(200)),
    "password_reset_confirm": ("/accounts/password/reset/MQ/bad-token/", statuses(200)),
    "password_reset_complete": ("/accounts/password/reset/complete/", statuses(200)),
    # Two-factor sign-in (the test settings require it of nobody, and these people have no
    # second factor: the code page sends them on to their start page, ambassadors.start;
    # tests/identity/test_two_factor*.py).
    "identity:two_factor_verify": (
        "/two-factor/",
        statuses(
            Redirect("/path/"),
            anonymous=TO_LOGIN,
            mentor=Redirect("/desk/"),
            comms=Redirect("/programme/"),
            admin=Redirect("/programme/"),
        ),
    ),
    "identity:two_factor_setup": ("/two-factor/setup/", SIGNED_IN_ONLY),
    "identity:two_factor": ("/account/two-factor/", SIGNED_IN_ONLY),
    "identity:two_factor_recovery": ("/account/two-factor/recovery-codes/", POST_ONLY),
    "identity:two_factor_remove": ("/account/two-factor/app/1/remove/", POST_ONLY),
    # Passkeys: django-otp-webauthn's JSON endpoints (POST only; without a session, 403).
    "otp_webauthn:credential-registration-begin": (
        "/two-factor/passkeys/registration/begin/",
        PASSKEY_API,
    ),
    "otp_webauthn:credential-registration-complete": (
        "/two-factor/passkeys/registration/complete/",
        PASSKEY_API,
    ),
    "otp_webauthn:credential-authentication-begin": (
        "/two-factor/passkeys/authentication/begin/",
        PASSKEY_API,
    ),
    "otp_webauthn:credential-authentication-complete": (
        "/two-factor/passkeys/authentication/complete/",
        PASSKEY_API,
    ),
    "otp_webauthn:js-i18n-catalog": ("/two-factor/passkeys/jsi18n/", statuses(200)),
    "identity_two_factor_reset": (
        lambda p: f"/cms/two-factor/reset/{p[C].pk}/",
        CMS_ADMIN_ONLY,
    ),
    # OpenID Connect: open to anyone; a slug no connection has is not found (the flow itself:
    # tests/identity/test_oidc*.py).
    "identity:oidc-login": ("/sso/oidc/nowhere/login/", statuses(404)),
    "identity:oidc-callback": ("/sso/oidc/nowhere/callback/", statuses(404)),
    # Courses: certificates belong to their owner, verification and Open Badges are public.
    "courses:certificate": (
        lambda p: f"/certificates/{certificate_code(p[OWN])}/",
        statuses(404, anonymous=TO_LOGIN, owner=200),
    ),
    "courses:certificate (unknown code)": (
        "/certificates/no-such-code/",
        statuses(404, anonymous=TO_LOGIN),
    ),
    "courses:verify": (lambda p: f"/verify/{certificate_code(p[OWN])}/", statuses(200)),
    "courses:verify (unknown code)": ("/verify/no-such-code/", statuses(404)),
    "courses:badge_issuer": ("/badges/issuer.json", statuses(200)),
    "courses:badge_class": (f"/badges/courses/{UNKNOWN}.json", statuses(404)),
    "courses:badge_image": (f"/badges/courses/{UNKNOWN}.svg", statuses(404)),
    "courses:badge_assertion": ("/badges/assertions/no-such-code.json", statuses(404)),
    # Who is out of quiz attempts, and more attempts: mentors and comms staff.
    "courses:desk_quizzes": ("/desk/quizzes/", REVIEWERS_ONLY),
    # Wagtail pages of every type (served by wagtail_serve), and their routable sub-pages.
    # The tree's home lists the titles of its public children and nothing about anyone.
    page_row(Page): (on_page(Page, english_home), statuses(200)),
    page_row(CourseIndexPage): (
        on_page(CourseIndexPage, PAGES[CourseIndexPage]),
        PARTICIPANTS_ONLY,
    ),
    page_row(CoursePage): (on_page(CoursePage, PAGES[CoursePage]), PARTICIPANTS_ONLY),
    page_row(LessonPage): (on_page(LessonPage, PAGES[LessonPage]), PARTICIPANTS_ONLY),
    "page:courses.lessonpage (of a later stage)": (
        on_page(LessonPage, lambda: build_tree().stage3_lesson),
        statuses(403, anonymous=TO_LOGIN, newcomer=TO_WELCOME, admin=TO_WELCOME),
    ),
    page_row(GuidelineIndexPage): (
        on_page(GuidelineIndexPage, PAGES[GuidelineIndexPage]),
        PARTICIPANTS_ONLY,
    ),
    "page:guidelines.guidelineindexpage:print_view": (
        on_page(GuidelineIndexPage, PAGES[GuidelineIndexPage], "print/"),
        PARTICIPANTS_ONLY,
    ),
    page_row(GuidelinePage): (on_page(GuidelinePage, PAGES[GuidelinePage]), PARTICIPANTS_ONLY),
    # What changed since the version *you* acknowledged; without one, back to the page.
    "page:guidelines.guidelinepage:changes": (
        on_page(GuidelinePage, lambda p: guideline_changed_since(p[OWN]), "changes/"),
        statuses(302, anonymous=TO_LOGIN, newcomer=TO_WELCOME, admin=TO_WELCOME, owner=200),
    ),
    page_row(ContentStrategyPage): (
        on_page(ContentStrategyPage, PAGES[ContentStrategyPage]),
        PARTICIPANTS_ONLY,
    ),
    # Guidelines: search for anyone signed in.
    "guidelines:search": ("/search/?q=social", SIGNED_IN_ONLY),
    # Sharing: the feed, share pages and reach for participants; tracked links for anyone.
    "sharing:feed": ("/share/", PARTICIPANTS_ONLY),
    "sharing:reach": ("/share/reach/", PARTICIPANTS_ONLY),
    "sharing:share": (lambda: f"/share/{make_item().pk}/", PARTICIPANTS_ONLY),
    "sharing:share (proposed item)": (
        lambda p: f"/share/{make_item(status='proposed', proposed_by=p[OWN]).pk}/",
        statuses(404, anonymous=TO_LOGIN, newcomer=TO_WELCOME, admin=TO_WELCOME),
    ),
    "sharing:dismiss": ("/share/1/dismiss/", POST_ONLY),
    "sharing:save": ("/share/1/save/", POST_ONLY),
    # The own-words coach answers scores and counts for a shareable item (never others' texts).
    "sharing:coach": ("/share/1/coach/", POST_ONLY),
    "sharing:propose": ("/share/propose/", PARTICIPANTS_ONLY),
    "sharing:my_post": ("/share/my-post/", PARTICIPANTS_ONLY),
    "sharing:instagram": (
        lambda p: f"/share/instagram/{share_code(p[OWN], Network.INSTAGRAM)}/",
        OWN_OBJECT,
    ),
    "sharing:facebook": (
        lambda p: f"/share/facebook/{share_code(p[OWN], Network.FACEBOOK)}/",
        OWN_OBJECT,
    ),
    # A tracked link is public by design (it is posted on the networks).
    "sharing:tracked_link": (
        lambda p: f"/s/{share_code(p[OWN], Network.LINKEDIN)}",
        statuses(302),
    ),
    "sharing:tracked_link (unknown code)": ("/s/unknowncode", statuses(404)),
    # Missions: own pages for participants; someone else's assignment is not found; evidence
    # only for its owner and reviewers; the review queue for mentors and comms staff.
    "missions:list": ("/missions/", PARTICIPANTS_ONLY),
    "missions:pick": ("/missions/pick/1/", POST_ONLY),
    "missions:assignment": (lambda p: f"/missions/{submitted(p[OWN]).pk}/", OWN_OBJECT),
    "missions:accept": ("/missions/1/accept/", POST_ONLY),
    "missions:decline": ("/missions/1/decline/", POST_ONLY),
    "missions:leaderboard": ("/missions/leaderboard/", PARTICIPANTS_ONLY),
    "missions:evidence": (
        lambda p: f"/missions/evidence/{submitted(p[OWN]).submissions.get().pk}/",
        statuses(200, anonymous=TO_LOGIN, newcomer=404, employee=404),
    ),
    "missions:review_queue": ("/missions/review/", REVIEWERS_ONLY),
    "missions:review": (lambda: f"/missions/review/{submitted().pk}/", REVIEWERS_ONLY),
    # Peer review with a rubric: the list (and opt-in) for people taking part; a colleague's
    # work only for opted-in stage-3 people (none of these roles); calibration for reviewers.
    "missions:calibration": ("/missions/review/calibration/", REVIEWERS_ONLY),
    "missions:peer_reviews": ("/missions/peer-review/", PARTICIPANTS_ONLY),
    "missions:peer_review_opt_in": ("/missions/peer-review/opt-in/", POST_ONLY),
    "missions:peer_review": (
        lambda: f"/missions/peer-review/{production_work().pk}/",
        statuses(404, anonymous=TO_LOGIN, newcomer=TO_WELCOME, admin=TO_WELCOME),
    ),
    "missions:promotion_answer": ("/path/move-up/", POST_ONLY),
    # Refreshers: the person's own due questions (tests/refreshers/test_pages.py).
    "refreshers:page": ("/refreshers/", PARTICIPANTS_ONLY),
    "refreshers:reminder": ("/refreshers/reminder/", POST_ONLY),
    # Mentor desk: an employee's own requests; the desk for mentors; a request and its
    # attachments only for its author, its mentor, mentors with the skill while it is queued
    # and the team lead (someone else's request is simply not found; `mentor` here has no
    # skills, see tests/mentors/test_access.py for the rest of the rule).
    "mentors:help": ("/help/", PARTICIPANTS_ONLY),
    "mentors:help_new": ("/help/new/question/", PARTICIPANTS_ONLY),
    "mentors:help_ticket": (lambda p: f"/help/{file_request(p[OWN]).pk}/", OWN_OBJECT),
    "mentors:help_close": ("/help/1/close/", POST_ONLY),
    "mentors:help_reopen": ("/help/1/reopen/", POST_ONLY),
    "mentors:help_rate": ("/help/1/rate/", POST_ONLY),
    "mentors:attachment": (
        lambda p: f"/help/attachments/{attachment_of(p[OWN]).pk}/",
        statuses(404, anonymous=TO_LOGIN, owner=200),
    ),
    "mentors:desk": ("/desk/", MENTORS_ONLY),
    "mentors:desk_figures": ("/desk/figures/", MENTORS_ONLY),
    "mentors:desk_canned": ("/desk/canned/", MENTORS_ONLY),
    "mentors:desk_availability": ("/desk/availability/", MENTORS_ONLY),
    "mentors:desk_ticket": (
        lambda p: f"/desk/{file_request(p[OWN]).pk}/",
        statuses(403, anonymous=TO_LOGIN, mentor=404),
    ),
    "mentors:desk_take": ("/desk/1/take/", POST_ONLY),
    # Insights: comms staff and administrators only.
    "insights:programme": ("/programme/", COMMS_SITE),
    "insights:dashboard": ("/insights/", COMMS_SITE),
    "insights:export": ("/insights/export/sharing.csv", COMMS_SITE),
    "insights:subscription": ("/insights/summary/", POST_ONLY),
    # Wagtail admin: comms staff and administrators only; our own admin views.
    "wagtailadmin_home": ("/cms/", CMS_ONLY),
    "ambassadors_import": ("/cms/import-employees/", CMS_ONLY),
    "ambassadors_import_report": (
        lambda p: f"/cms/import-employees/{import_report(p[C]).pk}/",
        CMS_ONLY,
    ),
    "ambassadors_import_status": (
        lambda p: f"/cms/import-employees/{import_report(p[C]).pk}/status/",
        CMS_ONLY,
    ),
    "courses_figures": ("/cms/course-figures/", CMS_ONLY),
    "refreshers_report": ("/cms/refresher-answers/", CMS_ONLY),
    "guidelines_coverage": ("/cms/guideline-acknowledgements/", CMS_ONLY),
    # The attention calendar (insights/admin_views.py): comms staff and administrators.
    "insights_calendar": ("/cms/attention-calendar/", CMS_ONLY),
    "guidelines_coverage_results": ("/cms/guideline-acknowledgements/results/", CMS_ONLY),
    "missions_stage_change": (
        lambda p: f"/cms/missions/stage/{p[OWN].ambassador.pk}/",
        CMS_ONLY,
    ),
    "sharing_push_new": (lambda: f"/cms/sharing/push/{make_item().pk}/", CMS_ONLY),
    "sharing_push": (
        lambda: f"/cms/sharing/pushes/{Push.objects.create(item=make_item()).pk}/",
        CMS_ONLY,
    ),
    "sharing_proposal": (
        lambda p: f"/cms/sharing/proposals/{make_item(status='proposed', proposed_by=p[OWN]).pk}/",
        CMS_ONLY,
    ),
    "sharing_variants": (lambda: f"/cms/sharing/items/{make_item().pk}/texts/", CMS_ONLY),
    # The ambassadors' list as CSV (e-mail addresses): the list's own permission.
    "wagtailsnippets_ambassadors_ambassador:list (csv export)": (
        "/cms/snippets/ambassadors/ambassador/?export=csv",
        CMS_ONLY,
    ),
}

# SCIM provisioning: a bearer token of a provisioning connection, never a session. Signed in
# or not, a browser gets 401 (tests/identity/test_scim_users.py has the token's side).
SCIM_TOKEN_ONLY = statuses(401)
ROUTES.update(
    {
        "identity:scim-users": ("/scim/v2/Users", SCIM_TOKEN_ONLY),
        "identity:scim-user": (lambda p: f"/scim/v2/Users/{p[OWN].pk}", SCIM_TOKEN_ONLY),
        "identity:scim-groups": ("/scim/v2/Groups", SCIM_TOKEN_ONLY),
        "identity:scim-group": (
            lambda: f"/scim/v2/Groups/{Department.objects.create(name='Sales').pk}",
            SCIM_TOKEN_ONLY,
        ),
        "identity:scim-service-provider-config": (
            "/scim/v2/ServiceProviderConfig",
            SCIM_TOKEN_ONLY,
        ),
        "identity:scim-resource-types": ("/scim/v2/ResourceTypes", SCIM_TOKEN_ONLY),
        "identity:scim-resource-type": ("/scim/v2/ResourceTypes/User", SCIM_TOKEN_ONLY),
        "identity:scim-schemas": ("/scim/v2/Schemas", SCIM_TOKEN_ONLY),
        "identity:scim-schema": (
            "/scim/v2/Schemas/urn:ietf:params:scim:schemas:core:2.0:User",
            SCIM_TOKEN_ONLY,
        ),
    }
)


# The REST API (/api/v1/): a bearer token (api/auth.py), never a session. Signed in or not, a
# browser gets 401; what each kind of token gets is tests/api/test_token_table.py. The schema
# and its docs page are public.
API_TOKEN_ONLY = statuses(401)
ROUTES.update(
    {
        "api_v1:openapi-json": ("/api/v1/openapi.json", statuses(200)),
        "api_v1:openapi-view": ("/api/v1/docs/", statuses(200)),
        "api_v1:api-root": ("/api/v1/", statuses(404)),
        "api_v1:not-found": ("/api/v1/no-such-thing", statuses(404)),
        "api_v1:me": ("/api/v1/me", API_TOKEN_ONLY),
        "api_v1:me-progress": ("/api/v1/me/progress", API_TOKEN_ONLY),
        "api_v1:me-acknowledgements": ("/api/v1/me/acknowledgements", API_TOKEN_ONLY),
        "api_v1:me-reach": ("/api/v1/me/reach", API_TOKEN_ONLY),
        "api_v1:people": ("/api/v1/people", API_TOKEN_ONLY),
        "api_v1:person": (lambda p: f"/api/v1/people/{p[OWN].pk}", API_TOKEN_ONLY),
        "api_v1:courses": ("/api/v1/courses", API_TOKEN_ONLY),
        "api_v1:completions": ("/api/v1/completions", API_TOKEN_ONLY),
        "api_v1:person-progress": (
            lambda p: f"/api/v1/people/{p[OWN].pk}/progress",
            API_TOKEN_ONLY,
        ),
        "api_v1:acknowledgements": ("/api/v1/acknowledgements", API_TOKEN_ONLY),
        "api_v1:acknowledgements-coverage": ("/api/v1/acknowledgements/coverage", API_TOKEN_ONLY),
        "api_v1:missions": ("/api/v1/missions", API_TOKEN_ONLY),
        "api_v1:assignments": ("/api/v1/assignments", API_TOKEN_ONLY),
        "api_v1:content-items": ("/api/v1/content-items", API_TOKEN_ONLY),
        "api_v1:content-item-figures": ("/api/v1/content-items/1/figures", API_TOKEN_ONLY),
        "api_v1:sharing-daily": ("/api/v1/sharing/daily", API_TOKEN_ONLY),
        "api_v1:insights-table": ("/api/v1/insights/funnel", API_TOKEN_ONLY),
        # POST only: a GET is 405 before any token is read.
        "api_v1:person-deactivate": (
            lambda p: f"/api/v1/people/{p[OWN].pk}/deactivate",
            POST_ONLY,
        ),
        "api_v1:person-reactivate": (
            lambda p: f"/api/v1/people/{p[OWN].pk}/reactivate",
            POST_ONLY,
        ),
    }
)


def _scim_connection_page(view: str):
    """The CMS page `view` of a new provisioning connection."""
    return lambda: f"/cms/provisioning-connections/{view}/{make_scim_connection()[0].pk}/"


# Provisioning connections (their tokens create and switch off accounts): administrators only.
ROUTES.update(
    {
        "identity_scim_connections:index": ("/cms/provisioning-connections/", CMS_ADMIN_ONLY),
        "identity_scim_connections:index_results": (
            "/cms/provisioning-connections/results/",
            CMS_ADMIN_ONLY,
        ),
        "identity_scim_connections:add": ("/cms/provisioning-connections/new/", CMS_ADMIN_ONLY),
        **{
            f"identity_scim_connections:{name}": (_scim_connection_page(view), CMS_ADMIN_ONLY)
            for name, view in (
                ("edit", "edit"),
                ("delete", "delete"),
                ("usage", "usage"),
                ("revoke", "revoke"),
                ("history", "history"),
                ("history_results", "history-results"),
            )
        },
    }
)


def _webhook_page(view: str):
    """The CMS page `view` of a new webhook subscription."""
    from integrations.models import WebhookSubscription

    def path():
        subscription = WebhookSubscription.objects.create(
            name="HR system", url="https://hooks.example.com/", events=["person.joined"]
        )
        return f"/cms/webhooks/{view}/{subscription.pk}/"

    return path


def _webhook_delivery_page(view: str):
    """The CMS page `view` of a failed webhook delivery."""
    import uuid

    from integrations.models import WebhookDelivery, WebhookSubscription

    def path():
        subscription = WebhookSubscription.objects.create(
            name="HR system", url="https://hooks.example.com/", events=["person.joined"]
        )
        delivery = WebhookDelivery.objects.create(
            subscription=subscription,
            event="person.joined",
            event_id=uuid.uuid4(),
            payload={},
            status="failed",
        )
        return f"/cms/webhook-deliveries/{view}/{delivery.pk}/"

    return path


# Webhook subscriptions (their secrets sign what the platform tells other systems) and their
# delivery log: administrators only.
ROUTES.update(
    {
        "integrations_webhook_subscriptions:index": ("/cms/webhooks/", CMS_ADMIN_ONLY),
        "integrations_webhook_subscriptions:index_results": (
            "/cms/webhooks/results/",
            CMS_ADMIN_ONLY,
        ),
        "integrations_webhook_subscriptions:add": ("/cms/webhooks/new/", CMS_ADMIN_ONLY),
        **{
            f"integrations_webhook_subscriptions:{name}": (_webhook_page(view), CMS_ADMIN_ONLY)
            for name, view in (
                ("edit", "edit"),
                ("delete", "delete"),
                ("usage", "usage"),
                ("rotate", "rotate"),
                ("ping", "ping"),
                ("history", "history"),
                ("history_results", "history-results"),
            )
        },
        "integrations_webhook_deliveries:index": ("/cms/webhook-deliveries/", CMS_ADMIN_ONLY),
        "integrations_webhook_deliveries:index_results": (
            "/cms/webhook-deliveries/results/",
            CMS_ADMIN_ONLY,
        ),
        "integrations_webhook_deliveries:inspect": (
            _webhook_delivery_page("inspect"),
            CMS_ADMIN_ONLY,
        ),
        "integrations_webhook_deliveries:retry": (
            _webhook_delivery_page("retry"),
            CMS_ADMIN_ONLY,
        ),
    }
)


def _api_token_page(view: str):
    """The CMS page `view` of a new API token."""
    return lambda: f"/cms/api-tokens/{view}/{make_service_token('people:read')[0].pk}/"


# API tokens (they read and change people): administrators only.
ROUTES.update(
    {
        "api_tokens:index": ("/cms/api-tokens/", CMS_ADMIN_ONLY),
        "api_tokens:index_results": ("/cms/api-tokens/results/", CMS_ADMIN_ONLY),
        "api_tokens:add": ("/cms/api-tokens/new/", CMS_ADMIN_ONLY),
        **{
            f"api_tokens:{name}": (_api_token_page(view), CMS_ADMIN_ONLY)
            for name, view in (
                ("edit", "edit"),
                ("delete", "delete"),
                ("usage", "usage"),
                ("revoke", "revoke"),
                ("history", "history"),
                ("history_results", "history-results"),
            )
        },
    }
)

# CMS edit pages of every page type: comms staff edit pages anywhere in the tree.
ROUTES.update(
    {
        f"cms_page_edit:{model._meta.label_lower}": (cms_edit(model, build), CMS_ONLY)
        for model, build in PAGES.items()
    }
)


def setting_edit(label):
    """The CMS edit page of the (generic) setting `label`."""

    def path():
        model = next(m for m in settings_registry if m._meta.label_lower == label)
        return reverse("wagtailsettings:edit", args=[*label.split("."), model.load().pk])

    return path


# Settings: comms staff change the programme's attention budget and the insights settings.
ROUTES.update(
    {
        "cms_settings:ambassadors.programmesettings": (
            setting_edit("ambassadors.programmesettings"),
            CMS_ONLY,
        ),
        "cms_settings:insights.insightsettings": (
            setting_edit("insights.insightsettings"),
            CMS_ONLY,
        ),
        # The posting checks the composer shows as hints (issue 23).
        "cms_settings:sharing.postingchecks": (
            setting_edit("sharing.postingchecks"),
            CMS_ONLY,
        ),
    }
)


# Snippet viewsets. Every viewset has the listing and chooser views; some add copy and
# inspect. What comms staff may not do follows their group's permissions
# (each app's provisioning.PERMISSIONS): ambassadors are only viewed and given
# a department (people come from the import and consent), growth rules are only changed,
# mentor profiles are only viewed (administrators make mentors), SLA targets are never
# deleted. Administrators may do everything.
LISTING = ("list", "list_results", "add", "edit", "delete", "usage", "history", "history_results")
CHOOSER = ("choose", "choose_results", "chosen", "chosen_multiple", "create")
WITH_PK = {"edit", "delete", "usage", "history", "history_results", "copy", "inspect", "chosen"}

# model: (an existing object, views beyond LISTING and CHOOSER, views comms staff may not use)
SNIPPETS = {
    "ambassadors.ambassador": (
        lambda: make_user(Role.EMPLOYEE).ambassador,
        {"inspect"},
        {"add", "delete", "create"},
    ),
    "ambassadors.department": (lambda: Department.objects.create(name="Sales"), {"copy"}, set()),
    "ambassadors.topic": (
        lambda: Topic.objects.create(slug="solar", name_nl="Zon", name_en="Solar"),
        {"copy"},
        set(),
    ),
    # Audience figures: comms staff view and correct them; nobody adds one in the CMS.
    "ambassadors.socialprofile": (
        lambda: SocialProfile.objects.create(
            ambassador=make_user(Role.EMPLOYEE).ambassador, network="linkedin", audience_size=9
        ),
        set(),
        {"delete"},
    ),
    "sharing.contentitem": (make_item, {"copy", "inspect"}, set()),
    "sharing.newsfeed": (
        lambda: NewsFeed.objects.create(name="Blog", url="https://blog.example/feed"),
        {"copy"},
        set(),
    ),
    "missions.mission": (mission, {"copy"}, set()),
    "missions.campaign": (
        lambda: Campaign.objects.create(
            name="Open day", stage=1, starts_at=timezone.now() + dt.timedelta(days=7)
        ),
        {"copy", "inspect"},
        set(),
    ),
    "missions.rubric": (make_rubric, {"copy"}, set()),
    "missions.growthrule": (
        lambda: GrowthRule.objects.first(),
        {"copy"},
        {"add", "delete", "copy", "create"},
    ),
    "mentors.mentorprofile": (
        lambda: make_mentor().mentor_profile,
        {"copy", "inspect"},
        {"add", "edit", "delete", "copy", "create", "usage", "history", "history_results"},
    ),
    "mentors.slatarget": (lambda: SlaTarget.objects.first(), {"copy"}, {"delete"}),
    "refreshers.refresherquestion": (make_question, {"copy"}, set()),
    "mentors.openinghours": (lambda: OpeningHours.objects.first(), {"copy"}, set()),
    "mentors.holiday": (
        lambda: Holiday.objects.create(date=dt.date(2031, 12, 25), name="Christmas"),
        {"copy"},
        set(),
    ),
    "mentors.cannedresponse": (
        lambda: CannedResponse.objects.create(title="Thanks", body="Thank you for asking."),
        {"copy"},
        set(),
    ),
}


def _snippet_rows():
    def path(name, make, needs_pk):
        return lambda: reverse(name, args=[make().pk]) if needs_pk else reverse(name)

    rows = {}
    for label, (make, extra, not_for_comms) in SNIPPETS.items():
        app, model = label.split(".")
        for view in (*LISTING, *sorted(extra), *CHOOSER):
            prefix = "wagtailsnippetchoosers" if view in CHOOSER else "wagtailsnippets"
            name = f"{prefix}_{app}_{model}:{view}"
            expected = CMS_ADMIN_ONLY if view in not_for_comms else CMS_ONLY
            rows[name] = (path(name, make, view in WITH_PK), expected)
    return rows


ROUTES.update(_snippet_rows())

# SAML sign-in: public by nature (the IdP posts to the ACS, the IdP's administrator reads the
# metadata); with no SAML connection configured every slug is unknown. The pages of a real
# connection are tested against a real IdP in tests/identity/test_saml_sign_in.py.
ROUTES.update(
    {
        "identity:saml-login": ("/sso/saml/nope/login/", statuses(404)),
        "identity:saml-acs": ("/sso/saml/nope/acs/", POST_ONLY),
        "identity:saml-finish": ("/sso/saml/nope/finish/", statuses(404)),
        "identity:saml-metadata": ("/sso/saml/nope/metadata/", statuses(404)),
    }
)
# The learning record store's status page and its test statement (integrations/xapi):
# administrators only, like the other connections to the outside.
ROUTES["integrations_lrs_status"] = ("/cms/learning-record-store/", CMS_ADMIN_ONLY)
# Slack (integrations/slack): comms staff and administrators connect it in the CMS; a person
# links their own account; Slack's callbacks are POSTs verified by signature.
ROUTES["integrations_slack"] = ("/cms/slack/", CMS_ONLY)
ROUTES["slack:link"] = ("/profile/slack/", PARTICIPANTS_ONLY)
ROUTES["slack:confirm"] = ("/profile/slack/confirm/", POST_ONLY)
ROUTES["slack:unlink"] = ("/profile/slack/unlink/", POST_ONLY)
ROUTES["slack:interactions"] = ("/integrations/slack/interactions/", POST_ONLY)


def _teams_not_relevant(people):
    """The "Not relevant" page of a suggestion sent to the owner in Teams."""
    token = not_relevant_token(user_id=people[OWN].pk, item_id=make_item().pk)
    return f"/teams/not-relevant/{token}/"


# Microsoft Teams (integrations/teams): the connection is for comms staff and administrators;
# a person links their own account; "Not relevant" from Teams works only for its recipient.
ROUTES["integrations_teams"] = ("/cms/teams/", CMS_ONLY)
ROUTES.update(
    {
        "teams:link": ("/profile/teams/", PARTICIPANTS_ONLY),
        "teams:confirm": ("/profile/teams/confirm/", POST_ONLY),
        "teams:unlink": ("/profile/teams/unlink/", POST_ONLY),
        "teams:not_relevant": (_teams_not_relevant, OWN_OBJECT),
    }
)
# People enter their networks in their profile: nobody adds an audience figure in the CMS.
for _name in (
    "wagtailsnippets_ambassadors_socialprofile:add",
    "wagtailsnippetchoosers_ambassadors_socialprofile:create",
):
    ROUTES[_name] = (
        ROUTES[_name][0],
        statuses(TO_CMS_LOGIN, comms=REFUSED_IN_CMS, admin=REFUSED_IN_CMS),
    )

# URL patterns that are not ours to table here: Wagtail's own admin and documents (spot
# checked above), Wagtail's password form for private pages, and its page-serving catch-all.
# Patterns under these prefixes that our apps register (admin views, snippets) do need rows.
FOREIGN_PREFIXES = ("cms/", "documents/", "_util/")


def _people():
    return {
        A: None,
        N: make_user(Role.EMPLOYEE, joined=False),
        OWN: make_user(Role.EMPLOYEE),
        E: make_user(Role.EMPLOYEE),
        M: make_user(Role.EMPLOYEE, Role.MENTOR),
        C: make_user(Role.EMPLOYEE, Role.COMMS),
        ADM: make_user(Role.ADMIN, superuser=True, joined=False),
    }


def _build(path, people):
    if not callable(path):
        return path
    return path(people) if inspect.signature(path).parameters else path()


def _observed(response, expected):
    if isinstance(expected, Redirect) and response.status_code == 302:
        return Redirect(urlsplit(response["Location"]).path)
    return response.status_code


@pytest.mark.parametrize("name", sorted(ROUTES))
def test_each_role_gets_the_expected_status(name, client_for):
    """Each role gets exactly the status the table says, for every URL."""
    path, expected = ROUTES[name]
    people = _people()
    path = _build(path, people)
    got = {role: _observed(client_for(people[role]).get(path), expected[role]) for role in ROLES}
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
            yield route, name, pattern


def _ours(name, pattern) -> bool:
    """Registered by one of our apps: our view, or a snippet viewset of one of our models."""
    view = getattr(pattern.callback, "view_class", pattern.callback)
    if view.__module__.split(".")[0] in OUR_APPS:
        return True
    return any(
        (name or "").startswith((f"wagtailsnippets_{app}_", f"wagtailsnippetchoosers_{app}_"))
        for app in OUR_APPS
    )


def test_every_url_pattern_is_in_the_table():
    """A new URL pattern without a row in ROUTES fails here, in the CMS too."""
    missing = []
    for route, name, pattern in _named_patterns(get_resolver()):
        if name in (None, "wagtail_serve"):
            continue
        if route.startswith(FOREIGN_PREFIXES) and not _ours(name, pattern):
            continue
        if name not in ROUTES:
            missing.append((route, name))
    assert missing == []


def test_the_cms_part_of_the_table_is_not_empty():
    """The CMS walk finds our snippet and admin views (a guard for the filter above)."""
    found = {
        name
        for route, name, pattern in _named_patterns(get_resolver())
        if route.startswith("cms/") and _ours(name, pattern)
    }
    assert "wagtailsnippets_ambassadors_ambassador:list" in found
    assert "missions_stage_change" in found
    assert len(found) > 100


def test_every_page_type_is_in_the_table():
    """Each page model has a row on the site, one per routable sub-page, and a CMS edit row."""
    missing = []
    for model in get_page_models():
        label = model._meta.label_lower
        wanted = [page_row(model), f"cms_page_edit:{label}"]
        if hasattr(model, "get_subpage_urls"):
            wanted += [
                f"page:{label}:{route.name}"
                for route in model.get_subpage_urls()
                if str(route.pattern) != ""
            ]
        missing += [name for name in wanted if name not in ROUTES]
        if model not in PAGES:
            missing.append(f"PAGES[{model.__name__}]")
    assert missing == []


def test_every_setting_is_in_the_table():
    """Each Wagtail setting model has a row for its edit page."""
    missing = [
        f"cms_settings:{model._meta.label_lower}"
        for model in settings_registry
        if f"cms_settings:{model._meta.label_lower}" not in ROUTES
    ]
    assert missing == []


def test_no_row_names_a_url_that_is_gone():
    """Rows are named after URL patterns (a note in brackets marks a second look at one), so
    a renamed or removed URL leaves no stale row behind."""
    names = {name for _route, name, _pattern in _named_patterns(get_resolver())}
    stale = [
        row
        for row in ROUTES
        if not row.startswith(("page:", "cms_page_edit:", "cms_settings:"))
        and row.split(" (", 1)[0] not in names
    ]
    assert stale == []


def test_employee_cannot_use_the_import_even_by_post(client_for, employee):
    """Posting to the import directly is refused for an employee."""
    response = client_for(employee).post("/cms/import-employees/", {})
    assert response.status_code == 302
    assert "/cms/login/" in response["Location"]
