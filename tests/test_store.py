"""The store suite: what every `AnalysisStore` implementation must do, run against each one.

A new backend is added to `IMPLEMENTATIONS`; checks of one backend's own machinery (SQLite's
WAL mode, migrations, concurrent writers) live in that backend's test module
(test_store_sqlite.py, test_store_postgres.py).  PostgreSQL runs on a real throwaway server.
"""

import datetime as dt
import hashlib
from collections.abc import Callable, Iterator

import pytest

from propalens.store import AnalysisStore, Filters, SQLiteStore, content_hash
from propalens.store.postgres import PostgresStore
from web_support import build_analysis

CLIMATE = "Climate\n\nThe corrupt elite lie about the climate, and a massive cover-up follows."
BORDER = "Border\n\nOur great nation must stand united against the invasion at the border."
MARCH = dt.datetime(2024, 3, 1, 12, tzinfo=dt.UTC)


IMPLEMENTATIONS: dict[str, Callable[[pytest.FixtureRequest], AnalysisStore]] = {
    "sqlite": lambda request: SQLiteStore(request.getfixturevalue("tmp_path") / "store.db"),
    "postgres": lambda request: PostgresStore(request.getfixturevalue("postgres_url")),
}
"""Each backend, opened on a new empty store of the test's own."""


@pytest.fixture(params=sorted(IMPLEMENTATIONS))
def store(request: pytest.FixtureRequest) -> Iterator[AnalysisStore]:
    with IMPLEMENTATIONS[request.param](request) as opened:
        yield opened


def add_two(store: AnalysisStore) -> tuple[str, str]:
    climate = build_analysis(
        CLIMATE,
        [
            ("corrupt elite", "Name_Calling,Labeling", 0.9),
            ("massive", "Exaggeration,Minimisation", 0.4),
        ],
        title="Climate",
        outlet="Daily Example",
        published=dt.date(2024, 1, 5),
    )
    border = build_analysis(
        BORDER,
        [("great nation", "Flag-Waving", 0.8), ("invasion", "Loaded_Language", 0.7)],
        title="Border",
        outlet="Other Times",
    )
    return (
        store.add(climate, source="climate.txt", input=CLIMATE, now=MARCH),
        store.add(border, source="border.txt", input=BORDER, now=MARCH + dt.timedelta(days=1)),
    )


def test_the_id_is_the_sha256_of_the_analysed_text() -> None:
    assert content_hash(CLIMATE) == hashlib.sha256(CLIMATE.encode()).hexdigest()


def test_a_stored_analysis_comes_back_equal_with_its_input(store: AnalysisStore) -> None:
    analysis = build_analysis(CLIMATE, [("corrupt elite", "Name_Calling,Labeling", 0.9)])
    record_id = store.add(analysis, source="<api>", input="<p>html</p>", input_kind="html")
    stored = store.get(record_id)
    assert stored is not None
    assert stored.analysis == analysis
    assert (stored.input, stored.input_kind, stored.source) == ("<p>html</p>", "html", "<api>")
    assert record_id in store and store.contains(record_id)
    assert store.get("0" * 64) is None and "0" * 64 not in store


def test_the_same_text_analysed_twice_is_one_record_keeping_when_it_was_first_seen(
    store: AnalysisStore,
) -> None:
    first = build_analysis(CLIMATE, [("corrupt elite", "Name_Calling,Labeling", 0.9)])
    again = build_analysis(CLIMATE, [("massive", "Exaggeration,Minimisation", 0.5)])
    one = store.add(first, source="a", input=CLIMATE, now=MARCH)
    two = store.add(again, source="b", input=CLIMATE, now=MARCH + dt.timedelta(hours=5))
    assert one == two
    assert store.search().total == 1
    stored = store.get(one)
    assert stored is not None and stored.analysis == again
    assert stored.created_at == MARCH and stored.updated_at == MARCH + dt.timedelta(hours=5)
    assert store.search(Filters(technique="Name_Calling,Labeling")).total == 0
    assert store.search(Filters(technique="Exaggeration,Minimisation")).total == 1


def test_search_filters_by_outlet_technique_words_and_day(store: AnalysisStore) -> None:
    climate, border = add_two(store)

    def ids(**filters: object) -> list[str]:
        return [item.id for item in store.search(Filters(**filters)).items]  # type: ignore[arg-type]

    assert ids() == [border, climate]  # newest first
    assert ids(outlet="daily example") == [climate]
    assert ids(technique="Flag-Waving") == [border]
    assert ids(query="cover-up climate") == [climate]
    assert ids(query="natio") == [border]  # words match as prefixes
    assert ids(query="nation climate") == []  # every word must occur
    # The climate piece was published in January; the border piece has no date, so its day
    # is the day it was analysed (2 March).
    assert ids(since=dt.date(2024, 2, 1)) == [border]
    assert ids(outlet="Other Times", technique="Loaded_Language", query="border") == [border]


def test_search_pages_and_counts_all_matches(store: AnalysisStore) -> None:
    add_two(store)
    page = store.search(limit=1, offset=1)
    assert page.total == 2 and len(page.items) == 1
    summary = page.items[0]
    assert summary.title == "Climate" and summary.span_count == 2
    assert summary.techniques == {"Name_Calling,Labeling": 1, "Exaggeration,Minimisation": 1}
    assert summary.published == dt.date(2024, 1, 5)


@pytest.mark.parametrize("query", ['"', "AND OR NOT", "title:x", "a*) NEAR(", "\x00", "'; --"])
def test_full_text_search_reads_operators_and_quotes_as_plain_words(
    store: AnalysisStore, query: str
) -> None:
    add_two(store)
    store.search(Filters(query=query))  # no syntax error


def test_stats_count_analyses_spans_and_mean_score_per_group(store: AnalysisStore) -> None:
    add_two(store)
    by_outlet = {row.key: row for row in store.stats("outlet")}
    assert set(by_outlet) == {"Daily Example", "Other Times"}
    assert by_outlet["Daily Example"].spans == 2 and by_outlet["Daily Example"].analyses == 1
    by_technique = {row.key: row.spans for row in store.stats("technique")}
    assert by_technique == {
        "Name_Calling,Labeling": 1,
        "Exaggeration,Minimisation": 1,
        "Flag-Waving": 1,
        "Loaded_Language": 1,
    }
    assert [row.key for row in store.stats("day")] == ["2024-03-02", "2024-01-05"]
    only = store.stats("technique", Filters(outlet="Other Times"))
    assert {row.key for row in only} == {"Flag-Waving", "Loaded_Language"}
    assert store.stats("outlet", Filters(outlet="nobody")) == []


def test_iter_analyses_yields_every_record_oldest_first(store: AnalysisStore) -> None:
    climate, border = add_two(store)
    assert [stored.id for stored in store.iter_analyses()] == [climate, border]
    assert [s.id for s in store.iter_analyses(Filters(outlet="Other Times"))] == [border]
