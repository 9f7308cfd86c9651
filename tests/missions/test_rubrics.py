"""Peer review of production missions with a rubric: the CMS's rules for rubrics, who may
review what, what the author sees, the mentors' agreement and calibration figures."""

import datetime as dt
import re

import pytest
from django.core.exceptions import ValidationError
from django.db.models.query import QuerySet
from django.utils import timezone
from wagtail.users.models import UserProfile

from ambassadors.models import Ambassador, Notification, Stage
from ambassadors.roles import Role
from missions import rubric_selectors, services
from missions.models import (
    ERROR_RUBRIC_EMPTY,
    ERROR_RUBRIC_STAGE,
    Assignment,
    Mission,
    PeerReviewOptIn,
    Rubric,
    RubricReview,
    RubricScore,
)
from missions.services import errors
from tests.factories import make_user
from tests.factories.missions import (
    make_rubric,
    mission,
    peer_reviewer,
    production_work,
    scores_for,
    submitted,
)
from tests.queries import page_queries

pytestmark = pytest.mark.django_db


# The refusal of a sixth review in a week, in whatever language the test runs.
def weekly_limit() -> str:
    """The weekly cap's refusal, in the language active when it is raised (not at import)."""
    return re.escape(str(errors.ERROR_PEER_LIMIT % {"limit": services.PEER_REVIEWS_PER_WEEK}))


@pytest.fixture
def work(db) -> Assignment:
    return production_work()


@pytest.fixture
def rubric(work) -> Rubric:
    return work.mission.rubric


def review(reviewer, assignment, level=3, comment=""):
    return services.rubric_review_submit(
        reviewer=reviewer,
        assignment=assignment,
        scores=scores_for(assignment.mission.rubric, level),
        comment=comment,
    )


# --- the CMS --------------------------------------------------------------------------------


def _rubric_form(criteria: list[dict]) -> dict:
    data = {
        "name_nl": "Eigen content",
        "name_en": "Own content",
        "description_nl": "",
        "description_en": "",
        "criteria-TOTAL_FORMS": len(criteria),
        "criteria-INITIAL_FORMS": 0,
        "criteria-MIN_NUM_FORMS": 0,
        "criteria-MAX_NUM_FORMS": 1000,
    }
    for index, criterion in enumerate(criteria):
        row = {
            "name_nl": "",
            "name_en": "",
            "description_nl": "",
            "description_en": "",
            "levels": 4,
            "level_descriptions_nl": "",
            "level_descriptions_en": "",
            "ORDER": index + 1,
            "DELETE": "",
            **criterion,
        }
        data.update({f"criteria-{index}-{key}": value for key, value in row.items()})
    return data


@pytest.fixture
def cms(comms):
    UserProfile.objects.update_or_create(user=comms, defaults={"preferred_language": "en"})
    return comms


@pytest.mark.usefixtures("english")
def test_cms_refuses_a_rubric_without_criteria(client_for, cms):
    """Rubrics without criteria: the CMS says so and saves nothing."""
    # Read in English before the request, which leaves the site's language active.
    refusal = str(ERROR_RUBRIC_EMPTY)
    response = client_for(cms).post("/cms/snippets/missions/rubric/add/", _rubric_form([]))
    assert response.status_code == 200
    assert refusal in response.content.decode()
    assert not Rubric.objects.exists()


@pytest.mark.usefixtures("english")
def test_cms_saves_a_rubric_with_a_criterion(client_for, cms):
    """With one criterion the rubric is saved, criterion and all."""
    form = _rubric_form([{"name_nl": "Toon", "name_en": "Tone of voice"}])
    response = client_for(cms).post("/cms/snippets/missions/rubric/add/", form)
    assert response.status_code == 302
    assert [c.name_en for c in Rubric.objects.get().criteria.all()] == ["Tone of voice"]


@pytest.mark.usefixtures("english")
def test_cms_refuses_level_descriptions_that_do_not_match_the_scale(client_for, cms):
    """Three described levels on a scale of four: the criterion's field says what is wrong."""
    form = _rubric_form([{"name_en": "Tone", "level_descriptions_en": "Low\nMiddle\nHigh"}])
    response = client_for(cms).post("/cms/snippets/missions/rubric/add/", form)
    assert response.status_code == 200
    assert "one line per level: 4 lines" in response.content.decode()
    assert not Rubric.objects.exists()


def test_a_mission_cannot_take_a_rubric_without_criteria_or_outside_stage_3():
    """Attaching an empty rubric, or any rubric to an engagement mission, is refused."""
    empty = Rubric.objects.create(name_en="Empty")
    production = mission(stage=Stage.PRODUCTION, kind=Mission.Kind.ARTICLE, rubric=empty)
    with pytest.raises(ValidationError) as refused:
        production.full_clean()
    assert refused.value.message_dict["rubric"] == [str(ERROR_RUBRIC_EMPTY)]
    engagement = mission(rubric=make_rubric())
    with pytest.raises(ValidationError) as refused:
        engagement.full_clean()
    assert refused.value.message_dict["rubric"] == [str(ERROR_RUBRIC_STAGE)]


# --- who may review -------------------------------------------------------------------------


def test_opting_in_is_for_the_production_stage_only():
    """A stage-2 person cannot opt in; a stage-3 person can, and can stop again."""
    curation = make_user(Role.EMPLOYEE, stage=Stage.CURATION)
    with pytest.raises(services.MissionError, match=str(errors.ERROR_OPT_IN_STAGE)):
        services.peer_review_opt_in(user=curation, opt_in=True)
    production = make_user(Role.EMPLOYEE, stage=Stage.PRODUCTION)
    assert services.peer_review_opt_in(user=production, opt_in=True)
    assert services.peer_reviewer_ok(production)
    assert not services.peer_review_opt_in(user=production, opt_in=False)
    assert not PeerReviewOptIn.objects.filter(user=production).exists()


@pytest.mark.parametrize(
    "who",
    ["not opted in", "stage 2 with an old opt-in", "paused"],
)
def test_only_opted_in_active_stage_3_people_review_peers(work, who):
    """Not opted in, in another stage, or paused: the review is refused, nothing is kept."""
    if who == "not opted in":
        reviewer = make_user(Role.EMPLOYEE, stage=Stage.PRODUCTION)
    else:
        reviewer = peer_reviewer()
        field = {"stage": Stage.CURATION} if who.startswith("stage") else {"status": "paused"}
        Ambassador.objects.filter(user=reviewer).update(**field)
    with pytest.raises(services.MissionError, match=str(errors.ERROR_PEER_NOT_ALLOWED)):
        review(reviewer, work)
    assert not RubricReview.objects.exists()


def test_nobody_reviews_their_own_work():
    """An opted-in author cannot review their own post."""
    author = peer_reviewer()
    work = production_work(author)
    with pytest.raises(services.MissionError, match=str(errors.ERROR_OWN_REVIEW)):
        review(author, work)


def test_a_colleague_reviews_a_submission_once(work):
    """The second review of the same submission by the same colleague is refused."""
    colleague = peer_reviewer()
    review(colleague, work)
    with pytest.raises(services.MissionError, match=str(errors.ERROR_ALREADY_REVIEWED)):
        review(colleague, work, level=1)
    assert RubricScore.objects.filter(review__reviewer=colleague).count() == 4


def test_every_criterion_needs_a_level_in_its_range(work, rubric):
    """A missing score, a level outside the scale, or a stranger's criterion is refused."""
    colleague = peer_reviewer()
    first, *others = rubric.criteria.all()
    missing = {criterion.pk: 2 for criterion in others}
    with pytest.raises(services.MissionError) as refused:
        services.rubric_review_submit(reviewer=colleague, assignment=work, scores=missing)
    assert refused.value.field == services.score_field(first)
    assert str(refused.value) == str(errors.ERROR_SCORE_MISSING % {"criterion": first.name})
    for level in (0, 5, "x"):
        out_of_range = str(errors.ERROR_LEVEL_RANGE % {"levels": 4, "criterion": first.name})
        with pytest.raises(services.MissionError, match=re.escape(out_of_range)):
            services.rubric_review_submit(
                reviewer=colleague, assignment=work, scores={**missing, first.pk: level}
            )
    stranger = make_rubric(criteria=1).criteria.get()
    with pytest.raises(services.MissionError, match=str(errors.ERROR_UNKNOWN_CRITERION)):
        services.rubric_review_submit(
            reviewer=colleague,
            assignment=work,
            scores={**scores_for(rubric), stranger.pk: 2},
        )
    assert not RubricReview.objects.exists()


def test_work_without_a_rubric_or_evidence_is_not_reviewed():
    """A mission without a rubric, or an assignment without a submission, is refused."""
    colleague = peer_reviewer()
    plain = submitted(
        make_user(Role.EMPLOYEE, stage=Stage.PRODUCTION),
        with_screenshot=False,
        stage=Stage.PRODUCTION,
        kind=Mission.Kind.ARTICLE,
    )
    with pytest.raises(services.MissionError, match=str(errors.ERROR_NO_RUBRIC)):
        services.rubric_review_submit(reviewer=colleague, assignment=plain, scores={})
    rubric = make_rubric()
    accepted = services.mission_pick(
        user=make_user(Role.EMPLOYEE, stage=Stage.PRODUCTION),
        mission=mission(stage=Stage.PRODUCTION, kind=Mission.Kind.ARTICLE, rubric=rubric),
    )
    with pytest.raises(services.MissionError, match=str(errors.ERROR_NOTHING_TO_REVIEW)):
        review(colleague, accepted)


def test_peer_reviews_are_capped_per_submission_and_per_week(work):
    """Three colleagues per submission; five reviews per colleague per week."""
    for _ in range(services.PEERS_PER_SUBMISSION):
        review(peer_reviewer(), work)
    with pytest.raises(services.MissionError, match=str(errors.ERROR_ENOUGH_PEERS)):
        review(peer_reviewer(), work)
    busy = peer_reviewer()
    rubric = make_rubric()
    for _ in range(services.PEER_REVIEWS_PER_WEEK):
        review(busy, production_work(rubric=rubric))
    with pytest.raises(services.MissionError, match=weekly_limit()):
        review(busy, production_work(rubric=rubric))
    RubricReview.objects.filter(reviewer=busy).update(
        submitted_at=timezone.now() - dt.timedelta(days=8)
    )
    review(busy, production_work(rubric=rubric))


def test_the_weekly_cap_is_counted_under_a_lock_on_the_reviewer(work, monkeypatch):
    """The reviewer's opt-in row is locked before their week is counted, so two tabs
    reviewing different work at once wait for each other; the sixth is still refused."""
    locked = []
    select_for_update = QuerySet.select_for_update

    def recording(queryset, *args, **kwargs):
        locked.append(queryset.model)
        return select_for_update(queryset, *args, **kwargs)

    monkeypatch.setattr(QuerySet, "select_for_update", recording)
    busy = peer_reviewer()
    rubric = make_rubric()
    review(busy, work)
    assert PeerReviewOptIn in locked
    assert locked.index(PeerReviewOptIn) < locked.index(Assignment)
    for _ in range(services.PEER_REVIEWS_PER_WEEK - 1):
        review(busy, production_work(rubric=rubric))
    with pytest.raises(services.MissionError, match=weekly_limit()):
        review(busy, production_work(rubric=rubric))
    assert RubricReview.objects.filter(reviewer=busy).count() == services.PEER_REVIEWS_PER_WEEK


def test_the_list_offers_least_reviewed_work_first_and_never_own(client_for):
    """The list: colleagues' work with fewest reviews first, not one's own, not reviewed."""
    me = peer_reviewer(language="en")
    rubric = make_rubric()
    mine = production_work(me, rubric=rubric)
    once, never = production_work(rubric=rubric), production_work(rubric=rubric)
    review(peer_reviewer(), once)
    done = production_work(rubric=rubric)
    review(me, done)
    queue = rubric_selectors.peer_review_queue(user=me)
    assert [a.pk for a in queue] == [never.pk, once.pk]
    page = client_for(me).get("/missions/peer-review/").content.decode()
    assert f"/missions/peer-review/{never.pk}/" in page
    assert f"/missions/peer-review/{mine.pk}/" not in page
    # The form page of one's own work, or for someone not opted in, is not found.
    assert client_for(me).get(f"/missions/peer-review/{mine.pk}/").status_code == 404
    other = make_user(Role.EMPLOYEE, stage=Stage.PRODUCTION)
    assert client_for(other).get(f"/missions/peer-review/{never.pk}/").status_code == 404


@pytest.mark.usefixtures("english")
def test_opting_in_on_the_page(client_for):
    """Stage 3 opts in with the button; stage 1 gets the refusal on the page."""
    production = make_user(Role.EMPLOYEE, stage=Stage.PRODUCTION, language="en")
    response = client_for(production).post("/missions/peer-review/opt-in/", {"answer": "yes"})
    assert response.status_code == 302
    assert PeerReviewOptIn.objects.filter(user=production).exists()
    engagement = make_user(Role.EMPLOYEE, language="en")
    response = client_for(engagement).post("/missions/peer-review/opt-in/", {"answer": "yes"})
    assert response.status_code == 400
    assert str(errors.ERROR_OPT_IN_STAGE) in response.content.decode()
    response = client_for(engagement).post("/missions/peer-review/opt-in/", {"answer": "maybe"})
    assert response.status_code == 400
    assert not PeerReviewOptIn.objects.filter(user=engagement).exists()


@pytest.mark.usefixtures("english")
def test_a_review_through_the_form_and_its_refusals(client_for, work, rubric):
    """The form page: a missing level is a form error on that criterion, the comment stays."""
    colleague = peer_reviewer(language="en")
    client = client_for(colleague)
    path = f"/missions/peer-review/{work.pk}/"
    first, *others = rubric.criteria.all()
    data = {services.score_field(c): "3" for c in others} | {"comment": "Lovely story"}
    response = client.post(path, data)
    assert response.status_code == 400
    assert response.context["form"].errors[services.score_field(first)] == [
        str(errors.ERROR_SCORE_MISSING % {"criterion": first.name})
    ]
    assert "Lovely story" in response.content.decode()
    response = client.post(path, data | {services.score_field(first): "4"})
    assert response.status_code == 302
    saved = RubricReview.objects.get(reviewer=colleague)
    assert saved.role == RubricReview.Role.PEER
    assert {s.criterion_id: s.level for s in saved.scores.all()}[first.pk] == 4
    response = client.post(path, data | {services.score_field(first): "4"})
    assert response.status_code == 400
    assert str(errors.ERROR_ALREADY_REVIEWED) in response.content.decode()


# --- what the author sees -------------------------------------------------------------------

HOSTILE = '<script>alert("x")</script><b>Good</b> &lt;img src=x onerror=alert(1)&gt; & more'


@pytest.mark.usefixtures("english")
def test_hostile_comment_text_is_cleaned_and_escaped(client_for, mentor, work):
    """Tags are stripped on the way in; what is left is shown as text, never as HTML."""
    for colleague in (peer_reviewer(), peer_reviewer()):
        review(colleague, work, comment=HOSTILE)
    stored = RubricReview.objects.filter(role="peer").first().comment
    assert "<script" not in stored
    assert "<b>" not in stored
    Ambassador.objects.filter(user=work.user).update(language="en")
    page = client_for(work.user).get(f"/missions/{work.pk}/").content.decode()
    assert "<img src=x" not in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "<script>alert" not in page


@pytest.mark.usefixtures("english")
def test_author_sees_scores_together_once_mentor_or_two_colleagues_reviewed(
    client_for, mentor, work, rubric
):
    """One colleague: nothing yet. Mentor: their scores. Two colleagues: theirs too,
    anonymous, with their comments; the author is told once when colleagues' show."""
    Ambassador.objects.filter(user=work.user).update(language="en")
    client = client_for(work.user)
    path = f"/missions/{work.pk}/"
    review(peer_reviewer(), work, level=2, comment="Try a shorter opening.")
    feedback = rubric_selectors.rubric_feedback(assignment=work)
    assert not feedback.visible
    assert feedback.peers_waiting == 1
    assert "Try a shorter opening." not in client.get(path).content.decode()

    services.assignment_review(
        assignment=work,
        reviewer=mentor,
        action="approve",
        feedback="Well done",
        scores=scores_for(rubric, 4),
    )
    page = client.get(path).content.decode()
    assert "Mentor: 4 of 4" in page
    assert "A colleague: 2 of 4" not in page  # one colleague alone stays hidden
    assert not Notification.objects.filter(kind="rubric_feedback").exists()

    second = peer_reviewer()
    review(second, work, level=3, comment="Strong own voice!")
    page = client.get(path).content.decode()
    assert "Mentor: 4 of 4" in page
    assert "A colleague: 2 of 4" in page
    assert "A colleague: 3 of 4" in page
    assert "Try a shorter opening." in page
    assert "Strong own voice!" in page
    assert second.get_full_name() not in page
    note = Notification.objects.get(recipient=work.user, kind="rubric_feedback")
    assert "Colleagues reviewed your work" in note.subject
    review(peer_reviewer(), work)
    assert Notification.objects.filter(kind="rubric_feedback").count() == 1


# --- mentors: review with the rubric, agreement, calibration ---------------------------------


@pytest.mark.usefixtures("english")
def test_mentor_scores_the_rubric_with_the_decision(client_for, mentor, work, rubric):
    """Approving without scores is refused on the page; rejecting needs none; approving with
    them keeps the decision and the mentor's review together."""
    UserProfile.objects.update_or_create(user=mentor, defaults={"preferred_language": "en"})
    Ambassador.objects.filter(user=mentor).update(language="en")
    client = client_for(mentor)
    path = f"/missions/review/{work.pk}/"
    first = rubric.criteria.first()
    response = client.post(path, {"decision": "approve", "feedback": "Nice"})
    assert response.status_code == 400
    assert response.context["form"].errors[services.score_field(first)] == [
        str(errors.ERROR_SCORE_MISSING % {"criterion": first.name})
    ]
    assert Assignment.objects.get(pk=work.pk).state == Assignment.State.SUBMITTED
    scores = {services.score_field(c): "3" for c in rubric.criteria.all()}
    response = client.post(path, {"decision": "approve", "feedback": "Nice", **scores})
    assert response.status_code == 302
    assert Assignment.objects.get(pk=work.pk).state == Assignment.State.APPROVED
    mentor_review = RubricReview.objects.get(reviewer=mentor)
    assert mentor_review.role == RubricReview.Role.MENTOR
    assert mentor_review.scores.count() == 4

    other = production_work(rubric=rubric)
    response = client.post(
        f"/missions/review/{other.pk}/", {"decision": "reject", "feedback": "Not your own post"}
    )
    assert response.status_code == 302
    assert not RubricReview.objects.filter(submission__assignment=other).exists()


def test_a_failed_decision_keeps_no_scores(mentor, work, rubric):
    """Scores and decision are one step: asking for changes without feedback keeps neither."""
    with pytest.raises(services.MissionError):
        services.assignment_review(
            assignment=work,
            reviewer=mentor,
            action="request_changes",
            feedback="",
            scores=scores_for(rubric),
        )
    assert not RubricReview.objects.exists()


@pytest.mark.usefixtures("english")
def test_mentors_see_how_far_reviewers_agree(client_for, mentor, work, rubric):
    """Per criterion: the mentor's level, colleagues' levels, spread and agreement."""
    review(mentor, work, level=3)
    for level in (1, 3, 4):
        review(peer_reviewer(), work, level=level)
    row = rubric_selectors.rubric_agreement(
        submission=work.submissions.get(), mission=work.mission
    )[0]
    assert row.mentor == 3
    assert row.peers == [1, 3, 4]
    assert row.spread == 3
    # Pairs (3,1) (3,3) (3,4) (1,3) (1,4) (3,4): three of six are at most one level apart.
    assert row.within_one == pytest.approx(3 / 6)
    assert row.from_mentor == pytest.approx((2 + 0 + 1) / 3)
    UserProfile.objects.update_or_create(user=mentor, defaults={"preferred_language": "en"})
    Ambassador.objects.filter(user=mentor).update(language="en")
    assignment = Assignment.objects.get(pk=work.pk)
    page = client_for(mentor).get(f"/missions/review/{assignment.pk}/").content.decode()
    assert "Rubric scores so far" in page
    assert "1, 3, 4" in page


def _calibrated(people: int, mentor) -> list:
    """`people` colleagues each score one submission a mentor scored (3 per submission)."""
    rubric = make_rubric(criteria=2)
    reviewers = [peer_reviewer() for _ in range(people)]
    for start in range(0, people, services.PEERS_PER_SUBMISSION):
        work = production_work(rubric=rubric)
        review(mentor, work, level=3)
        for colleague in reviewers[start : start + services.PEERS_PER_SUBMISSION]:
            review(colleague, work, level=2)
    return rubric_selectors.calibration()


@pytest.mark.usefixtures("english")
def test_calibration_keeps_the_rule_of_five(mentor):
    """Four colleagues: "fewer than 5" and no figure; five: the distance from the mentor."""
    rows = _calibrated(4, mentor)
    assert [str(row.people) for row in rows] == ["fewer than 5", "fewer than 5"]
    assert all(row.from_mentor is None and row.within_one is None for row in rows)
    RubricReview.objects.all().delete()
    rows = [row for row in _calibrated(5, mentor) if row.people != "fewer than 5"]
    assert len(rows) == 2
    assert all(row.people == 5 and row.reviews == 5 for row in rows)
    assert all(row.from_mentor == 1 and row.within_one == 1 for row in rows)


def test_calibration_looks_back_90_days(mentor):
    """Colleagues' reviews older than 90 days no longer count."""
    _calibrated(5, mentor)
    RubricReview.objects.filter(role="peer").update(
        submitted_at=timezone.now() - dt.timedelta(days=91)
    )
    assert rubric_selectors.calibration() == []


@pytest.mark.usefixtures("english")
def test_calibration_page_shows_fewer_than_five(client_for, mentor):
    UserProfile.objects.update_or_create(user=mentor, defaults={"preferred_language": "en"})
    Ambassador.objects.filter(user=mentor).update(language="en")
    _calibrated(3, mentor)
    page = client_for(mentor).get("/missions/review/calibration/").content.decode()
    assert "fewer than 5" in page
    assert "Tone of voice" in page


# --- query counts ---------------------------------------------------------------------------


def _peer_list_of(size: int):
    me = peer_reviewer()
    rubric = make_rubric()
    for _ in range(size):
        work = production_work(rubric=rubric)
        review(peer_reviewer(), work)
    return me, "/missions/peer-review/"


def _review_form_of(size: int):
    me = peer_reviewer()
    work = production_work(rubric=make_rubric(criteria=size))
    for _ in range(min(size, 2)):
        review(peer_reviewer(), work)
    return me, f"/missions/peer-review/{work.pk}/"


def _mentor_form_of(size: int):
    me = make_user(Role.EMPLOYEE, Role.MENTOR)
    work = production_work(rubric=make_rubric(criteria=size))
    for _ in range(min(size, 3)):
        review(peer_reviewer(), work)
    return me, f"/missions/review/{work.pk}/"


def _author_page_of(size: int):
    work = production_work(rubric=make_rubric(criteria=size))
    for _ in range(min(size, 3)):
        review(peer_reviewer(), work, comment="Nice")
    return work.user, f"/missions/{work.pk}/"


def _calibration_of(size: int):
    me = make_user(Role.EMPLOYEE, Role.MENTOR)
    rubric = make_rubric(criteria=2)
    for _ in range(size):
        work = production_work(rubric=rubric)
        review(me, work)
        review(peer_reviewer(), work, level=2)
    return me, "/missions/review/calibration/"


@pytest.mark.parametrize(
    "build",
    [_peer_list_of, _review_form_of, _mentor_form_of, _author_page_of, _calibration_of],
)
def test_pages_run_the_same_queries_at_two_sizes(client_for, build):
    """Peer list, peer form, mentor form, author page and calibration: data size adds none."""
    small_user, small_path = build(1)
    large_user, large_path = build(4)
    small = page_queries(client_for(small_user), small_path)
    large = page_queries(client_for(large_user), large_path)
    assert small == large


# --- personal data --------------------------------------------------------------------------


def test_the_export_holds_the_opt_in_and_the_reviews_a_person_wrote(work):
    """A colleague's export lists their opt-in and their reviews with the comment."""
    from ambassadors.personal_data import personal_data

    colleague = peer_reviewer()
    review(colleague, work, comment="Mooi verhaal")
    (section,) = personal_data(colleague)["missions"]
    assert len(section["peer_review_opt_in"]) == 1
    assert [row["comment"] for row in section["rubric_reviews_given"]] == ["Mooi verhaal"]


def test_erasure_removes_comments_by_and_about_the_person(mentor, work):
    """Erasing the author clears comments on their work; erasing a reviewer their words."""
    from ambassadors.erasure import account_erase

    colleague, other = peer_reviewer(), peer_reviewer()
    review(colleague, work, comment="About your work")
    account_erase(user=colleague)
    assert RubricReview.objects.get(reviewer=colleague).comment == ""
    assert not PeerReviewOptIn.objects.filter(user=colleague).exists()
    review(other, work, comment="Second opinion")
    account_erase(user=work.user)
    assert set(RubricReview.objects.values_list("comment", flat=True)) == {""}
    # The scores stay as anonymous facts for calibration.
    assert RubricScore.objects.count() == 8
