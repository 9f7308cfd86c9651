"""Read the demo's plain files: TOML for structure, HTML files for rich text.

Texts in two languages sit side by side in the TOML (`title.nl = ...`, `title.en = ...`);
`localized()` picks one language. A rich text lives in a pair of files next to the TOML
file that names it (`body.html = "01-intro"` is `01-intro.nl.html` and `01-intro.en.html`).
Line breaks in an HTML file are for its editors: one between two tags disappears, any
other one reads as a space.
"""

from __future__ import annotations

import re
import tomllib
from functools import cache
from pathlib import Path

CONTENT = Path(__file__).resolve().parent.parent / "content"
STORY = Path(__file__).resolve().parent.parent / "story.toml"
LANGUAGES = ("nl", "en")

_BREAK_BETWEEN_TAGS = re.compile(r">\n+<")


@cache
def _toml(path: Path) -> dict:
    with path.open("rb") as file:
        return tomllib.load(file)


def story() -> dict:
    """The demo story: the people, and who did what."""
    return _toml(STORY)


def content(relative: str) -> dict:
    """A TOML file under demo/content, as written (both languages)."""
    return _toml(CONTENT / relative)


def html(folder: Path, name: str, language: str) -> str:
    text = (folder / f"{name}.{language}.html").read_text(encoding="utf-8").strip("\n")
    return _BREAK_BETWEEN_TAGS.sub("><", text).replace("\n", " ")


def localized(data, language: str, folder: Path):
    """`data` in one language: `{nl, en}` tables become their text, `{html}` tables the
    text of their file in `folder`."""
    if isinstance(data, dict):
        if data and set(data) <= set(LANGUAGES):
            return localized(data[language], language, folder)
        if set(data) == {"html"}:
            return html(folder, data["html"], language)
        return {key: localized(value, language, folder) for key, value in data.items()}
    if isinstance(data, list):
        return [localized(item, language, folder) for item in data]
    return data


def blocks(data: list[dict]) -> list[tuple[str, object]]:
    """StreamField blocks from their TOML form (`type` and `value`) as (type, value) pairs."""
    return [(block["type"], block["value"]) for block in data]
