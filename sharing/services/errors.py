"""The content library's one refusal and its messages, which forms show and tests reuse."""

from django.utils.translation import gettext_lazy as _

from core.errors import Refusal


class SharingError(Refusal):
    """A rule of the content library refused the action; `str()` is the message to show."""


ERROR_NOT_TAKING_PART = _("Join the programme to share content.")

# Sharing an item
ERROR_NOT_SHAREABLE = _("This item can no longer be shared.")
ERROR_STAGE = _("This item is meant for a later stage.")
ERROR_EMPTY_TEXT = _("Write a text to go with the link.")
ERROR_UNKNOWN_NETWORK = _("Choose LinkedIn, X, Facebook or Instagram.")

# Hiding an item
ERROR_NOT_IN_LIBRARY = _("This item is not in the library.")

# Pushes
ERROR_EMPTY_SEGMENT = _("Nobody taking part matches this segment; nothing was planned.")
ERROR_MAY_NOT_PUSH = _("You may not push items to people.")

# Retiring a suggested text
ERROR_MAY_NOT_RETIRE = _("You may not retire or restore suggested texts.")
ERROR_ALREADY_RETIRED = _("This text was already retired.")
ERROR_NOT_RETIRED = _("This text is offered already.")

# Proposals and colleagues' posts
ERROR_ALREADY_IN_LIBRARY = _("This address is already in the library.")
ERROR_NO_TEXTS = _("Give at least one suggested text to go with the link.")
ERROR_UNKNOWN_TOPIC = _("There is no topic with the code “%(topic)s”.")
ERROR_PROPOSAL_STAGE = _("Proposing links opens in the curation stage.")
ERROR_NOT_LINKEDIN = _("Paste the address of your post on LinkedIn (linkedin.com).")
ERROR_NOT_A_PROPOSAL = _("Only open proposals can be reviewed.")
ERROR_MAY_NOT_REVIEW = _("You may not review proposals.")
ERROR_EMPTY_COMMENT = _("Add your comment: why is this worth reading?")
ERROR_REASON_NEEDED = _("Give the reason, so the ambassador knows why.")
