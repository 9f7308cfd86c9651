from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from ambassadors.roles import is_comms

from .selectors import course_figures


class CourseFiguresView(WagtailAdminTemplateMixin, TemplateView):
    """Per course: enrolled, completed, completion rate, average quiz score, drop-off lesson."""

    template_name = "courses/admin/figures.html"
    page_title = _("Course figures")
    header_icon = "doc-full-inverse"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["rows"] = course_figures()
        return context


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
