"""Numbers from query strings and forms, parsed strictly: one rule for every filter.

`str.isdigit()` accepts "²" and "٣", which `int()` then refuses or reads, and a number of
twenty digits passes both but overflows the database. A value that is not a plain decimal
number in range is treated as absent (the filter is ignored), never as a server error. The
CMS lists' filters check related-object ids the same way (`core.admin.StrictFilterSet`).
"""

from __future__ import annotations

# Every id and count the platform filters on fits a signed 32-bit integer, on every database.
LARGEST = 2**31 - 1


def parse_int(value: object, *, minimum: int = 0, maximum: int = LARGEST) -> int | None:
    """The number in `value` (ASCII digits only, within the bounds), or None."""
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    elif isinstance(value, str) and value.isascii() and value.isdecimal() and len(value) <= 10:
        number = int(value)
    else:
        return None
    return number if minimum <= number <= maximum else None


def query_int(query, name: str, *, minimum: int = 0, maximum: int = LARGEST) -> int | None:
    """The number in query parameter `name` (a QueryDict or dict), or None when odd or absent."""
    return parse_int(query.get(name, ""), minimum=minimum, maximum=maximum)
