"""`Analyzer`: the one place where cleaning, segmentation, detection and scoring meet.

Data flows one way: Document -> clean -> segment -> detect -> voices -> score -> Analysis.
Front ends (CLI, API, batch) only ever see the `Analysis`.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace

from propalens.clean.markup import MarkedText
from propalens.detect import Detector, load_detector
from propalens.detect.base import DetectedSpan
from propalens.errors import ArticleError, InputError, InternalError
from propalens.ingest.document import Document
from propalens.lang import language
from propalens.outlets import lookup_outlet
from propalens.prepare import prepare
from propalens.ranges import Range
from propalens.schema import Analysis, Quote, Sentence, Span, VoiceShares
from propalens.voices import assign_voices, find_quotes, voice_shares


def sentence_scores(sentences: Sequence[Range], spans: Sequence[DetectedSpan]) -> list[float]:
    """P(the sentence uses at least one technique): a noisy-OR of the spans that overlap it.

    `sentences` are sorted and disjoint, as `split_sentences` gives them, so each span finds the
    sentences it overlaps by bisection rather than by looking at all of them.
    """
    ends = [end for _, end in sentences]
    absent = [1.0] * len(sentences)
    for span in spans:
        index = bisect_right(ends, span.start)
        while index < len(sentences) and sentences[index][0] < span.end:
            absent[index] *= 1.0 - span.confidence
            index += 1
    return [1.0 - value for value in absent]


def _snapped_spans(marked: MarkedText, spans: Iterable[DetectedSpan]) -> list[DetectedSpan]:
    """Spans found in the visible text, with no edge inside markup."""
    snapped = []
    for span in spans:
        start, end = marked.snapped(span.start, span.end)
        if start < end:
            snapped.append(replace(span, start=start, end=end))
    return snapped


def _snapped_quotes(marked: MarkedText, quotes: Iterable[Quote]) -> list[Quote]:
    """Quotes found in the visible text, with no edge inside markup and their text as given."""
    snapped = []
    for quote in quotes:
        start, end = marked.snapped(quote.start, quote.end)
        if start < end:
            text = marked.text[start:end]
            snapped.append(quote.model_copy(update={"start": start, "end": end, "text": text}))
    return snapped


def article_score(scores: Sequence[float]) -> float:
    """The expected share of the article's sentences that use a technique."""
    return sum(scores) / len(scores) if scores else 0.0


class Analyzer:
    """Turns documents into `Analysis` records; create once and reuse (the model loads once).

    `lang` is the code of the documents' language ("en"); an unknown code raises
    `UnknownLanguageError` naming the languages propalens reads.
    """

    def __init__(self, detector: Detector | None = None, lang: str = "en") -> None:
        self._detector = detector
        self.language = language(lang)

    @property
    def detector(self) -> Detector:
        if self._detector is None:
            self._detector = load_detector()
        return self._detector

    def analyze(self, document: Document | str) -> Analysis:
        if isinstance(document, str):
            document = Document(source="<text>", text=document)
        if not document.text.strip():
            raise InputError(document.source, "empty input")
        text = document.text
        prepared = prepare(text, self.language)
        cleaned, marked = prepared.cleaned, prepared.marked
        # Every step reads the visible text (markup blanked, offsets kept); what is reported is
        # sliced from the text as given, with no edge inside markup.
        detected = _snapped_spans(
            marked, self.detector.detect(prepared.visible, prepared.sentences)
        )
        scores = sentence_scores(prepared.sentences, detected)
        title = document.title
        if title is None and cleaned.title is not None:
            title = marked.shown(*cleaned.title).strip()
        # Quotes are looked for in the article and in tweet embeds, which are set aside as
        # boilerplate but are still their accounts' words.
        tweets = [(r.start, r.end) for r in cleaned.removed if r.kind == "tweet_embed"]
        quotes = _snapped_quotes(
            marked,
            find_quotes(prepared.visible, sorted([*prepared.ranges, *tweets]), self.language),
        )
        spans = assign_voices(
            [
                Span(
                    start=span.start,
                    end=span.end,
                    text=text[span.start : span.end],
                    technique=span.technique,
                    confidence=span.confidence,
                )
                for span in detected
            ],
            quotes,
        )
        outlet = document.outlet or cleaned.outlet
        profile = lookup_outlet(name=outlet, url=document.url)
        if outlet is None and profile is not None:
            outlet = profile.name
        original = cleaned.original_outlet
        return Analysis(
            text=text,
            title=title,
            outlet=outlet,
            original_outlet=original,
            byline=document.byline or cleaned.byline,
            published=document.published or cleaned.published,
            original_published=cleaned.original_published,
            url=document.url,
            source=document.source,
            input_id=document.id,
            removed=cleaned.removed,
            sentences=tuple(
                Sentence(start=start, end=end, text=text[start:end], score=score)
                for (start, end), score in zip(prepared.sentences, scores, strict=True)
            ),
            spans=tuple(spans),
            quotes=tuple(quotes),
            score=article_score(scores),
            outlet_profile=profile,
            original_outlet_profile=lookup_outlet(name=original) if original else None,
            voice_shares=VoiceShares(**voice_shares(spans)),
            model=self.detector.info,
        )

    def analyze_many(
        self, documents: Iterable[Document | ArticleError]
    ) -> Iterator[Analysis | ArticleError]:
        """Analyse a stream; a document that fails becomes an error in its place, never a gap,
        and never stops the stream: an `InputError` when its input cannot be analysed, an
        `InternalError` naming the exception for anything else (a bug on odd input).

        An error in the stream (an input that could not be read, as `read_inputs` yields
        them) passes through in its place, so one list keeps every input's outcome.
        """
        for document in documents:
            if isinstance(document, ArticleError):
                yield document
                continue
            result: Analysis | ArticleError
            try:
                result = self.analyze(document)
            except InputError as error:
                result = error
            except Exception as error:  # one article's bug must not cost the others
                result = InternalError.from_exception(document.source, error)
            yield result
