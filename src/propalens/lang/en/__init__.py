"""English: the language every step of propalens reads today.

The word lists sit in modules by subject: `calendar` (months, weekdays, written dates), `people`
(titles, role nouns, name particles, given names, organisation words), `speech` (reporting verbs
and the words around a reporting frame), `boilerplate` (the whole lines of a scraped page that
are not body).  `ENGLISH` gathers them into the pack that cleaning and quote finding are given.
"""

from __future__ import annotations

from propalens.lang.en.boilerplate import HOLDER_NOISE, LINE_RULES, MENU_ITEM, WIRE_DATELINE
from propalens.lang.en.calendar import CALENDAR
from propalens.lang.en.people import PEOPLE
from propalens.lang.en.speech import SPEECH
from propalens.lang.pack import LanguagePack

ENGLISH = LanguagePack(
    code="en",
    name="English",
    punkt_model="english",
    calendar=CALENDAR,
    people=PEOPLE,
    speech=SPEECH,
    line_rules=LINE_RULES,
    holder_noise=HOLDER_NOISE,
    menu_item=MENU_ITEM,
    wire_dateline=WIRE_DATELINE,
)
