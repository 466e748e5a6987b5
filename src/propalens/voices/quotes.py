"""Quotations in an article: direct quotes, tweets and indirect speech, with their speakers.

Conventions (the same as `tests/data/quotes_gold.README.md`): see `direct` for direct quotes,
`tweets` for quoted tweets and `frames` for indirect speech; a quote with no frame of its own
continues the previous speaker ("He "just wanted to pray"").  `find_quotes` puts them together
sentence by sentence and resolves each speaker phrase to a name (`speakers`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from propalens.lang import ENGLISH, LanguagePack
from propalens.lines import LineIndex
from propalens.ranges import Range, RangeSet
from propalens.schema import Quote, QuoteKind
from propalens.segment import split_sentences
from propalens.voices.attribution import (
    continues_previous,
    direct_speaker_phrase,
    introduced_by_previous_line,
    scare_quoted,
    sentence_person,
    title_like,
)
from propalens.voices.direct import DirectQuote, double_quotes, single_quotes
from propalens.voices.frames import Frame, find_frames
from propalens.voices.speakers import SpeakerResolver
from propalens.voices.subjects import tokens_in
from propalens.voices.tweets import find_tweets


def find_quotes(text: str, ranges: Sequence[Range], lang: LanguagePack = ENGLISH) -> list[Quote]:
    """Direct and indirect quotes inside `ranges` of `text`, speakers resolved, in text order."""
    resolver = SpeakerResolver(lang)
    found: list[tuple[int, int, str | None, QuoteKind]] = []
    for range_start, range_end in ranges:
        found.extend(
            _quotes_in_range(text, max(0, range_start), min(len(text), range_end), resolver, lang)
        )
    found.sort(key=lambda q: (q[0], -q[1]))
    quotes: list[Quote] = []
    seen: set[tuple[int, int, str]] = set()
    for start, end, speaker, kind in found:
        if (start, end, kind) in seen or end <= start:
            continue
        seen.add((start, end, kind))
        quotes.append(Quote(start=start, end=end, text=text[start:end], speaker=speaker, kind=kind))
    return quotes


def _quotes_in_range(
    text: str, lo: int, hi: int, resolver: SpeakerResolver, lang: LanguagePack
) -> list[tuple[int, int, str | None, QuoteKind]]:
    tweets = find_tweets(text, lo, hi, lang)
    tweet_spans = [(t.start, t.end + 1) for t in tweets]
    in_tweets = RangeSet(tweet_spans)
    doubles = double_quotes(text, lo, hi, in_tweets)
    double_spans = [(q.open_mark, q.close_mark + 1) for q in doubles]
    singles = single_quotes(text, lo, hi, RangeSet(tweet_spans + double_spans))
    directs = sorted(doubles + singles, key=lambda q: q.start)
    in_directs = RangeSet((q.open_mark, q.close_mark + 1) for q in directs)
    quoted = RangeSet([(q.open_mark, q.close_mark + 1) for q in directs] + tweet_spans)
    resolver.register_names(text, lo, hi, quoted)
    lines = LineIndex(text, lo, hi)
    sentences = split_sentences(text, [(lo, hi)], lang)

    events: list[tuple[int, int, str | None, QuoteKind]] = []
    previous: DirectQuote | None = None
    pending = sorted(directs + tweets, key=lambda q: q.start)
    by_sentence = {s: tokens_in(text, s[0], s[1], quoted) for s in sentences}
    frame_cache: dict[Range, list[Frame]] = {}
    direct_index = 0
    for sentence in sentences:
        tokens = by_sentence[sentence]
        frames = frame_cache.setdefault(sentence, find_frames(text, tokens, lang))
        # Direct quotes whose opening mark lies in this sentence, in order.
        while direct_index < len(pending) and pending[direct_index].open_mark < sentence[1]:
            quote = pending[direct_index]
            direct_index += 1
            if quote.tweet:
                quote.speaker = resolver.resolve(quote.speaker, quote.end)
                previous = quote
                events.append((quote.start, quote.end, quote.speaker, "direct"))
                continue
            if title_like(text, quote, lo, lang) or scare_quoted(text, quote, lo, lang):
                continue
            after_previous = previous.close_mark + 1 if previous is not None else lo
            phrase = direct_speaker_phrase(text, quote, sentence, lines, after_previous, lang)
            source = "frame" if phrase is None else "adjacent"
            if phrase is None:
                phrase = introduced_by_previous_line(text, quote, lines, lang)
            if (
                phrase is None
                and previous is not None
                and continues_previous(text, previous, quote, lines, sentence[0], lang)
            ):
                quote.speaker, source = previous.speaker, "continued"
            elif phrase is None:
                phrase = next((f.speaker for f in frames if f.speaker is not None), None)
                source = "frame" if phrase is not None else "none"
            if phrase is None and quote.speaker is None:
                # 'He went on to blast "..."': nothing frames the quote, and the person the
                # sentence is about is the likeliest speaker.
                phrase = sentence_person(text, sentence[0], quote.open_mark, lang)
            if phrase is not None:
                quote.speaker = resolver.resolve(phrase, quote.open_mark)
            words = len(text[quote.start : quote.end].split())
            if (source == "none" and words <= 4) or (source == "frame" and words <= 2):
                continue
            previous = quote
            events.append((quote.start, quote.end, quote.speaker, "direct"))
        for frame in frames:
            if frame.content is None or sentence[0] in in_tweets:
                continue
            start, end = frame.content
            if _mostly_quoted(text, start, end, in_directs):
                continue
            speaker = resolver.resolve(frame.speaker, _phrase_at(text, frame))
            events.append((start, end, speaker, "indirect"))
    return events


def _phrase_at(text: str, frame: Frame) -> int:
    """Where the frame's speaker phrase sits: a pronoun looks back from there."""
    if frame.speaker is None:
        return frame.at
    found = re.search(rf"\b{re.escape(frame.speaker)}\b", text[frame.at : frame.at + 2000])
    return frame.at + found.start() if found else frame.at


def _mostly_quoted(text: str, start: int, end: int, in_directs: RangeSet) -> bool:
    """Whether all but a word or two of a reported clause is a direct quote already."""
    return not any(_WORD_CHARACTER.search(text, a, b) for a, b in in_directs.gaps(start, end))


_WORD_CHARACTER = re.compile(r"\w")
