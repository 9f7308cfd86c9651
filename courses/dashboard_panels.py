"""What the personal dashboard shows about learning."""

from ambassadors.dashboard import register_panel

from .selectors import badges_of, next_lesson


@register_panel("courses/dashboard_panel.html", order=10)
def learning_panel(request, ambassador):
    continue_with = next_lesson(ambassador)
    return {
        "continue_course": continue_with[0] if continue_with else None,
        "continue_lesson": continue_with[1] if continue_with else None,
        "badges": badges_of(ambassador.user),
    }
