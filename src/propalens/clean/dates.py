"""Publication dates as scraped pages print them.

Only dates in lines that cleaning has already judged to be datelines or bylines are parsed;
a date in a body sentence ("on May 12, 2018 the army crossed...") says nothing about when the
article appeared.  Numeric dates are read only when the order of day and month is certain.
"""

from __future__ import annotations

import datetime as dt
import re

from propalens.lang import ENGLISH, LanguagePack


def _make(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _day(text: str) -> int:
    return int(re.sub(r"\D", "", text))


def parse_date(text: str, lang: LanguagePack = ENGLISH) -> dt.date | None:
    """The first date in `text`, written as `lang` writes dates, or None when there is none or it
    is ambiguous.

    "05/12/2018" is May 12 in the US and 5 December elsewhere; guessing would put a wrong
    date on the record, so such a date is left unread.  "13/05/2018" can only be 13 May.
    """
    calendar = lang.calendar
    for pattern in calendar.named_dates:
        match = pattern.search(text)
        if match:
            month = calendar.months[match["month"].rstrip(".").lower()]
            return _make(int(match["year"]), month, _day(match["day"]))
    match = calendar.iso_date.search(text)
    if match:
        return _make(int(match["year"]), int(match["month"]), int(match["day"]))
    match = calendar.numeric_date.search(text)
    if match:
        first, second = int(match["first"]), int(match["second"])
        if first > 12 >= second or first == second:
            return _make(int(match["year"]), second, first)
        if second > 12 >= first:
            return _make(int(match["year"]), first, second)
    return None
