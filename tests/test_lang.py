"""Language packs: what a pack holds, and that cleaning and quote finding read the pack they are
given rather than English built in."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from propalens.clean import clean
from propalens.lang import ENGLISH, LANGUAGES, LanguagePack, UnknownLanguageError, language
from propalens.lang.pack import LineRule
from propalens.voices import find_quotes
from test_imports import import_graph


def test_english_is_the_pack_for_en_and_splits_with_the_english_punkt_model() -> None:
    pack = language("en")
    assert (pack.code, pack.name, pack.punkt_model) == ("en", "English", "english")
    assert "en" in LANGUAGES


def test_a_language_without_a_pack_is_an_error_naming_the_languages_there_are() -> None:
    with pytest.raises(UnknownLanguageError, match=r"'fr'.*available: en") as raised:
        language("fr")
    assert raised.value.code == "fr"
    assert isinstance(raised.value, ValueError)


def test_abbreviated_months_have_the_number_of_their_full_name() -> None:
    months = ENGLISH.calendar.months
    assert months["sept"] == months["sep"] == months["september"] == 9
    assert sorted(set(months.values())) == list(range(1, 13))


def test_name_particles_are_lower_case_words_listed_once() -> None:
    particles = ENGLISH.people.name_particles
    assert len(set(particles)) == len(particles)
    assert all(particle.isalpha() and particle.islower() for particle in particles)


def test_only_the_language_registry_imports_the_english_package() -> None:
    importers = {
        module
        for module, imported in import_graph().items()
        if any(name.startswith("propalens.lang.en") for name in imported)
        and not module.startswith("propalens.lang.en")
    }
    assert importers == {"propalens.lang"}


GRUMBLING = "The minister grumbled that the talks had failed because of the opposition."


def _grumbling_pack() -> LanguagePack:
    """English, with "grumbled" as one more reporting verb."""
    speech = replace(ENGLISH.speech, reporting_verbs=ENGLISH.speech.reporting_verbs | {"grumbled"})
    return replace(ENGLISH, speech=speech)


def test_quote_finding_reads_the_reporting_verbs_of_the_pack_it_is_given() -> None:
    assert find_quotes(GRUMBLING, [(0, len(GRUMBLING))]) == []
    quotes = find_quotes(GRUMBLING, [(0, len(GRUMBLING))], _grumbling_pack())
    assert [(q.kind, q.text) for q in quotes] == [
        ("indirect", "the talks had failed because of the opposition")
    ]


VON_BYLINE = (
    "Die Verhandlungen sind gescheitert\n\nVon Hans Meier\n\nDie Gespräche endeten am Abend."
)


def test_cleaning_reads_the_boilerplate_rules_of_the_pack_it_is_given() -> None:
    von = LineRule("byline_von", "byline", re.compile(r"Von (?P<byline>[A-Z]\w+ [A-Z]\w+)"))
    pack = replace(ENGLISH, line_rules=(von, *ENGLISH.line_rules))
    english = clean(VON_BYLINE)
    assert english.byline is None and english.removed == ()
    cleaned = clean(VON_BYLINE, pack)
    assert cleaned.byline == "Hans Meier"
    assert [(r.text, r.kind) for r in cleaned.removed] == [("Von Hans Meier", "byline")]
