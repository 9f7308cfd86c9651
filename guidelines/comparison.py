"""A readable comparison of two versions of a guideline, section by section, line by line."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

from django.utils.html import strip_tags
from django.utils.text import normalize_newlines

from ambassadors.models import Network

BREAKS = re.compile(r"</(p|li|h[1-6])>|<br\s*/?>", re.IGNORECASE)


@dataclass
class Line:
    change: str  # "added", "removed" or "same"
    text: str


@dataclass
class SectionChange:
    heading: str
    lines: list[Line] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return any(line.change != "same" for line in self.lines)


def _rich_lines(html) -> list[str]:
    text = BREAKS.sub("\n", str(getattr(html, "source", html)))
    return [
        " ".join(line.split())
        for line in strip_tags(normalize_newlines(text)).splitlines()
        if line.strip()
    ]


def _items(values, prefix="") -> list[str]:
    return [f"{prefix}{value}" for value in values]


def section_lines(block) -> tuple[str, list[str]]:
    """The heading and the readable lines of one guideline section."""
    value = block.value
    kind = block.block_type
    lines: list[str] = []
    if kind == "principles":
        lines = [f"{item['title']}: {item['text']}" for item in value["items"]]
    elif kind == "dos_and_donts":
        lines = _items(value["dos"], "✓ ") + _items(value["donts"], "✗ ")
    elif kind == "network_tips":
        for item in value["networks"]:
            label = Network(item["network"]).label if item["network"] in Network.values else ""
            lines += _items(item["tips"], f"{label}: ")
    else:
        if "text" in value:
            lines = _rich_lines(value["text"])
        if kind == "disclosure" and value.get("example"):
            lines.append(f"“{value['example']}”")
        if kind == "confidentiality":
            lines += _items(value["never_share"], "✗ ")
        if kind == "negative_reactions":
            lines += [f"{number}. {step}" for number, step in enumerate(value["steps"], 1)]
    return value["heading"], lines


def _diff(old: list[str], new: list[str]) -> list[Line]:
    result = []
    for entry in difflib.ndiff(old, new):
        code, text = entry[:2], entry[2:]
        if code == "+ ":
            result.append(Line("added", text))
        elif code == "- ":
            result.append(Line("removed", text))
        elif code == "  ":
            result.append(Line("same", text))
    return result


def compare(old_page, new_page) -> list[SectionChange]:
    """Only the sections that changed, each with its added, removed and unchanged lines."""
    old_sections = [section_lines(block) for block in old_page.body]
    new_sections = [section_lines(block) for block in new_page.body]
    changes = []
    intro = SectionChange(
        heading="", lines=_diff(_rich_lines(old_page.intro), _rich_lines(new_page.intro))
    )
    if old_page.title != new_page.title:
        intro.lines = [Line("removed", old_page.title), Line("added", new_page.title), *intro.lines]
    if intro.changed:
        changes.append(intro)
    old_by_heading = dict(old_sections)
    new_headings = {heading for heading, _lines in new_sections}
    for heading, lines in new_sections:
        change = SectionChange(heading=heading, lines=_diff(old_by_heading.get(heading, []), lines))
        if change.changed:
            changes.append(change)
    for heading, lines in old_sections:
        if heading not in new_headings:
            changes.append(
                SectionChange(heading=heading, lines=[Line("removed", t) for t in lines])
            )
    return changes
