"""What the mentor desk keeps about a person, for the personal data export.

Their own requests and everything in them that they can see; internal notes of mentors
are not theirs and are left out (as on their request page).
"""

from ambassadors.erasure import register_eraser
from ambassadors.personal_data import register_section, rows

from .models import Attachment, Draft, Message, Rating, Ticket


@register_section("help_requests")
def mentor_desk_data(user) -> list[dict]:
    tickets = Ticket.objects.filter(requester=user)
    return [
        {
            "requests": rows(tickets, exclude=["requester"]),
            "messages": rows(Message.objects.filter(ticket__in=tickets, internal=False)),
            "attachments": rows(
                Attachment.objects.filter(ticket__in=tickets).exclude(message__internal=True)
            ),
            "drafts": rows(Draft.objects.filter(ticket__in=tickets)),
            "ratings": rows(Rating.objects.filter(ticket__in=tickets)),
        }
    ]


@register_eraser("mentors")
def erase_mentor_desk(user) -> None:
    """Requests without a legal reason to keep them lose their content; kept ones stay as
    they are, tied to the anonymised account. A mentor's open requests go to colleagues."""
    from . import services
    from .models import MentorProfile

    erased = Ticket.objects.filter(events__action="erased").values("pk")
    for ticket in Ticket.objects.filter(requester=user, keep_reason="").exclude(pk__in=erased):
        services.ticket_erase_content(ticket=ticket)
    services.tickets_release(mentor=user)
    MentorProfile.objects.filter(user=user).delete()
