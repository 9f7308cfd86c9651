"""The one error the growth path raises, and the messages a person reads from it."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from core.errors import Refusal

ERROR_TRANSITION = _("This mission cannot go from “%(state)s” to “%(action)s”.")
ERROR_NOT_YOURS = _("This mission is not yours.")
ERROR_WRONG_STAGE = _("This mission is for another stage.")
ERROR_NOT_ACTIVE = _("This mission is not open at the moment.")
ERROR_NOT_TAKING_PART = _("Join the programme to take missions.")
ERROR_EXPIRED = _("The time for this mission has passed.")
ERROR_LINK = _("Give the link to your post (an http or https address).")
ERROR_SCREENSHOT = _("Add a screenshot.")
ERROR_TEXT = _("Add a text.")
ERROR_FEEDBACK = _("Give feedback, so the ambassador knows what to change or why.")
ERROR_OWN_REVIEW = _("Someone else reviews your own missions.")
ERROR_NOT_REVIEWER = _("Only mentors and comms staff review missions.")
ERROR_NO_INVITATION = _("There is no open invitation to move up.")
ERROR_REQUIREMENTS_LAPSED = _(
    "Not everything it takes to move up is met any more: %(missing)s. "
    "Your invitation stays open until it is."
)
ERROR_REASON = _("Give the reason for this change of stage.")
ERROR_NOT_STAGE_CHANGER = _("Only comms staff change someone's stage by hand.")
ERROR_SAME_STAGE = _("This person is in that stage already.")
ERROR_EMPTY_SEGMENT = _("Nobody taking part matches this campaign; nothing was offered.")


class MissionError(Refusal):
    """A refused step of the growth path; `field` may name the form field it is about."""


# Peer review with a rubric (services/rubrics.py).
ERROR_NO_RUBRIC = _("This mission is not reviewed with a rubric.")
ERROR_NOTHING_TO_REVIEW = _("There is no handed-in work to review here.")
ERROR_PEER_NOT_ALLOWED = _(
    "Only colleagues in the production stage who chose to review colleagues' work can do this."
)
ERROR_OPT_IN_STAGE = _("Reviewing colleagues' work opens up once you are in the production stage.")
ERROR_ALREADY_REVIEWED = _("You have already reviewed this work.")
ERROR_ENOUGH_PEERS = _("Enough colleagues have reviewed this work already. Thank you!")
ERROR_PEER_LIMIT = _(
    "You have reviewed %(limit)s posts this week. That is plenty: try again in a few days."
)
ERROR_SCORE_MISSING = _("Choose a level for “%(criterion)s”.")
ERROR_LEVEL_RANGE = _("Choose a level from 1 to %(levels)s for “%(criterion)s”.")
ERROR_UNKNOWN_CRITERION = _("A score was for a criterion this rubric does not have.")
