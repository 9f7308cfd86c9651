"""Dates on English pages: the same day-month-year style and 24-hour clock as the Dutch
pages ("5 December 2026", "5 December 2026, 14:30"); see config/formats/nl/formats.py."""

DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"
SHORT_DATE_FORMAT = DATE_FORMAT
SHORT_DATETIME_FORMAT = DATETIME_FORMAT
MONTH_DAY_FORMAT = "j F"
TIME_FORMAT = "H:i"
