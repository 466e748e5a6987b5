"""Dense cues about a span that both detector kinds' technique classifiers read."""

from __future__ import annotations

import bisect
import math
import threading
from collections.abc import Sequence

from propalens.ranges import Range
from propalens.segment import tokenize
from propalens.settings import ARTICLE_REACH_CHARS

QUOTE_MARKS = '"“”‘’«»'
SPAN_CUES = 10


def span_cues(
    text: str, span: Range, sentence_index: int, words: Sequence[str] | None = None
) -> list[float]:
    """Dense cues that TF-IDF misses: length, repetition in the article, quotes, punctuation.

    Repetition is counted twice over: how often the span's text occurs in the article, and how
    often before it.  In PTC train, 63 % of the later occurrences of a repeated span are labelled
    Repetition against 16 % of the first ones.  Both are counted within `ARTICLE_REACH_CHARS` of
    the span (the whole of any real article), so that a long input costs what its length does.
    """
    fragment = text[span[0] : span[1]]
    lowered = fragment.lower()
    if words is None:
        words = [lowered[start:end] for start, end in tokenize(lowered)]
    repeats, earlier = _repetitions(text).of(span, lowered)
    letters = [char for char in fragment if char.isalpha()]
    return [
        math.log1p(len(fragment)) / 5.0,
        math.log1p(len(words)) / 3.0,
        math.log1p(max(repeats - 1, 0)),
        float(any(mark in fragment for mark in QUOTE_MARKS)),
        float("!" in fragment),
        float("?" in fragment),
        sum(char.isupper() for char in letters) / max(len(letters), 1),
        float(sentence_index == 0),
        float(len(words) == 1),
        math.log1p(earlier),
    ]


def sentence_index_of(span: Range, sentence_starts: Sequence[int]) -> int:
    return max(bisect.bisect_right(sentence_starts, span[0]) - 1, 0)


class _Repetitions:
    """How often spans' texts occur in one article, counted once per span for both classifiers
    that read the cue."""

    def __init__(self, text: str) -> None:
        self.text = text
        lowered = text.lower()
        # Lowered once for all spans, unless lowering a piece could differ from the same piece
        # of the lowered whole (a letter that lowers to two, a capital sigma, which lowers by
        # its context).
        self._lowered = lowered if len(lowered) == len(text) and "Σ" not in text else None
        self._counts: dict[Range, tuple[int, int]] = {}

    def of(self, span: Range, lowered: str) -> tuple[int, int]:
        """Occurrences of `lowered` (the span's text, lowered) within reach of the span, and
        those of them before it."""
        if not lowered.strip():
            return 1, 0
        counts = self._counts.get(span)
        if counts is None:
            reach_start = max(0, span[0] - ARTICLE_REACH_CHARS)
            reach_end = min(len(self.text), span[1] + ARTICLE_REACH_CHARS)
            if self._lowered is not None:
                counts = (
                    self._lowered.count(lowered, reach_start, reach_end),
                    self._lowered.count(lowered, reach_start, span[0]),
                )
            else:
                counts = (
                    self.text[reach_start:reach_end].lower().count(lowered),
                    self.text[reach_start : span[0]].lower().count(lowered),
                )
            self._counts[span] = counts
        return counts


_last = threading.local()


def _repetitions(text: str) -> _Repetitions:
    """The counts for the article this thread classifies (the last one it asked about): the
    server classifies several articles at once, one per thread."""
    repetitions: _Repetitions | None = getattr(_last, "repetitions", None)
    if repetitions is None or repetitions.text is not text:
        repetitions = _last.repetitions = _Repetitions(text)
    return repetitions
