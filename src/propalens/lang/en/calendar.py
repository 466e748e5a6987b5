"""English dates as datelines, bylines and tweet attributions print them: month and weekday
names, and the patterns of a written date."""

from __future__ import annotations

import re
from collections.abc import Mapping

from propalens.lang.pack import Calendar

MONTH_NAMES = (
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
)  # fmt: skip
_ABBREVIATIONS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
MONTHS: Mapping[str, int] = {
    **{name: number for number, name in enumerate(MONTH_NAMES, start=1)},
    **_ABBREVIATIONS,
}
"""Month names and their abbreviations, lower case, with the month's number."""

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

# Longest names first, so that "September" is not read as "Sep" followed by junk.
# Scoped case-insensitivity, so the fragment can sit inside case-sensitive patterns.
MONTH = r"(?i:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?:[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d\d"

MONTH_DAY_YEAR = re.compile(
    rf"(?P<month>{MONTH})\s+(?P<day>{_DAY}),?\s+(?P<year>{_YEAR})\b", re.IGNORECASE
)
# "12 March 2019", and with hyphens: "12-Mar-2019".
DAY_MONTH_YEAR = re.compile(
    rf"(?P<day>{_DAY})(?:\s+|-)(?P<month>{MONTH})(?:,?\s+|-)(?P<year>{_YEAR})\b", re.IGNORECASE
)
# Year first, as ISO writes it or with slashes ("2018/05/12"); a time may follow at once:
# "2018-05-12T10:20:00Z".
ISO_DATE = re.compile(
    rf"(?P<year>{_YEAR})(?P<separator>[-/.])(?P<month>[01]?\d)(?P=separator)(?P<day>[0-3]?\d)(?!\d)"
)
NUMERIC_DATE = re.compile(
    rf"(?P<first>[0-3]?\d)(?P<separator>[/.-])(?P<second>[0-3]?\d)(?P=separator)(?P<year>{_YEAR})\b"
)

# The time ISO 8601 writes after a date: "2019-03-12T10:00:00Z", "...T10:00:00+02:00".
_ISO_TIME = r"(?:T\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:?\d\d)?)?"

DATE = (
    rf"(?:{MONTH}\s+{_DAY},?\s+{_YEAR}|{_DAY}(?:\s+|-){MONTH}(?:,?\s+|-){_YEAR}"
    rf"|{_YEAR}(?:-[01]?\d-|/[01]?\d/|\.[01]?\d\.)[0-3]?\d{_ISO_TIME}"
    rf"|[0-3]?\d(?:/[0-3]?\d/|\.[0-3]?\d\.|-[0-3]?\d-){_YEAR}|[0-3]?\d/[0-3]?\d/\d\d\b)"
)
"""A regex fragment (no groups) matching any date that `clean.dates.parse_date` reads, and the
short-year dates it leaves unread ("3/12/19": which century, and which is the month?), so that
a dateline printing one is still a dateline; it is case-insensitive."""

CALENDAR = Calendar(
    months=MONTHS,
    weekdays=WEEKDAYS,
    date=DATE,
    named_dates=(MONTH_DAY_YEAR, DAY_MONTH_YEAR),
    iso_date=ISO_DATE,
    numeric_date=NUMERIC_DATE,
)
