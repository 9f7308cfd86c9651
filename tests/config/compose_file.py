"""Read compose.yaml and the Dockerfile the way Docker does, for the container tests.

The development environment has no YAML library and no Docker, so this reads the subset
of YAML that compose.yaml uses — block mappings, flow lists and mappings, quoted and plain
scalars, comments, anchors, aliases and `<<` merges — and refuses anything else loudly,
so a change to compose.yaml cannot slip past the tests unread.
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


class Unsupported(ValueError):
    """compose.yaml uses YAML this reader does not understand: extend the reader."""


def _strip_comment(line: str) -> str:
    quote = None
    for position, char in enumerate(line):
        if quote:
            quote = None if char == quote else quote
        elif char in "\"'":
            quote = char
        elif char == "#" and (position == 0 or line[position - 1] in " \t"):
            return line[:position].rstrip()
    return line.rstrip()


def _scalar(text: str):
    text = text.strip()
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "\"'":
        return text[1:-1]
    if text in ("", "~", "null"):
        return None
    if text in ("true", "false"):
        return text == "true"
    if re.fullmatch(r"-?\d+", text):
        return int(text)
    if text[0] in "&*!|>-?%@`":
        raise Unsupported(f"unsupported scalar {text!r}")
    return text


class _Flow:
    """A flow collection: [a, b] or {key: value}, nested."""

    def __init__(self, text: str):
        self.text, self.position = text, 0

    def parse(self):
        value = self._value()
        if self.text[self.position :].strip():
            raise Unsupported(f"trailing text in {self.text!r}")
        return value

    def _skip(self):
        while self.position < len(self.text) and self.text[self.position] == " ":
            self.position += 1

    def _value(self):
        self._skip()
        char = self.text[self.position]
        if char == "[":
            return self._sequence()
        if char == "{":
            return self._mapping()
        return self._plain(",]}")

    def _plain(self, stops: str):
        self._skip()
        start = self.position
        if self.text[start] in "\"'":
            end = self.text.index(self.text[start], start + 1)
            self.position = end + 1
            return self.text[start + 1 : end]
        while self.position < len(self.text) and self.text[self.position] not in stops:
            self.position += 1
        return _scalar(self.text[start : self.position])

    def _sequence(self):
        self.position += 1
        items = []
        while True:
            self._skip()
            if self.text[self.position] == "]":
                self.position += 1
                return items
            items.append(self._value())
            self._skip()
            if self.text[self.position] == ",":
                self.position += 1

    def _mapping(self):
        self.position += 1
        items = {}
        while True:
            self._skip()
            if self.text[self.position] == "}":
                self.position += 1
                return items
            key = self._plain(":")
            self.position += 1  # the colon
            items[key] = self._value()
            self._skip()
            if self.text[self.position] == ",":
                self.position += 1


def load_yaml(text: str) -> dict:
    lines = []
    for raw in text.splitlines():
        line = _strip_comment(raw)
        if line.strip():
            if "\t" in line[: len(line) - len(line.lstrip())]:
                raise Unsupported("tabs in indentation")
            lines.append((len(line) - len(line.lstrip()), line.strip()))
    anchors: dict[str, object] = {}

    def value_of(text: str, index: int, indent: int):
        anchor = None
        if text.startswith("&"):
            anchor, _space, text = text.partition(" ")
            anchor, text = anchor[1:], text.strip()
        if text.startswith("*"):
            value = anchors[text[1:]]
        elif text.startswith(("[", "{")):
            value = _Flow(text).parse()
        elif text:
            value = _scalar(text)
        elif index < len(lines) and lines[index][0] > indent:
            value, index = block(index, lines[index][0])
        else:
            value = None
        if anchor:
            anchors[anchor] = value
        return value, index

    def block(index: int, indent: int):
        mapping, merges = {}, []
        while index < len(lines) and lines[index][0] == indent:
            text = lines[index][1]
            if text.startswith("- "):
                raise Unsupported("block sequences: use a flow list [a, b]")
            match = re.fullmatch(r"(\"[^\"]*\"|'[^']*'|[^:\s][^:]*?):(?:\s+(.*))?", text)
            if not match:
                raise Unsupported(f"cannot read {text!r}")
            key = _scalar(match.group(1))
            value, index = value_of((match.group(2) or "").strip(), index + 1, indent)
            if key == "<<":
                merges.append(value)
            else:
                mapping[key] = value
        if index < len(lines) and lines[index][0] > indent:
            raise Unsupported(f"unexpected indentation at {lines[index][1]!r}")
        for merged in merges:
            for key, value in merged.items():
                mapping.setdefault(key, value)
        return mapping, index

    document, _end = block(0, 0)
    return document


def compose() -> dict:
    return load_yaml((ROOT / "compose.yaml").read_text())


def interpolate(value: str, given: dict[str, str]) -> str:
    """Compose's ${NAME}, ${NAME:-default} and ${NAME:?error} with the variables given."""

    def replace(match: re.Match) -> str:
        name, operator, argument = match.group(1), match.group(2), match.group(3)
        if given.get(name):
            return given[name]
        if operator == ":?":
            raise KeyError(f"{name} is required: {argument}")
        return argument or ""

    return re.sub(r"\$\{(\w+)(?:(:-|:\?)([^}]*))?\}", replace, value)


def dockerfile_instructions() -> list[tuple[str, str]]:
    """The Dockerfile's instructions as (INSTRUCTION, arguments), continuation lines joined."""
    joined = re.sub(r"\\\n", " ", (ROOT / "Dockerfile").read_text())
    instructions = []
    for line in joined.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            name, _space, arguments = line.partition(" ")
            instructions.append((name.upper(), arguments.strip()))
    return instructions


def dockerfile_env() -> dict[str, str]:
    env = {}
    for name, arguments in dockerfile_instructions():
        if name == "ENV":
            env.update(item.split("=", 1) for item in shlex.split(arguments))
    return env


def healthcheck_command() -> list[str]:
    """The HEALTHCHECK's command as Docker runs it (shell form: through /bin/sh -c)."""
    instructions = dockerfile_instructions()
    (arguments,) = [arguments for name, arguments in instructions if name == "HEALTHCHECK"]
    _options, _cmd, command = arguments.partition(" CMD ")
    return shlex.split(command)
