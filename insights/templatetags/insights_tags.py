from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django import template
from django.utils.formats import date_format, number_format

register = template.Library()


@register.filter
def cell(value):
    """A table cell for people: numbers in the reader's format, dates, "—" for nothing."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return "✓" if value else "—"
    if isinstance(value, Decimal):
        return number_format(value, decimal_pos=2, use_l10n=True, force_grouping=True)
    if isinstance(value, float):
        return number_format(value, decimal_pos=1, use_l10n=True, force_grouping=True)
    if isinstance(value, int):
        return number_format(value, use_l10n=True, force_grouping=True)
    if isinstance(value, dt.date):
        return date_format(value)
    return value
