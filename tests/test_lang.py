import pytest

from propalens.lang import LANGUAGES, UnknownLanguageError, language
from propalens.lang.en.calendar import MONTHS
from propalens.lang.en.people import NAME_PARTICLES


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
    assert MONTHS["sept"] == MONTHS["sep"] == MONTHS["september"] == 9
    assert sorted(set(MONTHS.values())) == list(range(1, 13))


def test_name_particles_are_lower_case_words_listed_once() -> None:
    assert len(set(NAME_PARTICLES)) == len(NAME_PARTICLES)
    assert all(particle.isalpha() and particle.islower() for particle in NAME_PARTICLES)
