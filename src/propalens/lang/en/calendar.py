"""English month and weekday names, as datelines, bylines and tweet attributions print them."""

from __future__ import annotations

from collections.abc import Mapping

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
