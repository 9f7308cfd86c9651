from __future__ import annotations

import hashlib

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect, render
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from ambassadors.access import role_required
from ambassadors.roles import is_comms, is_mentor
from core.forms import posted, refuse

from . import services
from .forms import ACTION_DONE, ExtraAttemptsForm, LessonActionForm, QuizForm
from .models import CoursePage, certificate_or_404
from .selectors import (
    course_in_language,
    course_outline,
    extra_attempts_recent,
    lesson_course_status,
    lesson_progress,
    lesson_segments,
    quiz_states,
    quizzes_out_of_attempts,
)


def lesson_serve(request, lesson):
    """A lesson page: content, mark as done, quizzes graded on the server, previous/next.

    The course's outline and the rendered lesson are shared by every learner and cached
    until comms staff publish; the learner's progress is cached until they write
    (courses/selectors.py)."""
    outline = course_outline(lesson, request)
    course = outline.course
    ambassador = request.ambassador
    progress = (
        lesson_progress(ambassador=ambassador, outline=outline, lesson=lesson, request=request)
        if ambassador is not None
        else None
    )
    status = lesson_course_status(ambassador=ambassador, outline=outline, progress=progress)
    if status.locked:
        return TemplateResponse(
            request,
            "courses/locked.html",
            {"course": course, "status": status, "page": lesson},
            status=403,
        )
    if ambassador is not None and request.method == "POST":
        return _lesson_post(request, course, lesson, status, outline)
    resumes_here = (
        status.enrolment is not None and status.enrolment.last_lesson_key == lesson.translation_key
    )
    if ambassador is not None and not resumes_here:
        # Reading a lesson is the learner's own progress ("where to resume"): idempotent,
        # and only ever for the signed-in person. Already the place to resume: nothing to do.
        services.lesson_open(user=ambassador.user, course=course, lesson=lesson)
    response = _lesson_response(request, course, lesson, status, outline=outline, progress=progress)
    # The installable app's service worker keeps pages with this mark for reading offline
    # (integrations/webapp), and forgets them when the person signs out.
    response["X-Academy-Offline"] = "lesson"
    return response


def _lesson_response(
    request,
    course,
    lesson,
    status,
    *,
    action_form=None,
    sent=None,
    code=200,
    outline,
    progress=None,
):
    """The lesson page; `sent` is a quiz form that was refused, shown with what was chosen."""
    lessons = [item.page for item in status.lessons]
    position = next((number for number, item in enumerate(lessons) if item.pk == lesson.pk), 0)
    for item in status.lessons:
        item.current = item.page.pk == lesson.pk
    user = request.ambassador.user if request.ambassador is not None else None
    quizzes = []
    states = quiz_states(
        user=user,
        lesson=lesson,
        attempts=progress.attempts if progress is not None else None,
        extra=progress.extra if progress is not None else None,
    )
    for state in states:
        if sent is not None and sent.quiz.id == state.block.id:
            state.form = sent
        else:
            state.form = QuizForm(
                quiz=state.block, attempt_number=state.next_number, latest=state.latest
            )
        quizzes.append(state)
    done = any(item.done for item in status.lessons if item.page.pk == lesson.pk)
    context = lesson.get_context(request)
    context.update(
        {
            "course": course,
            "course_index": outline.index,
            "segments": lesson_segments(lesson, request),
            "status": status,
            "quizzes": quizzes,
            "lesson_done": done,
            "previous_lesson": lessons[position - 1] if position > 0 else None,
            "next_lesson": lessons[position + 1] if position + 1 < len(lessons) else None,
            "position": position + 1,
            "action_form": action_form,
        }
    )
    return TemplateResponse(request, lesson.template, context, status=code)


def _lesson_post(request, course, lesson, status, outline):
    user = request.ambassador.user
    action_form = LessonActionForm(request.POST, lesson=lesson)
    if not action_form.is_valid():
        return _lesson_response(
            request, course, lesson, status, action_form=action_form, code=400, outline=outline
        )
    if action_form.cleaned_data["action"] == ACTION_DONE:
        try:
            finished = services.lesson_mark_done(user=user, course=course, lesson=lesson)
        except services.LearningError as error:
            refuse(action_form, error)
            return _lesson_response(
                request, course, lesson, status, action_form=action_form, code=400, outline=outline
            )
        if finished is not None:
            messages.success(request, _("Course completed. Your badge and certificate are ready."))
            return HttpResponseRedirect(course.url)
        following = _following_lesson(course, lesson)
        return HttpResponseRedirect(following.url if following else course.url)
    quiz = action_form.cleaned_data["quiz"]
    form = QuizForm(request.POST, quiz=quiz)
    if form.is_valid():
        try:
            attempt = services.quiz_submit(
                user=user,
                course=course,
                lesson=lesson,
                quiz_id=quiz.id,
                answers=form.answers(),
                number=form.cleaned_data["attempt"],
            )
        except services.AlreadySubmitted as repeated:
            messages.info(request, str(repeated))
            return HttpResponseRedirect(f"{lesson.url}#quiz-{repeated.attempt.quiz_id}")
        except services.LearningError as error:
            refuse(form, error)
        else:
            if attempt.passed:
                messages.success(
                    request, _("Passed with %(score)s%%. Well done!") % {"score": attempt.score}
                )
            else:
                messages.warning(
                    request,
                    _("%(score)s%% this time. Read the feedback and try again.")
                    % {"score": attempt.score},
                )
            return HttpResponseRedirect(f"{lesson.url}#quiz-{quiz.id}")
    return _lesson_response(request, course, lesson, status, sent=form, code=400, outline=outline)


def _learning_support(user) -> bool:
    return is_mentor(user) or is_comms(user)


@role_required(_learning_support)
def desk_quizzes(request):
    """For mentors and comms staff: who used every attempt at a quiz, and more attempts."""
    form = ExtraAttemptsForm(posted(request))
    if request.method == "POST" and form.is_valid():
        learner = form.cleaned_data["learner"]
        try:
            services.quiz_attempts_grant(
                learner=learner,
                lesson=form.cleaned_data["lesson"],
                attempts=form.cleaned_data["attempts"],
                reason=form.cleaned_data["reason"],
                granted_by=request.user,
            )
        except services.LearningError as error:
            refuse(form, error)
        else:
            messages.success(
                request,
                _("%(name)s can try again and has been told.")
                % {"name": learner.get_full_name() or learner.get_username()},
            )
            return redirect("courses:desk_quizzes")
    rows = quizzes_out_of_attempts()
    sent_shown = False
    for number, row in enumerate(rows, start=1):
        if form.is_bound and form.is_for(learner=row.learner, lesson=row.lesson):
            row.form, sent_shown = form, True
        else:
            row.form = ExtraAttemptsForm(
                auto_id=f"grant-{number}-%s",
                initial={"learner": row.learner.pk, "lesson": row.lesson.translation_key},
            )
    if form.is_bound and not sent_shown:
        # The learner is no longer on the list (or the lesson went): the errors on top.
        typed = [error for field in form.visible_fields() for error in field.errors]
        if typed:
            form.add_error(None, typed)
    return render(
        request,
        "courses/desk_quizzes.html",
        {
            "rows": rows,
            "form": form if form.is_bound and not sent_shown else None,
            "recent": extra_attempts_recent(),
        },
        status=400 if form.errors else 200,
    )


def _following_lesson(course, lesson):
    return course.lessons().filter(path__gt=lesson.path).first()


@login_required
def certificate(request, code: str):
    """The learner's own printable certificate, in their language."""
    enrolment = certificate_or_404(code)
    if enrolment.user_id != request.user.pk:
        raise Http404
    course = course_in_language(enrolment.course_key, request.LANGUAGE_CODE)
    if course is None:
        raise Http404
    return render(
        request,
        "courses/certificate.html",
        {
            "enrolment": enrolment,
            "course": course,
            "verify_url": settings.SITE_URL + reverse("courses:verify", args=[code]),
            "assertion_url": settings.SITE_URL + reverse("courses:badge_assertion", args=[code]),
        },
    )


@require_GET
def verify(request, code: str):
    """Public check of a certificate: name, course and date, nothing else."""
    enrolment = certificate_or_404(code)
    course = course_in_language(enrolment.course_key, request.LANGUAGE_CODE)
    if course is None:
        raise Http404
    return render(request, "courses/verify.html", {"enrolment": enrolment, "course": course})


# --- Open Badges 2.0 (hosted verification) -----------------------------------------------

OB_CONTEXT = "https://w3id.org/openbadges/v2"


def _absolute(name: str, *args) -> str:
    return settings.SITE_URL + reverse(name, args=args)


@require_GET
def badge_issuer(request):
    return JsonResponse(
        {
            "@context": OB_CONTEXT,
            "type": "Issuer",
            "id": _absolute("courses:badge_issuer"),
            "name": settings.ACADEMY_ORGANISATION_NAME,
            "url": settings.SITE_URL + "/",
            "email": settings.DEFAULT_FROM_EMAIL.rsplit("<", 1)[-1].rstrip(">").strip(),
        }
    )


def _badge_course(course_key) -> CoursePage:
    course = course_in_language(course_key, "nl")
    if course is None or not course.live:
        raise Http404
    return course


@require_GET
def badge_class(request, course_key):
    course = _badge_course(course_key)
    return JsonResponse(
        {
            "@context": OB_CONTEXT,
            "type": "BadgeClass",
            "id": _absolute("courses:badge_class", course_key),
            "name": course.badge_label,
            "description": course.summary,
            "image": _absolute("courses:badge_image", course_key),
            "criteria": {
                "narrative": _("Complete every required lesson and pass the quizzes of %(course)s.")
                % {"course": course.title}
            },
            "issuer": _absolute("courses:badge_issuer"),
        }
    )


@require_GET
def badge_image(request, course_key):
    course = _badge_course(course_key)
    return render(request, "courses/badge.svg", {"course": course}, content_type="image/svg+xml")


@require_GET
def badge_assertion(request, code: str):
    enrolment = certificate_or_404(code)
    salt = hashlib.sha256(f"{settings.SECRET_KEY}:{code}".encode()).hexdigest()[:16]
    identity = hashlib.sha256((enrolment.user.email.lower() + salt).encode()).hexdigest()
    return JsonResponse(
        {
            "@context": OB_CONTEXT,
            "type": "Assertion",
            "id": _absolute("courses:badge_assertion", code),
            "recipient": {
                "type": "email",
                "hashed": True,
                "salt": salt,
                "identity": f"sha256${identity}",
            },
            "badge": _absolute("courses:badge_class", enrolment.course_key),
            "issuedOn": enrolment.completed_at.isoformat(),
            "verification": {"type": "HostedBadge"},
        }
    )
