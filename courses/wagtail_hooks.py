from collections import OrderedDict

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.reports import ReportView

from ambassadors.roles import is_comms

from .selectors import CourseFigures, course_figures

NONE = "—"


def _percent(value: float | None) -> str:
    return NONE if value is None else f"{round(value)}%"


def _drop_off(row: CourseFigures) -> str:
    if not row.drop_off_lesson:
        return NONE
    learners = ngettext("%(counter)s learner", "%(counter)s learners", row.drop_off_count) % {
        "counter": row.drop_off_count
    }
    return f"{row.drop_off_lesson} ({learners})"


class CourseFiguresView(ReportView):
    """Per course: enrolled, completed, completion rate, average quiz score, drop-off lesson;
    downloadable as CSV and XLSX (numbers as numbers, blank where there is none)."""

    results_template_name = "courses/admin/figures_results.html"
    page_title = _("Course figures")
    header_icon = "doc-full-inverse"
    index_url_name = "courses_figures"
    export_filename = "course-figures"
    no_results_message = _("There are no courses yet.")
    columns = [
        TitleColumn(
            "course",
            label=_("Course"),
            accessor="course.title",
            get_url=lambda row: reverse("wagtailadmin_pages:edit", args=[row.course.pk]),
        ),
        Column("started", label=_("Started")),
        Column("completed", label=_("Completed")),
        Column(
            "completion_rate",
            label=_("Completion rate"),
            accessor=lambda row: _percent(row.completion_rate),
        ),
        Column(
            "average_score",
            label=_("Average quiz score"),
            accessor=lambda row: _percent(row.average_score),
        ),
        Column("drop_off", label=_("Where most learners stop"), accessor=_drop_off),
    ]
    list_export = [
        "course",
        "started",
        "completed",
        "completion_rate",
        "average_score",
        "drop_off_lesson",
        "drop_off_count",
    ]
    export_headings = {
        "course": _("Course"),
        "started": _("Started"),
        "completed": _("Completed"),
        "completion_rate": _("Completion rate (%)"),
        "average_score": _("Average quiz score (%)"),
        "drop_off_lesson": _("Where most learners stop"),
        "drop_off_count": _("Learners who stop there"),
    }

    def get_queryset(self):
        return course_figures()

    def to_row_dict(self, item: CourseFigures) -> OrderedDict:
        return OrderedDict(
            course=item.course.title,
            started=item.started,
            completed=item.completed,
            completion_rate=item.completion_rate,
            average_score=None if item.average_score is None else round(item.average_score),
            drop_off_lesson=item.drop_off_lesson or None,
            drop_off_count=item.drop_off_count if item.drop_off_lesson else None,
        )


@hooks.register("register_admin_urls")
def register_course_figures_url():
    return [path("course-figures/", CourseFiguresView.as_view(), name="courses_figures")]


@hooks.register("register_reports_menu_item")
def register_course_figures_menu_item():
    return MenuItem(
        _("Course figures"), reverse("courses_figures"), icon_name="doc-full-inverse", order=50
    )


class QuizAttemptsMenuItem(MenuItem):
    def is_shown(self, request):
        return is_comms(request.user)


@hooks.register("register_admin_menu_item")
def register_quiz_attempts_menu_item():
    """The site page where comms staff (and mentors, from the desk) give more quiz attempts."""
    return QuizAttemptsMenuItem(
        _("Quiz attempts"), reverse("courses:desk_quizzes"), icon_name="help", order=222
    )
