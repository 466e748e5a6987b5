"""Ranges and sets of them: what the steps use to ask whether a position lies in a quote."""

from __future__ import annotations

from propalens.ranges import RangeSet


def test_a_range_set_holds_the_positions_of_its_ranges_merged_where_they_overlap() -> None:
    ranges = RangeSet([(8, 12), (5, 10), (20, 20), (30, 31)])
    assert [position for position in range(35) if position in ranges] == [*range(5, 12), 30]
    assert 4 not in RangeSet()


def test_the_gaps_of_a_range_set_are_the_pieces_outside_every_range() -> None:
    ranges = RangeSet([(5, 10), (8, 12), (30, 31)])
    assert list(ranges.gaps(0, 35)) == [(0, 5), (12, 30), (31, 35)]
    assert list(ranges.gaps(6, 9)) == []
    assert list(ranges.gaps(11, 13)) == [(12, 13)]
