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
    """
    voiced: list[Span] = []
    for span in spans:
        length = max(1, span.end - span.start)
        holders = [q for q in quotes if 2 * _overlap(span, q) > length]
        if holders:
            quote = min(holders, key=lambda q: (q.end - q.start, q.kind != "direct"))
            voiced.append(span.model_copy(update={"voice": "quoted", "speaker": quote.speaker}))
        else:
            voiced.append(span.model_copy(update={"voice": "author", "speaker": None}))
    return voiced


def voice_shares(spans: Sequence[Span]) -> dict[str, float]:
    """Share of spans in the author's voice and in quoted voices; zeros when there are none.

    Spans without a voice yet count as the author's, as `assign_voices` would have them.
    """
    if not spans:
        return {"author": 0.0, "quoted": 0.0}
    quoted = sum(1 for span in spans if span.voice == "quoted")
    return {"author": (len(spans) - quoted) / len(spans), "quoted": quoted / len(spans)}
