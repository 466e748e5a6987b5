"""Publication dates as scraped pages print them.

Only dates in lines that cleaning has already judged to be datelines or bylines are parsed;
a date in a body sentence ("on May 12, 2018 the army crossed...") says nothing about when the
article appeared.  Numeric dates are read only when the order of day and month is certain.
"""

from __future__ import annotations

import datetime as dt
import re

from propalens.lang.en.calendar import MONTHS

# Longest names first, so that "September" is not read as "Sep" followed by junk.
# Scoped case-insensitivity, so the fragment can sit inside case-sensitive patterns.
MONTH = r"(?i:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?:[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d\d"

_MONTH_DAY_YEAR = re.compile(
    rf"(?P<month>{MONTH})\s+(?P<day>{_DAY}),?\s+(?P<year>{_YEAR})\b", re.IGNORECASE
)
_DAY_MONTH_YEAR = re.compile(
    rf"(?P<day>{_DAY})\s+(?P<month>{MONTH}),?\s+(?P<year>{_YEAR})\b", re.IGNORECASE
)
_ISO = re.compile(rf"(?P<year>{_YEAR})-(?P<month>[01]?\d)-(?P<day>[0-3]?\d)\b")
_NUMERIC = re.compile(rf"(?P<first>[0-3]?\d)[/.](?P<second>[0-3]?\d)[/.](?P<year>{_YEAR})\b")

DATE = (
    rf"(?:{MONTH}\s+{_DAY},?\s+{_YEAR}|{_DAY}\s+{MONTH},?\s+{_YEAR}"
    rf"|{_YEAR}-[01]?\d-[0-3]?\d|[0-3]?\d[/.][0-3]?\d[/.]{_YEAR})"
)
"""A regex fragment (no groups) matching any date `parse_date` can read; case-insensitive."""


def _make(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _day(text: str) -> int:
    return int(re.sub(r"\D", "", text))


def parse_date(text: str) -> dt.date | None:
    """The first date in `text`, or None when there is none or it is ambiguous.

    "05/12/2018" is May 12 in the US and 5 December elsewhere; guessing would put a wrong
    date on the record, so such a date is left unread.  "13/05/2018" can only be 13 May.
    """
    for pattern in (_MONTH_DAY_YEAR, _DAY_MONTH_YEAR):
        match = pattern.search(text)
        if match:
            month = MONTHS[match["month"].rstrip(".").lower()]
            return _make(int(match["year"]), month, _day(match["day"]))
    match = _ISO.search(text)
    if match:
        return _make(int(match["year"]), int(match["month"]), int(match["day"]))
    match = _NUMERIC.search(text)
    if match:
        first, second = int(match["first"]), int(match["second"])
        if first > 12 >= second or first == second:
            return _make(int(match["year"]), second, first)
        if second > 12 >= first:
            return _make(int(match["year"]), first, second)
    return None
