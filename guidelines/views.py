from __future__ import annotations

import logging
import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import DatabaseError
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.template.response import TemplateResponse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail.models import Page, PageLogEntry, PageViewRestriction

from core.forms import refuse
from core.structure import active_locale_id

from . import services
from .comparison import compare
from .forms import AcknowledgeAllForm, AcknowledgeForm, SearchForm
from .models import ContentStrategyPage, GuidelinePage
from .selectors import CURRENT, OUTDATED, current_versions, guideline_pages, statuses_for

WORD = re.compile(r"\w+")
logger = logging.getLogger(__name__)


def _own_status(request, page):
    if request.ambassador is None:
        return None
    return statuses_for(request.user, [page])[0]


def guideline_index(request, index):
    """The guidelines, each with the person's status, and one form to acknowledge the
    ones they have read in one step."""
    pages = guideline_pages(index)
    statuses = statuses_for(request.user, pages) if request.ambassador else []
    to_acknowledge = [status.page for status in statuses if not status.is_current]
    form = None
    if to_acknowledge and request.method == "POST":
        form = AcknowledgeAllForm(request.POST, pages=to_acknowledge)
        if form.is_valid():
            try:
                read = services.guidelines_acknowledge(user=request.user, read=form.chosen())
            except services.AcknowledgementError as error:
                # Shown with the versions now current, so acknowledging again can work.
                data = request.POST.copy()
                for page in to_acknowledge:
                    data[f"version_{page.pk}"] = str(page.version)
                form = AcknowledgeAllForm(data, pages=to_acknowledge)
                form.is_valid()
                refuse(form, error)
            else:
                messages.success(
                    request,
                    ngettext(
                        "Thank you. You have acknowledged %(count)d guideline.",
                        "Thank you. You have acknowledged %(count)d guidelines.",
                        len(read),
                    )
                    % {"count": len(read)},
                )
                return HttpResponseRedirect(_next_or(request, form.cleaned_data["next"], index.url))
    elif to_acknowledge:
        form = AcknowledgeAllForm(
            initial={"next": request.GET.get("next", "")}, pages=to_acknowledge
        )
    strategy = ContentStrategyPage.objects.live().child_of(index).first()
    context = index.get_context(request)
    context.update(
        {
            "statuses": statuses,
            "pages": pages,
            "strategy": strategy,
            "search_form": SearchForm(),
            "form": form,
            "changed": {status.page.pk for status in statuses if status.status == OUTDATED},
        }
    )
    return TemplateResponse(
        request, index.template, context, status=400 if form and form.errors else 200
    )


def guideline_print(request, index):
    context = index.get_context(request)
    context["pages"] = guideline_pages(index)
    return TemplateResponse(request, "guidelines/guideline_print.html", context)


def guideline_read(request, page):
    # The current version as every page shows it (cached until comms staff publish);
    # acknowledging checks it afresh.
    version = current_versions().get(page.translation_key) or page.version
    form = None
    if request.ambassador is not None and request.method == "POST":
        form = AcknowledgeForm(request.POST)
        if form.is_valid():
            try:
                services.guideline_acknowledge(
                    user=request.user, page=page, version=form.cleaned_data["version"]
                )
            except services.AcknowledgementError as error:
                # Shown with the version now current, so acknowledging again can work.
                data = request.POST.copy()
                version = GuidelinePage.objects.get(pk=page.pk).version  # fresh, not cached
                data["version"] = str(version)
                form = AcknowledgeForm(data)
                refuse(form, error)
            else:
                messages.success(request, _("Thank you. You have acknowledged this guideline."))
                return HttpResponseRedirect(
                    _next_or(request, form.cleaned_data["next"], page.get_parent().url)
                )
    elif request.ambassador is not None:
        form = AcknowledgeForm(initial={"version": version, "next": request.GET.get("next", "")})
    context = page.get_context(request)
    context["status"] = _own_status(request, page)
    context["form"] = form
    context["version"] = version
    return TemplateResponse(
        request, page.template, context, status=400 if form and form.errors else 200
    )


def _next_or(request, target: str, fallback: str) -> str:
    """Where to go after acknowledging: a page of this site asked for, else `fallback`."""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


def _published_revision_at(page, moment):
    entry = (
        PageLogEntry.objects.filter(
            page=page, action="wagtail.publish", timestamp__lte=moment, revision__isnull=False
        )
        .select_related("revision")
        .order_by("-timestamp")
        .first()
    )
    return entry.revision if entry else None


def guideline_changes(request, page):
    """What changed since the version the person acknowledged, as a readable comparison."""
    status = _own_status(request, page)
    if status is None or status.last is None:
        messages.info(request, _("You have not acknowledged an earlier version of this guideline."))
        return HttpResponseRedirect(page.url)
    last = status.last
    if last.revision is not None and last.revision.object_id == str(page.pk):
        old_revision = last.revision
    else:
        old_revision = _published_revision_at(page, last.acknowledged_at)
    if old_revision is None:
        messages.info(request, _("The version you acknowledged is no longer available."))
        return HttpResponseRedirect(page.url)
    context = page.get_context(request)
    context.update(
        {
            "status": status,
            "sections": compare(old_revision.as_object(), page),
            "acknowledged_at": last.acknowledged_at,
            "is_current": status.status == CURRENT,
        }
    )
    return TemplateResponse(request, "guidelines/guideline_changes.html", context)


def _restricted_paths(request) -> list[str]:
    """Paths of page trees this request may not see (Wagtail's page privacy)."""
    return [
        restriction.page.path
        for restriction in PageViewRestriction.objects.select_related("page")
        if not restriction.accept_request(request)
    ]


@login_required
def search(request):
    """Search guidelines, the strategy and courses in the person's language."""
    form = SearchForm(request.GET)
    query = form.query()
    # Words only: the full-text engines read quotes, dashes and the like as operators.
    terms = " ".join(WORD.findall(query))
    results = []
    if terms:
        hidden = tuple(_restricted_paths(request))
        found = (
            Page.objects.live()
            .filter(locale_id=active_locale_id(), depth__gt=2)
            .specific()
            .search(terms, operator="or")
        )
        try:
            results = [
                page for page in found[:100] if not (hidden and page.path.startswith(hidden))
            ]
        except DatabaseError:
            logger.warning("Search for %r failed", terms, exc_info=True)
            messages.error(request, _("The search did not work for these words. Try other words."))
    page = Paginator(results, 20).get_page(request.GET.get("page"))
    return render(
        request, "guidelines/search.html", {"query": query, "page": page, "search_form": form}
    )
