"""Reads about guidelines and who acknowledged what, in a fixed number of queries."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db.models import Count, IntegerField, Max, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from wagtail.models import Locale

from ambassadors import personal
from ambassadors.models import MINIMUM_GROUP, Ambassador, suppressed_parts
from ambassadors.pages import page_in_active_language
from core import structure

from .models import Acknowledgement, GuidelineIndexPage, GuidelinePage, GuidelineVersion

CURRENT, OUTDATED, MISSING = "current", "outdated", "missing"


def current_versions() -> dict[uuid.UUID, int]:
    """Every published guideline (by translation key) with its current version.

    Cached until the site's structure changes: a new version is made when a guideline is
    published, which moves the structure version.
    """
    return structure.cached("guideline-versions", _current_versions)


def _current_versions() -> dict[uuid.UUID, int]:
    keys = GuidelinePage.objects.live().values("translation_key")
    versions = dict(
        GuidelineVersion.objects.filter(translation_key__in=keys)
        .values("translation_key")
        .annotate(current=Max("number"))
        .values_list("translation_key", "current")
        .order_by()
    )
    return {key: versions.get(key, 1) for key in keys.values_list("translation_key", flat=True)}


def guidelines_to_acknowledge(user: User) -> set[uuid.UUID]:
    """The published guidelines (by translation key) whose current version the person has
    not accepted yet. The one rule behind the guidelines gate and the growth path."""
    required = set(current_versions())
    if not required:
        return set()
    if not user.is_authenticated:
        return required
    acknowledged = set(
        Acknowledgement.objects.filter(
            user=user, is_current=True, translation_key__in=required
        ).values_list("translation_key", flat=True)
    )
    return required - acknowledged


def has_acknowledged_current_guidelines(user: User) -> bool:
    """True when the person accepted the current version of every published guideline."""
    return not guidelines_to_acknowledge(user)


def guideline_to_read(keys: set[uuid.UUID]) -> GuidelinePage | None:
    """Of the guidelines with these keys, the first one, in the active language if it has one."""
    if not keys:
        return None
    pages = list(GuidelinePage.objects.live().filter(translation_key__in=keys).order_by("path"))
    active = structure.active_locale_id()
    return next((page for page in pages if page.locale_id == active), pages[0] if pages else None)


@dataclass
class GuidelineStatus:
    page: GuidelinePage
    status: str
    last: Acknowledgement | None

    @property
    def is_current(self) -> bool:
        return self.status == CURRENT


def latest_acknowledgements(user: User) -> dict[uuid.UUID, Acknowledgement]:
    """The person's latest acknowledgement of each guideline, from their page data
    (ambassadors/personal.py: forgotten when they acknowledge, guidelines.apps)."""

    def compute():
        latest: dict[uuid.UUID, Acknowledgement] = {}
        for acknowledgement in Acknowledgement.objects.filter(user=user).order_by(
            "translation_key", "-version"
        ):
            latest.setdefault(acknowledgement.translation_key, acknowledgement)
        return latest, None

    return personal.cached(user.pk, "acknowledgements", compute)


def statuses_for(user: User, pages: list[GuidelinePage]) -> list[GuidelineStatus]:
    versions = current_versions()
    latest = latest_acknowledgements(user)
    result = []
    for page in pages:
        last = latest.get(page.translation_key)
        if last is None:
            status = MISSING
        elif last.version >= versions.get(page.translation_key, 1):
            status = CURRENT
        else:
            status = OUTDATED
        result.append(GuidelineStatus(page=page, status=status, last=last))
    return result


def guideline_pages(index: GuidelineIndexPage) -> list[GuidelinePage]:
    """The published guidelines under `index`, each with its current version attached."""
    pages = list(GuidelinePage.objects.live().child_of(index).order_by("path"))
    versions = current_versions()
    for page in pages:
        page.__dict__["version"] = versions.get(page.translation_key, 1)
    return pages


def guideline_index_in_language() -> GuidelineIndexPage | None:
    return page_in_active_language(GuidelineIndexPage)


def status_for_dashboard(user: User) -> dict | None:
    index = guideline_index_in_language()
    if index is None:
        return None
    statuses = statuses_for(user, guideline_pages(index))
    if not statuses:
        return None
    return {
        "index": index,
        "statuses": statuses,
        "all_current": all(status.is_current for status in statuses),
    }


@dataclass
class DepartmentCoverage:
    department: str
    people: int
    current: int
    outdated: int
    missing: int

    def percent(self, count: int) -> int:
        return round(100 * count / self.people) if self.people else 0

    @property
    def current_percent(self) -> int:
        return self.percent(self.current)

    @property
    def outdated_percent(self) -> int:
        return self.percent(self.outdated)

    @property
    def missing_percent(self) -> int:
        return self.percent(self.missing)


def _people_with_counts(keys):
    current = (
        Acknowledgement.objects.filter(
            user=OuterRef("user_id"), is_current=True, translation_key__in=keys
        )
        .values("user")
        .annotate(n=Count("id"))
        .values("n")
    )
    any_ack = (
        Acknowledgement.objects.filter(user=OuterRef("user_id"), translation_key__in=keys)
        .values("user")
        .annotate(n=Count("id"))
        .values("n")
    )
    return Ambassador.objects.participating().annotate(
        current_count=Coalesce(Subquery(current, output_field=IntegerField()), Value(0)),
        any_count=Coalesce(Subquery(any_ack, output_field=IntegerField()), Value(0)),
    )


def coverage_by_department() -> tuple[list[DepartmentCoverage], DepartmentCoverage]:
    """Per department and in total: people taking part who are current, behind, or never read."""
    keys = list(current_versions())
    required = len(keys)
    rows = (
        _people_with_counts(keys)
        .values("department__name")
        .annotate(
            people=Count("id"),
            current=Count("id", filter=Q(current_count__gte=required)),
            missing=Count("id", filter=Q(any_count=0)),
        )
        .order_by("department__name")
    )
    departments = []
    for row in rows:
        current = row["current"] if required else row["people"]
        missing = row["missing"] if required else 0
        departments.append(
            DepartmentCoverage(
                department=row["department__name"] or "",
                people=row["people"],
                current=current,
                missing=missing,
                outdated=row["people"] - current - missing,
            )
        )
    total = DepartmentCoverage(
        department="",
        people=sum(d.people for d in departments),
        current=sum(d.current for d in departments),
        outdated=sum(d.outdated for d in departments),
        missing=sum(d.missing for d in departments),
    )
    return departments, total


def people_by_status(status: str | None):
    """Participants with their acknowledgement status, for the coverage list."""
    keys = list(current_versions())
    required = len(keys)
    people = _people_with_counts(keys).select_related("user", "department")
    if status == CURRENT:
        people = people.filter(current_count__gte=required)
    elif status == MISSING:
        people = people.filter(any_count=0) if required else people.none()
    elif status == OUTDATED:
        people = people.filter(current_count__lt=required, any_count__gt=0)
    return people.order_by("department__name", "user__last_name", "user__first_name"), required


# --- for other systems (the API): the compliance export and coverage per guideline --------


def acknowledgements(
    *,
    guideline: uuid.UUID | None = None,
    version: int | None = None,
    current: bool | None = None,
    department_id: int | None = None,
):
    """Who acknowledged which version of which guideline, oldest first, with the person and
    their department and the guideline's title (`guideline_title`): the compliance export.
    Only people who joined the programme."""
    # Superusers are out of other systems' reach, as in the API's /people and SCIM.
    found = Acknowledgement.objects.filter(
        user__ambassador__consented_at__isnull=False, user__is_superuser=False
    )
    if guideline is not None:
        found = found.filter(translation_key=guideline)
    if version is not None:
        found = found.filter(version=version)
    if current is not None:
        found = found.filter(is_current=current)
    if department_id is not None:
        found = found.filter(user__ambassador__department_id=department_id)
    title = GuidelinePage.objects.filter(
        translation_key=OuterRef("translation_key"), locale=Locale.get_default()
    ).values("title")[:1]
    return (
        found.select_related("user__ambassador__department")
        .annotate(guideline_title=Subquery(title))
        .order_by("acknowledged_at", "pk")
    )


def guideline_titles() -> dict[uuid.UUID, str]:
    """Every guideline's title by translation key, in the default language where it has one."""
    default = Locale.get_default().pk
    titles: dict[uuid.UUID, str] = {}
    for key, title, locale_id in GuidelinePage.objects.values_list(
        "translation_key", "title", "locale_id"
    ).order_by("path"):
        if key not in titles or locale_id == default:
            titles[key] = title
    return titles


@dataclass
class GroupCoverage:
    """Of the people taking part in a group: current, behind (an older version), never read.
    The counts are None when the group must be withheld (the rule of five)."""

    department: str
    people: int | None
    current: int | None
    outdated: int | None
    missing: int | None

    @property
    def withheld(self) -> bool:
        return self.people is None


@dataclass
class GuidelineCoverage:
    key: uuid.UUID
    title: str
    version: int
    total: GroupCoverage
    departments: list[GroupCoverage]


def coverage_per_guideline() -> list[GuidelineCoverage]:
    """Per published guideline, in total and per department: how many people taking part
    acknowledged its current version, an older one, or none. A department under five
    people is withheld, and with it as many others as it takes that the total does not give
    it away. Three queries (and the cached versions) whatever the number of people."""
    versions = current_versions()
    titles = guideline_titles()
    sizes = {
        row["department_id"]: (row["department__name"] or "", row["people"])
        for row in Ambassador.objects.participating()
        .values("department_id", "department__name")
        .annotate(people=Count("pk"))
        .order_by()
    }
    counts = {
        (row["translation_key"], row["user__ambassador__department_id"]): row
        for row in Acknowledgement.objects.filter(
            user__ambassador__status=Ambassador.Status.ACTIVE, translation_key__in=list(versions)
        )
        .values("translation_key", "user__ambassador__department_id")
        .annotate(
            current=Count("user", distinct=True, filter=Q(is_current=True)),
            any=Count("user", distinct=True),
        )
        .order_by()
    }
    hidden = suppressed_parts({department: people for department, (_n, people) in sizes.items()})
    ordered = sorted(sizes.items(), key=lambda item: (item[0] is None, item[1][0]))
    result = []
    for key, version in versions.items():
        departments = []
        for department_id, (name, people) in ordered:
            row = counts.get((key, department_id), {"current": 0, "any": 0})
            departments.append(
                GroupCoverage(
                    department=name,
                    people=people,
                    current=row["current"],
                    outdated=row["any"] - row["current"],
                    missing=people - row["any"],
                )
            )
        total = GroupCoverage(
            department="",
            people=sum(group.people for group in departments),
            current=sum(group.current for group in departments),
            outdated=sum(group.outdated for group in departments),
            missing=sum(group.missing for group in departments),
        )
        if 0 < total.people < MINIMUM_GROUP:
            total = GroupCoverage("", None, None, None, None)
        shown = [
            group
            if department_id not in hidden
            else GroupCoverage(group.department, None, None, None, None)
            for (department_id, _size), group in zip(ordered, departments, strict=True)
        ]
        result.append(
            GuidelineCoverage(
                key=key, title=titles.get(key, ""), version=version, total=total, departments=shown
            )
        )
    return sorted(result, key=lambda coverage: coverage.title)
