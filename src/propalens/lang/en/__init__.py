"""English: the language every step of propalens reads today.

The word lists sit in modules by subject: `calendar` (months, weekdays, written dates), `people`
(titles, role nouns, name particles, given names, organisation words), `speech` (reporting verbs
and the words around a reporting frame), `boilerplate` (the whole lines of a scraped page that
are not body).  Cleaning and quote finding import them from here and nowhere else.
"""

from __future__ import annotations

from propalens.lang.pack import LanguagePack

ENGLISH = LanguagePack(code="en", name="English", punkt_model="english")
