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
from core.numbers import parse_int

from . import services
from .forms import ExtraAttemptsForm
from .models import CoursePage, certificate_or_404
from .selectors import (
    course_in_language,
    course_status,
    extra_attempts_recent,
    quizzes_out_of_attempts,
)


def _answers_from(post) -> dict[str, list[str]]:
    return {
        name[2:]: [value for value in post.getlist(name) if value]
        for name in post
        if name.startswith("q-")
    }


def lesson_serve(request, lesson):
    """A lesson page: content, mark as done, quizzes graded on the server, previous/next."""
    course = lesson.get_parent().specific
    ambassador = request.ambassador
    user = ambassador.user if ambassador is not None else None
    status = course_status(ambassador=ambassador, course=course)
    if status.locked:
        return TemplateResponse(
            request,
            "courses/locked.html",
            {"course": course, "status": status, "page": lesson},
            status=403,
        )
    if user is not None and request.method == "POST":
        return _lesson_post(request, course, lesson)
    if user is not None:
        services.lesson_open(user=user, course=course, lesson=lesson)
    return _lesson_response(request, course, lesson, status)


def _lesson_response(request, course, lesson, status, quiz_errors=None, answers=None, code=200):
    lessons = [item.page for item in status.lessons]
    position = next((number for number, item in enumerate(lessons) if item.pk == lesson.pk), 0)
    for item in status.lessons:
        item.current = item.page.pk == lesson.pk
    attempts = []
    if request.ambassador is not None:
        attempts = services.quiz_attempts(user=request.ambassador.user, lesson=lesson)
    quizzes = []
    extra = None if request.ambassador is not None else 0
    for block in lesson.quizzes():
        mine = [attempt for attempt in attempts if attempt.quiz_id == block.id]
        latest = mine[0] if mine else None
        max_attempts = block.value["max_attempts"] or 0
        if max_attempts and extra is None:
            extra = services.quiz_extra_attempts(user=request.ambassador.user, lesson=lesson)
        if max_attempts:
            max_attempts += extra
        quizzes.append(
            {
                "block": block,
                "latest": latest,
                "passed": any(attempt.passed for attempt in mine),
                "next_number": len(mine) + 1,
                "attempts_left": (max_attempts - len(mine)) if max_attempts else None,
                "questions": _questions(block, latest, (answers or {}) if quiz_errors else {}),
                "error": (quiz_errors or {}).get(block.id, ""),
            }
        )
    known = {quiz["block"].id for quiz in quizzes}
    page_errors = [error for quiz_id, error in (quiz_errors or {}).items() if quiz_id not in known]
    done = any(item.done for item in status.lessons if item.page.pk == lesson.pk)
    context = lesson.get_context(request)
    context.update(
        {
            "course": course,
            "status": status,
            "quizzes": quizzes,
            "lesson_done": done,
            "previous_lesson": lessons[position - 1] if position > 0 else None,
            "next_lesson": lessons[position + 1] if position + 1 < len(lessons) else None,
            "position": position + 1,
            "page_errors": page_errors,
        }
    )
    return TemplateResponse(request, lesson.template, context, status=code)


def _questions(block, latest, answers):
    """Questions and options without the correct flags; after grading, the learner's result."""
    graded = latest.answers if latest is not None else {}
    questions = []
    for question in block.value["questions"].bound_blocks:
        result = graded.get(question.id)
        chosen = set(answers.get(question.id, [])) or set(result["chosen"] if result else [])
        options = []
        for option in question.value["options"].bound_blocks:
            options.append(
                {
                    "id": option.id,
                    "text": option.value["text"],
                    "checked": option.id in chosen,
                    # Feedback only for answers the learner chose, and only after grading.
                    "feedback": option.value["feedback"] if result and option.id in chosen else "",
                }
            )
        questions.append(
            {
                "id": question.id,
                "text": question.value["text"],
                "multiple": question.value["kind"] == "multiple",
                "options": options,
                "correct": result["correct"] if result else None,
            }
        )
    return questions


def _lesson_post(request, course, lesson):
    user = request.ambassador.user
    action = request.POST.get("action")
    if action == "done":
        try:
            finished = services.lesson_mark_done(user=user, course=course, lesson=lesson)
        except services.LearningError as error:
            messages.error(request, str(error))
            return HttpResponseRedirect(lesson.url)
        if finished is not None:
            messages.success(request, _("Course completed. Your badge and certificate are ready."))
            return HttpResponseRedirect(course.url)
        following = _following_lesson(course, lesson)
        return HttpResponseRedirect(following.url if following else course.url)
    if action == "quiz":
        quiz_id = request.POST.get("quiz", "")
        answers = _answers_from(request.POST)
        number = parse_int(request.POST.get("attempt", "0")) or 0
        try:
            attempt = services.quiz_submit(
                user=user,
                course=course,
                lesson=lesson,
                quiz_id=quiz_id,
                answers=answers,
                number=number,
            )
        except services.AlreadySubmitted as repeated:
            messages.info(request, str(repeated))
            return HttpResponseRedirect(f"{lesson.url}#quiz-{repeated.attempt.quiz_id}")
        except services.LearningError as error:
            status = course_status(ambassador=request.ambassador, course=course)
            return _lesson_response(
                request, course, lesson, status, {quiz_id: str(error)}, answers, code=400
            )
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
        return HttpResponseRedirect(f"{lesson.url}#quiz-{quiz_id}")
    messages.error(request, _("Unknown choice."))
    return HttpResponseRedirect(lesson.url)


def _learning_support(user) -> bool:
    return is_mentor(user) or is_comms(user)


@role_required(_learning_support)
def desk_quizzes(request):
    """For mentors and comms staff: who used every attempt at a quiz, and more attempts."""
    form = ExtraAttemptsForm(request.POST or None)
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
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("%(name)s can try again and has been told.")
                % {"name": learner.get_full_name() or learner.get_username()},
            )
            return redirect("courses:desk_quizzes")
    rows = quizzes_out_of_attempts()
    unmatched = []
    if form.errors:
        errors = [error for errors in form.errors.values() for error in errors]
        row = next(
            (
                row
                for row in rows
                if str(row.learner.pk) == form.data.get("learner")
                and str(row.lesson.translation_key) == form.data.get("lesson")
            ),
            None,
        )
        if row is None:
            unmatched = errors
        else:
            row.errors = errors
            row.attempts = form.data.get("attempts", "1")
            row.reason = form.data.get("reason", "")
    return render(
        request,
        "courses/desk_quizzes.html",
        {
            "rows": rows,
            "errors": unmatched,
            "recent": extra_attempts_recent(),
            "most": form.fields["attempts"].max_value,
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
