"""Posting checks (issue 23): the programme's guidelines as friendly hints in the composer.

`posting_hints()` is pure: it reads the text, the network, the item (its loaded fields) and
the programme's checks (`posting_rules()`, loaded once per request from the structure
cache), and says what it notices. Nothing here blocks a share, and nothing is recorded: the
text is read, never logged or stored.

What is true per network (sharing.selectors.intent_url): LinkedIn gets the tracked link added
to the text, X and Facebook get it as the share page's own address parameter; Instagram has
no web share page, so no link is added and a link in a post is not clickable there (the
person gets their link for their bio on the next step). So a person never has to paste the
link; pasting the item's own address would bypass the count.

Words are compared after folding: capitals and accents do not matter (“geheim” finds
“Geheim”, “cafe” finds “café”), and a word counts only as a whole word (“Noordlicht” is not
found in “Noordlichtweg”). The CMS lists are matched literally (escaped), never as patterns.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from wagtail.models import Page

from ambassadors.models import Network
from core import structure

from .models import (
    CHECK_CONFIDENTIAL,
    CHECK_DISCLOSURE,
    CHECK_HASHTAGS,
    CHECK_LENGTH,
    CHECK_LINK,
    CHECKS,
    CONFIDENTIAL_MAX_LENGTH,
    CONFIDENTIAL_MAX_WORDS,
    NETWORK_LIMITS,
    ContentItem,
    PostingChecks,
    list_lines,
    text_length,
)

INFO = "info"
WARNING = "warning"
LANGUAGES = ("nl", "en")
# Networks whose share step carries the tracked link without the person's help.
LINK_ADDED = frozenset({Network.LINKEDIN, Network.X, Network.FACEBOOK})
# The kinds of item that speak for the organisation (its own posts and news).
OWN_CONTENT = frozenset({ContentItem.Kind.CORPORATE, ContentItem.Kind.NEWS})

URL = re.compile(r"(?:https?://|www\.)[^\s<>\"']+", re.IGNORECASE)
# A hashtag: # not inside a word or an address, then word characters with at least one letter.
HASHTAG = re.compile(r"(?<![\w&/#])#(?=\w*[^\W\d_])\w+")
TRAILING = ".,;:!?)]}»”’'\""

# What each check says when the CMS leaves its hint empty.
DEFAULT_HINTS = {
    CHECK_LENGTH: gettext_lazy("Your text is longer than the network allows."),
    CHECK_HASHTAGS: gettext_lazy("A few hashtags that people really follow read better than many."),
    CHECK_DISCLOSURE: gettext_lazy("Show your readers that you work here."),
    CHECK_CONFIDENTIAL: gettext_lazy(
        "Your text mentions something the organisation keeps confidential."
    ),
    CHECK_LINK: gettext_lazy("Your personal link makes your clicks count."),
}


@dataclass(frozen=True)
class Hint:
    """One thing the composer points out: a code, how much it matters, what to do, and the
    guideline section that says why."""

    code: str
    severity: str  # INFO or WARNING
    message: str
    detail: str
    link: str = ""

    def as_json(self) -> dict:
        return {
            "code": self.code,
            "severity": self.severity,
            "message": self.message,
            "detail": self.detail,
            "link": self.link,
        }


@dataclass(frozen=True)
class PostingRules:
    """The programme's checks as the composer applies them (plain data, kept in the cache)."""

    enabled: frozenset[str] = frozenset(CHECKS)
    max_hashtags: int = 3
    confidential: tuple[str, ...] = ()
    disclosure_own_content: bool = False
    disclosure_lines: dict[str, str] = field(default_factory=dict)  # by language
    disclosure_synonyms: tuple[str, ...] = ()
    hints: dict[str, dict[str, str]] = field(default_factory=dict)  # check -> language -> text
    links: dict[str, dict[str, str]] = field(default_factory=dict)  # check -> language -> url

    def hint(self, check: str, language: str) -> str:
        return self.hints.get(check, {}).get(language) or str(DEFAULT_HINTS[check])

    def link(self, check: str, language: str) -> str:
        return self.links.get(check, {}).get(language, "")


def rules_from(checks: PostingChecks, links: dict[str, dict[str, str]] | None = None):
    """The rules of a settings row (saved or not), with the guideline links resolved."""
    return PostingRules(
        enabled=frozenset(check for check in CHECKS if getattr(checks, f"{check}_on")),
        max_hashtags=checks.hashtags_max,
        # Bounded again here: a row written past the form (a shell, a fixture) stays cheap.
        confidential=tuple(
            word
            for word in list_lines(checks.confidential_words)[:CONFIDENTIAL_MAX_WORDS]
            if len(word) <= CONFIDENTIAL_MAX_LENGTH
        ),
        disclosure_own_content=checks.disclosure_own_content,
        disclosure_lines={
            language: line.strip()
            for language in LANGUAGES
            if (line := getattr(checks, f"disclosure_line_{language}")).strip()
        },
        disclosure_synonyms=tuple(
            word
            for word in list_lines(checks.disclosure_synonyms)
            if len(word) <= CONFIDENTIAL_MAX_LENGTH
        ),
        hints={
            check: {
                language: text.strip()
                for language in LANGUAGES
                if (text := getattr(checks, f"{check}_hint_{language}")).strip()
            }
            for check in CHECKS
        },
        links=links or {},
    )


def _section_links(checks: PostingChecks) -> dict[str, dict[str, str]]:
    """Each check's guideline section in each language: the chosen page's live translation
    in that language (else another live one), with the section's anchor; no link to a page
    that is not live."""
    chosen = {check: getattr(checks, f"{check}_page") for check in CHECKS}
    keys = {page.translation_key for page in chosen.values() if page is not None}
    translations = {
        (page.translation_key, page.locale.language_code): page
        for page in Page.objects.live().filter(translation_key__in=keys).select_related("locale")
    }
    links: dict[str, dict[str, str]] = {}
    for check, page in chosen.items():
        if page is None:
            continue
        anchor = getattr(checks, f"{check}_anchor")
        live = [p for (key, _language), p in translations.items() if key == page.translation_key]
        for language in LANGUAGES:
            target = translations.get((page.translation_key, language)) or next(iter(live), None)
            url = target.get_url() if target is not None else None
            if url:
                links.setdefault(check, {})[language] = url + (f"#{anchor}" if anchor else "")
    return links


def posting_rules(request=None) -> PostingRules:
    """The programme's checks: its settings row, or the defaults while it has none (read
    without writing: a GET never creates the row). Kept until the CMS changes something."""

    def compute() -> PostingRules:
        checks = PostingChecks.base_queryset().first()
        if checks is None:
            return rules_from(PostingChecks())
        return rules_from(checks, _section_links(checks))

    return structure.cached("sharing:posting-rules", compute, request=request)


# --- matching --------------------------------------------------------------------------------


def fold(text: str) -> str:
    """Text compared without capitals or accents (é→e, ë→e, ß→ss)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def found_words(text: str, words: tuple[str, ...]) -> list[str]:
    """Which of `words` (as written) occur in `text` as whole words or phrases."""
    folded = fold(text)
    return [
        word
        for word in words
        if (needle := fold(word).strip())
        and re.search(rf"(?<!\w){re.escape(needle)}(?!\w)", folded)
    ]


def hashtags_in(text: str) -> list[str]:
    """The hashtags of a text, not counting # alone, #123 or an address's #fragment."""
    return HASHTAG.findall(URL.sub(" ", text))


def _address(url: str) -> tuple[str, str] | None:
    """An address as compared: host without www., path without a trailing slash; None for
    what only looks like one ("https://[oops": urlsplit refuses a broken IPv6 host)."""
    try:
        parts = urlsplit(url if "://" in url else f"https://{url}")
        host = (parts.hostname or "").removeprefix("www.")
    except ValueError:
        return None
    return host, parts.path.rstrip("/")


def pasted_item_address(text: str, item: ContentItem) -> bool:
    """The text holds the item's own address (untracked), query and fragment aside."""
    own = _address(item.url)
    return own is not None and any(
        _address(found.rstrip(TRAILING)) == own for found in URL.findall(text)
    )


# --- the checks ------------------------------------------------------------------------------


def posting_hints(
    *, text: str, network: str, item: ContentItem, checks: PostingRules
) -> list[Hint]:
    """What the composer points out about `text` before it is shared on `network`, in the
    active language; no queries, nothing recorded."""
    language = "en" if (get_language() or "").startswith("en") else "nl"
    text = text.strip()
    hints: list[Hint] = []

    def add(check: str, severity: str, detail: str) -> None:
        hints.append(
            Hint(
                code=check,
                severity=severity,
                message=checks.hint(check, language),
                detail=detail,
                link=checks.link(check, language),
            )
        )

    if CHECK_CONFIDENTIAL in checks.enabled and checks.confidential:
        words = found_words(text, checks.confidential)
        if words:
            add(
                CHECK_CONFIDENTIAL,
                WARNING,
                _("On the confidential list: %(words)s. Check with comms before you share.")
                % {"words": ", ".join(f"“{word}”" for word in words)},
            )

    if CHECK_DISCLOSURE in checks.enabled:
        line, added_for_you = item.disclosure.strip(), True
        if not line and checks.disclosure_own_content and item.kind in OWN_CONTENT:
            lines = checks.disclosure_lines
            line, added_for_you = lines.get(item.language) or next(iter(lines.values()), ""), False
        accepted = tuple(
            word
            for word in (line, *checks.disclosure_lines.values(), *checks.disclosure_synonyms)
            if word
        )
        if line and not found_words(text, accepted):
            if added_for_you:
                add(
                    CHECK_DISCLOSURE,
                    INFO,
                    _("We add “%(line)s” at the end for you.") % {"line": line},
                )
            else:
                add(
                    CHECK_DISCLOSURE,
                    WARNING,
                    _("Add “%(line)s”, so your readers know you work here.") % {"line": line},
                )

    if CHECK_LINK in checks.enabled:
        if pasted_item_address(text, item):
            if network in LINK_ADDED:
                detail = _(
                    "You pasted the article's own address. We add your personal link for "
                    "you: remove the pasted one, so the clicks count."
                )
            else:
                detail = _(
                    "You pasted the article's own address. Use your personal link, shown "
                    "on the next step, so the clicks count."
                )
            add(CHECK_LINK, WARNING, detail)
        elif network not in LINK_ADDED and not URL.search(text):
            add(
                CHECK_LINK,
                INFO,
                _(
                    "%(network)s adds no link to your post. On the next step you get your "
                    "personal link for your bio or story."
                )
                % {"network": Network(network).label},
            )

    if CHECK_HASHTAGS in checks.enabled:
        count = len(hashtags_in(text))
        if count > checks.max_hashtags:
            add(
                CHECK_HASHTAGS,
                INFO,
                _("%(count)s hashtags; the guidelines suggest at most %(max)s.")
                % {"count": count, "max": checks.max_hashtags},
            )

    if CHECK_LENGTH in checks.enabled and network in NETWORK_LIMITS:
        # As the share will be: with the item's disclosure when it is added at the end.
        shared = text
        if item.disclosure and item.disclosure not in text:
            shared = f"{text}\n\n{item.disclosure}"
        used, limit = text_length(network, shared), NETWORK_LIMITS[network]
        if used > limit:
            add(
                CHECK_LENGTH,
                WARNING,
                _(
                    "%(used)s of %(limit)s characters on %(network)s with the link: shorten "
                    "it by %(over)s."
                )
                % {
                    "used": used,
                    "limit": limit,
                    "network": Network(network).label,
                    "over": used - limit,
                },
            )
    return hints
