"""Answers about the platform itself: the outage page and the health check."""

from __future__ import annotations

from django.db import DatabaseError, connections
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


def server_error(request):
    """Django's 500 handler. When the cause is the database being unreachable, the answer is
    a 503 with Retry-After, so browsers, load balancers and people know to come back; the
    page is static (no database, no context processors). The broken connection is closed
    at the end of the request, so the next one reconnects by itself."""
    import sys

    from django.db import InterfaceError, OperationalError
    from django.http import HttpResponse
    from django.template import loader
    from django.views import defaults

    error = sys.exc_info()[1]
    if isinstance(error, (OperationalError, InterfaceError)):
        response = HttpResponse(loader.get_template("503.html").render(), status=503)
        response["Retry-After"] = "60"
        return response
    return defaults.server_error(request)


@require_GET
@never_cache
def healthz(request):
    """For load balancers: 200 when the database answers, 503 when it does not."""
    try:
        with connections["default"].cursor() as cursor:
            # A real table, not "SELECT 1": SQLite answers that without reading its file.
            cursor.execute("SELECT 1 FROM django_migrations LIMIT 1")
            cursor.fetchone()
    except DatabaseError:
        connections["default"].close()
        return JsonResponse({"status": "unavailable", "database": "down"}, status=503)
    return JsonResponse({"status": "ok", "database": "up"})
