"""Counting the SQL queries of a page the way a running server sees them."""

from django.db import connection
from django.test.utils import CaptureQueriesContext


def page_queries(client, path: str, between=None) -> int:
    """Queries of one view of `path`, after a first view has filled the structure cache
    (header links, locales, guideline versions), as on a server that has been running.
    `between`: called after that first view, to make the page read its own data anew (what
    a page keeps until its data changes: the count must not depend on the data either)."""
    client.get(path)
    if between is not None:
        between()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    return len(captured)
