"""What the personal dashboard shows about learning.

Titles and addresses only, not the pages: the dashboard keeps this per person in the cache
(ambassadors/dashboard.py), and a page object is slow to read back from there."""

from ambassadors.dashboard import register_panel

from .selectors import badges_of, next_lesson


def _link(page, request) -> dict | None:
    return None if page is None else {"title": page.title, "url": page.get_url(request=request)}


@register_panel("courses/dashboard_panel.html", order=10)
def learning_panel(request, ambassador):
    course, lesson = next_lesson(ambassador) or (None, None)
    return {
        "continue_course": _link(course, request),
        "continue_lesson": _link(lesson, request),
        "badges": [
            {"code": enrolment.certificate_code, "label": course.badge_label}
            for enrolment, course in badges_of(ambassador.user)
        ],
    }
