"""The rubric for production missions (content/missions/rubrics.toml), the colleagues who
opted in to review, and one piece of work with the mentor's and colleagues' reviews, so the
author's page and the mentors' calibration show something.

Idempotent: the rubric is found by its Dutch name; a review that exists is left alone.
"""

from __future__ import annotations

from django.contrib.auth.models import User

from missions import services
from missions.models import Assignment, Mission, Rubric, RubricCriterion, RubricReview

from .files import CONTENT, content, localized

FOLDER = CONTENT / "missions"


def seed() -> None:
    data = content("missions/rubrics.toml")
    missions = {
        entry["key"]: localized(entry, "nl", FOLDER)["title"]
        for entry in content("missions/missions.toml")["missions"]
    }
    for rubric_data in data["rubrics"]:
        rubric = _rubric(rubric_data)
        titles = [missions[key] for key in rubric_data["missions"]]
        Mission.objects.filter(title_nl__in=titles, stage=3, rubric__isnull=True).update(
            rubric=rubric
        )
    review = data["review"]
    for user in User.objects.filter(username__in=review["peer_reviewers"]):
        if user.ambassador.stage == 3:
            services.peer_review_opt_in(user=user, opt_in=True)
    people = {
        user.username: user
        for user in User.objects.filter(
            username__in={r["reviewer"] for r in review["reviews"]}
            | {r["author"] for r in review["reviews"]}
        )
    }
    for entry in review["reviews"]:
        _review(entry, people, missions)


def _rubric(data: dict) -> Rubric:
    nl, en = localized(data, "nl", FOLDER), localized(data, "en", FOLDER)
    rubric = Rubric.objects.filter(name_nl=nl["name"]).first()
    if rubric is not None:
        return rubric
    rubric = Rubric.objects.create(
        name_nl=nl["name"],
        name_en=en["name"],
        description_nl=nl["description"],
        description_en=en["description"],
    )
    for order, (criterion_nl, criterion_en) in enumerate(
        zip(nl["criteria"], en["criteria"], strict=True)
    ):
        RubricCriterion.objects.create(
            rubric=rubric,
            sort_order=order,
            name_nl=criterion_nl["name"],
            name_en=criterion_en["name"],
            description_nl=criterion_nl["description"],
            description_en=criterion_en["description"],
            levels=len(criterion_nl["levels"].splitlines()),
            level_descriptions_nl=criterion_nl["levels"],
            level_descriptions_en=criterion_en["levels"],
        )
    return rubric


def _review(entry: dict, people: dict[str, User], missions: dict[str, str]) -> None:
    author, reviewer = people.get(entry["author"]), people.get(entry["reviewer"])
    if author is None or reviewer is None:
        return
    assignment = (
        Assignment.objects.filter(user=author, mission__title_nl=missions[entry["mission"]])
        .select_related("mission")
        .first()
    )
    if assignment is None or assignment.mission.rubric_id is None:
        return
    if RubricReview.objects.filter(submission__assignment=assignment, reviewer=reviewer).exists():
        return
    criteria = list(assignment.mission.rubric.criteria.order_by("sort_order"))
    scores = {
        criterion.pk: level for criterion, level in zip(criteria, entry["levels"], strict=True)
    }
    services.rubric_review_submit(
        reviewer=reviewer, assignment=assignment, scores=scores, comment=entry["comment"]
    )
