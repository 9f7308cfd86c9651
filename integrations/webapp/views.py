"""The web app manifest, the service worker and the page it shows offline.

The service worker (static/js/sw.js) is served from the site's root so it may control every
page (scope "/"); the list of files it keeps for offline use and its cache version are put
in front of it here, from the same static files the pages use (hashed names in production).
"""

from __future__ import annotations

import hashlib
import json
from functools import cache

from django.contrib.staticfiles import finders
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

# design tokens of static/css/site.css: --color-primary and --color-canvas
THEME_COLOUR = "#0b5d63"
BACKGROUND_COLOUR = "#f4f7f7"
# What the offline page needs to look like the site (and what the pages load anyway).
OFFLINE_FILES = (
    "css/site.css",
    "js/menu.js",
    "js/webapp.js",
    "js/offline.js",
    "img/logo.svg",
    "img/icon-192.png",
)
# Marks a lesson page for the service worker: kept for reading offline (courses/views.py).
OFFLINE_HEADER = "X-Academy-Offline"


@require_GET
def manifest(request):
    icons = [
        {"src": static("img/icon-192.png"), "sizes": "192x192", "type": "image/png"},
        {"src": static("img/icon-512.png"), "sizes": "512x512", "type": "image/png"},
        {
            "src": static("img/icon-maskable-512.png"),
            "sizes": "512x512",
            "type": "image/png",
            "purpose": "maskable",
        },
    ]
    data = {
        "id": "/",
        "name": "Ambassador Academy",
        "short_name": _("Academy"),
        "description": _("Learn, share and grow as an ambassador of your organisation."),
        "lang": request.LANGUAGE_CODE,
        "start_url": "/",
        "scope": "/",
        "display": "standalone",
        "theme_color": THEME_COLOUR,
        "background_color": BACKGROUND_COLOUR,
        "icons": icons,
    }
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False})
    response["Content-Type"] = "application/manifest+json"
    return response


@cache
def _worker_source() -> str:
    path = finders.find("js/sw.js")
    with open(path, encoding="utf-8") as file:
        return file.read()


@require_GET
def service_worker(request):
    files = [static(name) for name in OFFLINE_FILES]
    config = {
        "offline": reverse("integrations:offline"),
        "files": files,
        "signOut": [reverse("logout")],
        "signIn": reverse("login"),
        "header": OFFLINE_HEADER,
        "icon": static("img/icon-192.png"),
    }
    source = _worker_source()
    version = hashlib.sha256((json.dumps(config) + source).encode()).hexdigest()[:12]
    config["version"] = version
    body = f"const ACADEMY = {json.dumps(config)};\n{source}"
    response = HttpResponse(body, content_type="text/javascript; charset=utf-8")
    response["Service-Worker-Allowed"] = "/"
    response["Cache-Control"] = "no-cache"
    return response


@require_GET
def offline(request):
    """What the service worker shows when a page cannot be reached: readable by anyone,
    names no one (it is kept on the device)."""
    response = render(request, "integrations/offline.html")
    response["Cache-Control"] = "no-cache"
    return response
