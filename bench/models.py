"""The benchmark's reference page: a Wagtail page without the site's frame.

Like Wagtail's starter page, its template renders the page and nothing else (no header,
unread count, gates or navigation), so `make bench` can report every page against what
Wagtail itself serves on this machine. Only the bench settings install this app.
"""

from wagtail.fields import RichTextField
from wagtail.models import Page


class BarePage(Page):
    body = RichTextField(blank=True)

    template = "bench/bare_page.html"
    parent_page_types = ["wagtailcore.Page"]
