"""The desk's refusals: one exception and the messages a person can read."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from core.errors import Refusal


class DeskError(Refusal):
    """A refused desk action; its message is for the person who tried it."""


ERROR_KIND = _("Choose what kind of help you need.")
ERROR_SUBJECT = _("Give your request a short subject.")
ERROR_BODY = _("Tell the mentor what you need.")
ERROR_LINK = _("Give the address of the discussion (an http or https link).")
ERROR_CLOSED = _("This request is closed. Reopen it to write again.")
ERROR_NOT_YOURS = _("This request is not yours.")
ERROR_TAKEN = _("Another mentor already took this request.")
ERROR_SKILL = _("%(name)s does not handle %(kind)s requests.")
ERROR_REASON = _("Give the reason for the reassignment.")
ERROR_REOPEN = _("A request can be reopened within 14 days of closing.")
ERROR_NOT_CLOSED_YET = _("This request is still open: you can write in it.")
ERROR_REOPEN_LIMIT = _(
    "This request has been reopened twice already. Please ask again with a new request."
)
ERROR_TOO_MANY = _(
    "You have filed %(count)d requests in the last 24 hours, the most one person can file "
    "in a day. Add to one of your open requests instead, or try again later."
)
ERROR_ALREADY_WAITING = _("This request already waits for the employee.")
ERROR_QUEUED = _("This request waits in the queue: take it first.")
ERROR_WAIT_FIRST = _(
    "Reply to the employee first: a request waits for the employee only after a public "
    "reply they have not answered yet."
)
ERROR_RATING = _("Choose a score from 1 to 5.")
ERROR_NOT_CLOSED = _("You can rate the help once the request is closed.")
ERROR_EMPTY = _("Write a message first.")
ERROR_NOT_ASSIGNED = _(
    "Only the mentor this request is assigned to, or the team lead, can work on it. "
    "If it waits in the queue, take it first."
)
ERROR_OWN_REQUEST = _("This is your own request: a colleague helps you with it.")
ERROR_TO_REQUESTER = _("%(name)s asked for this help and cannot be given the request.")
ERROR_TOO_MANY_FILES = _("At most 5 attachments at a time.")
ERROR_NOT_A_MENTOR = _("Only mentors keep the canned responses.")
ERROR_CANNED = _("Give the response a title and a text.")
