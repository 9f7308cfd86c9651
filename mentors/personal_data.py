"""What the mentor desk keeps about a person, for the personal data export.

Their own requests and everything in them that they can see; internal notes of mentors
are not theirs and are left out (as on their request page).
"""

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
