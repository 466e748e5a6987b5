"""Outlet profiles: lookups by URL and by name in the shipped table, and the table's builder."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from propalens.outlets import build_outlet_table, domain_of, lookup_outlet, normalize_name

SHARED_OUTLETS = Path(__file__).resolve().parents[2] / "shared" / "data" / "outlets"


def test_a_url_is_looked_up_by_its_domain_without_www() -> None:
    profile = lookup_outlet(url="https://www.rt.com/news/423456-syria-strike/")
    assert profile is not None
    assert profile.domain == "rt.com"
    assert profile.name == "RT"
    assert profile.factuality == "mixed"
    assert "state" in profile.tags


def test_a_subdomain_falls_back_to_its_parent_domain() -> None:
    profile = lookup_outlet(url="http://edition.cnn.com/2018/04/09/politics/index.html")
    assert profile is not None and profile.domain == "cnn.com"


def test_a_bare_domain_works_as_a_url_or_a_name() -> None:
    assert domain_of("rt.com/news") == "rt.com"
    by_name = lookup_outlet(name="breitbart.com")
    assert by_name is not None and by_name.domain == "breitbart.com"


@pytest.mark.parametrize(
    ("name", "domain"),
    [
        ("RT", "rt.com"),
        ("Russia Today", "rt.com"),
        ("Sputnik", "sputniknews.com"),
        ("Global Research", "globalresearch.ca"),
        ("Fox News", "foxnews.com"),
        ("CNN", "cnn.com"),
        ("Breitbart", "breitbart.com"),
        ("InfoWars", "infowars.com"),
    ],
)
def test_curated_aliases_name_well_known_outlets(name: str, domain: str) -> None:
    profile = lookup_outlet(name=name)
    assert profile is not None and profile.domain == domain


def test_names_from_the_rating_pages_are_aliases_too() -> None:
    profile = lookup_outlet(name="the Village Voice")
    assert profile is not None and profile.domain == "villagevoice.com"
    assert profile.factuality == "high"


def test_name_lookup_ignores_case_punctuation_and_a_leading_the() -> None:
    assert normalize_name("The  Global-Research!") == "global research"
    assert lookup_outlet(name="GLOBAL RESEARCH") == lookup_outlet(name="global research")


@pytest.mark.parametrize(
    ("name", "domain"),
    [
        ("The Free Thought Project", "thefreethoughtproject.com"),
        ("Sons Of Liberty Media", "sonsoflibertymedia.com"),
        ("SHTFPlan", "shtfplan.com"),
        ("Collective Evolution", "collective-evolution.com"),
    ],
)
def test_a_name_that_spells_its_domain_finds_it_without_an_alias(name: str, domain: str) -> None:
    profile = lookup_outlet(name=name)
    assert profile is not None and profile.domain == domain


@pytest.mark.parametrize("name", ["Times", "The Times"])
def test_a_short_common_name_is_not_taken_to_spell_a_domain(name: str) -> None:
    assert lookup_outlet(name=name) is None


def test_an_unknown_outlet_gets_none_never_a_guess() -> None:
    assert lookup_outlet(name="Foxx Newz") is None
    assert lookup_outlet(name="Daily Totally Unknown Gazette") is None
    assert lookup_outlet(url="https://example.org/story") is None
    assert lookup_outlet() is None


def test_a_profile_names_the_sources_of_its_ratings() -> None:
    profile = lookup_outlet(name="Breitbart")
    assert profile is not None
    assert profile.factuality == "low"
    assert profile.bias == "right"
    assert set(profile.sources) == {"mbfc-baly-emnlp18", "mbfc-baly-acl2020", "opensources"}


def test_an_opensources_only_outlet_has_tags_but_no_rating() -> None:
    profile = lookup_outlet(url="https://www.infowars.com/some-story/")
    assert profile is not None
    assert profile.factuality is None
    assert profile.tags == ("conspiracy",)


def test_the_shipped_table_has_a_notice_with_its_sources_and_licences() -> None:
    notice = Path(__file__).resolve().parents[1] / "src/propalens/resources/outlets/NOTICE.md"
    text = notice.read_text(encoding="utf-8")
    assert "Baly" in text and "EMNLP" in text and "ACL" in text
    assert "LGPL" in text and "GNU LESSER GENERAL PUBLIC LICENSE" in text


@pytest.mark.skipif(not SHARED_OUTLETS.exists(), reason="needs ../shared/data/outlets")
def test_the_builder_writes_one_row_per_rated_domain(tmp_path: Path) -> None:
    out = tmp_path / "outlets.json"
    rows = build_outlet_table(SHARED_OUTLETS, out)
    table = json.loads(out.read_text(encoding="utf-8"))
    assert rows == len(table["rows"]) > 1800
    assert table["aliases"]["rt"] == "rt.com"
    domains = [row[0] for row in table["rows"]]
    assert len(domains) == len(set(domains))
    assert not any(d.startswith("www.") for d in domains)
