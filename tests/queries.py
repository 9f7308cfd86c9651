"""Counting the SQL queries of a page the way a running server sees them."""

from django.db import connection
from django.test.utils import CaptureQueriesContext


def page_queries(client, path: str) -> int:
    """Queries of one view of `path`, after a first view has filled the structure cache
    (header links, locales, guideline versions), as on a server that has been running."""
    client.get(path)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    return len(captured)
