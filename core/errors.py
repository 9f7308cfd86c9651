"""The one shape of a refusal: a service says no, with a message for the person.

Every app's service error (`MissionError`, `DeskError`, `SharingError`, ...) is a `Refusal`.
Its `str()` is the message in the active language, and `field` may name the form field it
is about, so `core.forms.refuse()` shows it there and the page keeps what was typed.
"""

from __future__ import annotations


class Refusal(Exception):
    def __init__(self, message="", *args, field: str | None = None):
        super().__init__(message, *args)
        self.message = message
        self.field = field

    def __str__(self) -> str:
        return str(self.message)
