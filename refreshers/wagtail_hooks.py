"""Refreshers in the CMS: the questions comms staff write, and the report of which guideline
sections and lessons are most often answered wrongly (groups of five people or more)."""

from collections import OrderedDict

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import BooleanColumn, Column, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.snippets.models import register_snippet

from core.admin import ExportingSnippetViewSet

from .forms import RefresherQuestionForm
from .models import RefresherQuestion
from .selectors import ReportRow, wrong_answers_report

PERIODS = {30: _("last 30 days"), 90: _("last 90 days"), 365: _("last year")}
DEFAULT_PERIOD = 90


class RefresherQuestionViewSet(ExportingSnippetViewSet):
    model = RefresherQuestion
    icon = "help"
    menu_label = _("Refresher questions")
    add_to_admin_menu = True
    menu_order = 223
    list_display = ["__str__", "language", "guideline", BooleanColumn("live", label=_("Asked"))]
    list_filter = ["language", "live"]
    list_export = ["language", "__str__", "explanation", "live"]
    export_headings = {
        "language": _("Language"),
        "__str__": _("Question"),
        "explanation": _("Explanation"),
        "live": _("Asked"),
    }
    edit_handler = ObjectList(
        [
            FieldPanel("language"),
            FieldPanel("question"),
            FieldPanel("explanation"),
            MultiFieldPanel([FieldPanel("section")], heading=_("Where to read more")),
            FieldPanel("live"),
        ],
        base_form_class=RefresherQuestionForm,
    )


register_snippet(RefresherQuestionViewSet)


def _figure(row: ReportRow, value):
    return value if row.shown else row.withheld_label


class WrongAnswersView(ReportView):
    """Guideline sections and lessons by share of wrong refresher answers over a period;
    figures only for groups of five people or more."""

    results_template_name = "refreshers/admin/report_results.html"
    page_title = _("Refresher answers")
    header_icon = "help"
    index_url_name = "refreshers_report"
    export_filename = "refresher-answers"
    no_results_message = _("Nobody answered a refresher question in this period.")
    paginate_by = None
    columns = [
        TitleColumn(
            "title",
            label=_("Section or lesson"),
            accessor="title",
            get_url=lambda row: row.edit_url,
        ),
        Column("where", label=_("Where")),
        Column("people", label=_("People"), accessor=lambda row: _figure(row, row.people)),
        Column("answers", label=_("Answers"), accessor=lambda row: _figure(row, row.answers)),
        Column(
            "wrong_share",
            label=_("Wrong"),
            accessor=lambda row: _figure(row, f"{round(row.wrong_share or 0)}%"),
        ),
    ]
    list_export = ["title", "where", "people", "answers", "wrong", "wrong_share"]
    export_headings = {
        "title": _("Section or lesson"),
        "where": _("Where"),
        "people": _("People"),
        "answers": _("Answers"),
        "wrong": _("Wrong answers"),
        "wrong_share": _("Wrong (%)"),
    }

    def period(self) -> int:
        try:
            days = int(self.request.GET.get("days", DEFAULT_PERIOD))
        except ValueError:
            days = DEFAULT_PERIOD
        return days if days in PERIODS else DEFAULT_PERIOD

    def get_queryset(self):
        return wrong_answers_report(days=self.period(), periods=tuple(PERIODS))

    def to_row_dict(self, item: ReportRow) -> OrderedDict:
        shown = item.shown
        return OrderedDict(
            title=item.title,
            where=item.where,
            people=item.people if shown else str(item.withheld_label),
            answers=item.answers if shown else None,
            wrong=item.wrong if shown else None,
            wrong_share=round(item.wrong_share) if shown and item.wrong_share is not None else None,
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["periods"] = [
            (days, label, days == self.period()) for days, label in PERIODS.items()
        ]
        return context


@hooks.register("register_admin_urls")
def register_report_url():
    return [path("refresher-answers/", WrongAnswersView.as_view(), name="refreshers_report")]


@hooks.register("register_reports_menu_item")
def register_report_menu_item():
    return MenuItem(
        _("Refresher answers"), reverse("refreshers_report"), icon_name="help", order=60
    )
