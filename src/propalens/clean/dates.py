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
    date on the record, so such a date is left unread, unless the weekday before it tells
    ("Sat, 05/12/2018" is May 12).  "13/05/2018" can only be 13 May.  With dots the day comes
    first ("05.12.2018" is 5 December), as in every convention that writes them.
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
        if match["separator"] == ".":
            return _make(int(match["year"]), second, first)
        if first > 12 >= second or first == second:
            return _make(int(match["year"]), second, first)
        if second > 12 >= first:
            return _make(int(match["year"]), first, second)
        weekday = _weekday(text[: match.start()], lang)
        readings = [
            _make(int(match["year"]), first, second),
            _make(int(match["year"]), second, first),
        ]
        named = [date for date in readings if date is not None and date.weekday() == weekday]
        if len(named) == 1:
            return named[0]
    return None


_WORD = re.compile(r"[^\W\d_]+")


def _weekday(text: str, lang: LanguagePack) -> int | None:
    """The weekday that `text` names, Monday 0, in full or by three letters or more ("Wed")."""
    for word in _WORD.findall(text.lower()):
        for number, name in enumerate(lang.calendar.weekdays):
            if len(word) >= 3 and name.startswith(word):
                return number
    return None
