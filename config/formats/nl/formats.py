"""Dates on Dutch pages: one style, "5 december 2026" and "5 december 2026, 14:30".

Templates use the named formats (`|date`, `|date:"DATETIME_FORMAT"`,
`|date:"MONTH_DAY_FORMAT"`), never a literal pattern, so every page agrees. Input formats
stay Django's.
"""

DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"
SHORT_DATE_FORMAT = DATE_FORMAT
SHORT_DATETIME_FORMAT = DATETIME_FORMAT
MONTH_DAY_FORMAT = "j F"
TIME_FORMAT = "H:i"
