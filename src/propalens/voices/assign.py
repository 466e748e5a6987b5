"""Voice of each technique span: the outlet's own ("author") or a quoted speaker's."""

from __future__ import annotations

from collections.abc import Sequence

from propalens.schema import Quote, Span


def _overlap(span: Span, quote: Quote) -> int:
    return max(0, min(span.end, quote.end) - max(span.start, quote.start))


def assign_voices(spans: Sequence[Span], quotes: Sequence[Quote]) -> list[Span]:
    """Copies of `spans` with voice and speaker set.

    A span is quoted when most of it (more than half its characters) lies inside one quote;
    nested quotes resolve to the innermost (shortest) one that holds it, whose speaker it takes.

    A quote that holds most of a span holds its middle, so the spans are taken in the order of
    their middles while a sweep keeps the quotes around the current middle: the cost grows with
    the spans and quotes and how deeply quotes nest, not with their product.
    """
    by_start = sorted(range(len(quotes)), key=lambda index: quotes[index].start)
    following = 0
    around: list[int] = []  # the quotes (by index) that start before the current middle
    voiced: dict[int, Span] = {}
    for index in sorted(range(len(spans)), key=lambda index: spans[index].start + spans[index].end):
        span = spans[index]
        middle = span.start + span.end  # twice the middle, to stay in integers
        while following < len(by_start) and 2 * quotes[by_start[following]].start < middle:
            around.append(by_start[following])
            following += 1
        around = [quote for quote in around if 2 * quotes[quote].end > middle]
        length = max(1, span.end - span.start)
        holders = [quotes[q] for q in sorted(around) if 2 * _overlap(span, quotes[q]) > length]
        if holders:
            quote = min(holders, key=lambda q: (q.end - q.start, q.kind != "direct"))
            voiced[index] = span.model_copy(update={"voice": "quoted", "speaker": quote.speaker})
        else:
            voiced[index] = span.model_copy(update={"voice": "author", "speaker": None})
    return [voiced[index] for index in range(len(spans))]


def voice_shares(spans: Sequence[Span]) -> dict[str, float]:
    """Share of spans in the author's voice and in quoted voices; zeros when there are none.

    Spans without a voice yet count as the author's, as `assign_voices` would have them.
    """
    if not spans:
        return {"author": 0.0, "quoted": 0.0}
    quoted = sum(1 for span in spans if span.voice == "quoted")
    return {"author": (len(spans) - quoted) / len(spans), "quoted": quoted / len(spans)}
