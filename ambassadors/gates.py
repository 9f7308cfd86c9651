"""Conditions a person must meet before doing something in the programme.

Higher apps register what they require (guidelines: "acknowledge the current guidelines
before your first share or mission"); apps that act (sharing, missions) ask here, so none
of them imports another app sideways.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth.models import User


@dataclass(frozen=True)
class Gate:
    name: str
    is_met: Callable[[User], bool]
    message: str
    url: Callable[[], str]


_gates: list[Gate] = []


def register_gate(gate: Gate) -> None:
    if all(existing.name != gate.name for existing in _gates):
        _gates.append(gate)


def first_unmet_gate(user: User) -> Gate | None:
    """The first condition this person does not meet yet, or None."""
    for gate in _gates:
        if not gate.is_met(user):
            return gate
    return None


def unmet_gate_shown(user: User) -> Gate | None:
    """`first_unmet_gate` for a page to show: from the person's frame (ambassadors/frame.py,
    cached until they or the guidelines change), no query. Services that act check afresh."""
    from .frame import frame_of

    name = frame_of(user).gate
    return next((gate for gate in _gates if gate.name == name), None) if name else None
