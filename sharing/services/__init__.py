"""Writes of the content library, by subdomain; every name is re-exported here so callers
keep `from sharing.services import share_create` and `services.share_create`.

- `shares`: who may share which item, the text checks, the share itself
- `clicks`: a visit through a tracked link, without the address; `retention`: folding old ones
- `library`: a person's link added to the library, an item hidden for a person
- `proposals`: proposing a link (curation stage on) and its review
- `colleague_posts`: asking colleagues to engage with one's own post
- `pushes`: a push to a segment and its planning within the attention budget
- `news_feeds`: importing the organisation's feeds
- `variants`: retiring a suggested text and restoring it

The tracked-link and push reads live in `sharing.selectors`; the ones callers reached here
before are re-exported too.
"""

from ..selectors import (
    intent_url,
    link_target,
    push_progress,
    push_segment,
    target_url,
    tracked_url,
)
from .clicks import BOT_MARKERS, BURST_LIMIT, BURST_WINDOW, click_record, is_bot, visitor_hash
from .colleague_posts import (
    COLLEAGUE_INVITES,
    COLLEAGUE_POST_FRESH,
    COLLEAGUE_POST_KIND,
    COLLEAGUE_REQUESTS_PER_WEEK,
    SAME_COLLEAGUE_GAP,
    colleague_post_create,
)
from .errors import (
    ERROR_ALREADY_IN_LIBRARY,
    ERROR_ALREADY_RETIRED,
    ERROR_EMPTY_COMMENT,
    ERROR_EMPTY_SEGMENT,
    ERROR_EMPTY_TEXT,
    ERROR_MAY_NOT_PUSH,
    ERROR_MAY_NOT_RETIRE,
    ERROR_MAY_NOT_REVIEW,
    ERROR_NO_TEXTS,
    ERROR_NOT_A_PROPOSAL,
    ERROR_NOT_IN_LIBRARY,
    ERROR_NOT_LINKEDIN,
    ERROR_NOT_RETIRED,
    ERROR_NOT_SHAREABLE,
    ERROR_NOT_TAKING_PART,
    ERROR_PROPOSAL_STAGE,
    ERROR_REASON_NEEDED,
    ERROR_STAGE,
    ERROR_UNKNOWN_NETWORK,
    ERROR_UNKNOWN_TOPIC,
    SharingError,
)
from .library import item_add_for, item_create, item_dismiss, item_save
from .news_feeds import feed_import
from .proposals import REVIEW_PERMISSION, proposal_create, proposal_review
from .pushes import (
    PUSH_PERMISSION,
    PushPreview,
    push_create,
    push_figures_shown,
    push_plan,
    push_preview,
)
from .retention import clicks_compact
from .shares import share_check_allowed, share_create, share_text_check, taking_part
from .variants import RETIRE_PERMISSION, variant_restore, variant_retire

__all__ = [
    "BOT_MARKERS",
    "BURST_LIMIT",
    "BURST_WINDOW",
    "COLLEAGUE_INVITES",
    "COLLEAGUE_POST_FRESH",
    "COLLEAGUE_POST_KIND",
    "COLLEAGUE_REQUESTS_PER_WEEK",
    "ERROR_ALREADY_IN_LIBRARY",
    "ERROR_ALREADY_RETIRED",
    "ERROR_EMPTY_COMMENT",
    "ERROR_EMPTY_SEGMENT",
    "ERROR_EMPTY_TEXT",
    "ERROR_MAY_NOT_PUSH",
    "ERROR_MAY_NOT_RETIRE",
    "ERROR_MAY_NOT_REVIEW",
    "ERROR_NOT_A_PROPOSAL",
    "ERROR_NOT_IN_LIBRARY",
    "ERROR_NOT_LINKEDIN",
    "ERROR_NOT_RETIRED",
    "ERROR_NO_TEXTS",
    "ERROR_NOT_SHAREABLE",
    "ERROR_NOT_TAKING_PART",
    "ERROR_PROPOSAL_STAGE",
    "ERROR_REASON_NEEDED",
    "ERROR_STAGE",
    "ERROR_UNKNOWN_NETWORK",
    "ERROR_UNKNOWN_TOPIC",
    "PUSH_PERMISSION",
    "RETIRE_PERMISSION",
    "REVIEW_PERMISSION",
    "SAME_COLLEAGUE_GAP",
    "SharingError",
    "click_record",
    "clicks_compact",
    "colleague_post_create",
    "feed_import",
    "intent_url",
    "is_bot",
    "item_add_for",
    "item_create",
    "item_dismiss",
    "item_save",
    "link_target",
    "proposal_create",
    "proposal_review",
    "push_create",
    "push_figures_shown",
    "push_preview",
    "PushPreview",
    "push_plan",
    "push_progress",
    "push_segment",
    "share_check_allowed",
    "share_create",
    "share_text_check",
    "taking_part",
    "variant_restore",
    "variant_retire",
    "target_url",
    "tracked_url",
    "visitor_hash",
]
