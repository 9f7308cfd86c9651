"""The demo programme's posting checks (content/sharing/posting_checks.toml): a confidential
word list, the disclosure line of the guidelines, and links to the guideline's sections."""

from __future__ import annotations

from guidelines.models import GuidelinePage
from sharing.models import CHECKS, PostingChecks

from .files import content


def seed() -> None:
    data = content("sharing/posting_checks.toml")
    checks = PostingChecks.objects.first() or PostingChecks()
    page = GuidelinePage.objects.filter(slug=data["guideline"]).first()
    checks.hashtags_max = data["hashtags_max"]
    checks.disclosure_own_content = data["disclosure_own_content"]
    for language in ("nl", "en"):
        setattr(checks, f"disclosure_line_{language}", data["disclosure_line"][language])
        for check, texts in data["hints"].items():
            setattr(checks, f"{check}_hint_{language}", texts[language])
    checks.disclosure_synonyms = "\n".join(data["disclosure_synonyms"])
    checks.confidential_words = "\n".join(data["confidential_words"])
    for check in CHECKS:
        setattr(checks, f"{check}_page", page)
        setattr(checks, f"{check}_anchor", data["anchors"][check] if page else "")
    checks.full_clean()
    checks.save()
