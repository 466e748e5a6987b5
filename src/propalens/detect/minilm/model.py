"""The MiniLM detector: MiniLM token states feed a span tagger and a technique classifier.

One encoder pass serves both tasks.  The article's analysable sentences are cut into word
pieces, read in overlapping windows, and each token's state is the average over the windows
that saw it.  A linear head marks tokens inside technique spans; runs of marked tokens are
snapped to whole words and trimmed as the PTC annotators trimmed theirs.  Each span is then
classified from its mean token state, its sentence's mean state and a few dense cues
(`propalens.detect.cues`), and that probability is mixed with the TF-IDF classifier's and with
cues from the other spans classified beside it (`span_set_cues`).

This module holds what inference needs; `propalens.detect.minilm.train` fits it.  The encoder
runs through ONNX Runtime (`propalens.detect.minilm.files`); torch is only needed for training
and for building the ONNX file once.
"""

from __future__ import annotations

import json
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Sequence
from contextlib import AbstractContextManager
from dataclasses import asdict, dataclass, field
from functools import cache, cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

import numpy as np
from numpy.typing import NDArray
from threadpoolctl import ThreadpoolController

from propalens.detect.base import ScoredRange
from propalens.detect.cues import SPAN_CUES, sentence_index_of, span_cues
from propalens.detect.minilm.encoder import special_ids
from propalens.detect.probability import softmax
from propalens.detect.tfidf import TfidfClassifier
from propalens.ranges import Range, trimmed
from propalens.settings import ARTICLE_REACH_CHARS

if TYPE_CHECKING:
    from tokenizers import Tokenizer

# The PTC v2 annotations never start or end on these characters (see the corpus README).
_TRIMMED = " \n\t.,:;"
SPAN_SET_CUES = 3
Mixture = tuple[tuple[float, ...], ...]
NAME = "minilm"


@dataclass(frozen=True)
class TransformerConfig:
    """Everything needed to rebuild and apply a trained model; stored as model.json."""

    name: str
    version: str
    taxonomy: str = "ptc"  # a shipped taxonomy's name or a TOML file in the model folder
    trained_layers: tuple[int, ...] = (2, 3, 4, 5)
    window: int = 126
    stride: int = 96
    span_threshold: float = 0.5
    # Word pieces below the threshold that a span may bridge inside a sentence; None: any, so
    # a sentence's marked pieces make one span from the first to the last.
    max_gap: int | None = 1
    temperature: float = 1.0
    # Per technique: weights of the log-probabilities of the transformer and of the TF-IDF
    # classifier, a bias, then one weight per span-set cue (`span_set_cues`); None before
    # tuning (the transformer's probabilities alone).
    mixture: Mixture | None = None
    calibration: tuple[float, float] = (1.0, 0.0)
    int8: bool = False  # run a dynamically quantised copy of the ONNX encoder
    extra: dict[str, object] = field(default_factory=dict)

    def save(self, path: Path) -> None:
        path.write_text(json.dumps({"kind": NAME, **asdict(self)}, indent=2) + "\n")

    @classmethod
    def load(cls, path: Path) -> TransformerConfig:
        raw = json.loads(path.read_text())
        del raw["kind"]  # the registry's business: it chose this loader
        raw["trained_layers"] = tuple(raw["trained_layers"])
        raw["calibration"] = tuple(raw["calibration"])
        if raw.get("mixture") is not None:
            raw["mixture"] = tuple(tuple(row) for row in raw["mixture"])
        return cls(**raw)


@dataclass(frozen=True)
class EncodedArticle:
    """Word pieces of an article's analysable sentences, located in the article's text.

    The pieces come in text order, so the pieces of a span or of a sentence are a run of them.
    """

    input_ids: NDArray[np.int64]
    offsets: NDArray[np.int64]  # (tokens, 2) character offsets into the text
    word_spans: NDArray[np.int64]  # (tokens, 2) offsets of the whole word each piece is in
    sentence_of: NDArray[np.int64]
    sentences: tuple[Range, ...]

    def __len__(self) -> int:
        return len(self.input_ids)

    @cached_property
    def _starts(self) -> NDArray[np.int64]:
        return np.ascontiguousarray(self.offsets[:, 0])

    @cached_property
    def _ends(self) -> NDArray[np.int64]:
        return np.ascontiguousarray(self.offsets[:, 1])

    def token_range(self, span: Range) -> Range:
        """The run of pieces that overlap `span`, as (first, end) indices; empty when none do."""
        first = int(np.searchsorted(self._ends, span[0], side="right"))
        end = int(np.searchsorted(self._starts, span[1], side="left"))
        return first, max(first, end)

    def tokens_in(self, span: Range) -> NDArray[np.int64]:
        """Indices of the pieces that overlap `span`."""
        return np.arange(*self.token_range(span), dtype=np.int64)

    def sentence_range(self, index: int) -> Range:
        """The run of pieces of sentence `index`, as (first, end) indices."""
        first = int(np.searchsorted(self.sentence_of, index, side="left"))
        return first, int(np.searchsorted(self.sentence_of, index, side="right"))


def encode_article(tokenizer: Tokenizer, text: str, sentences: Sequence[Range]) -> EncodedArticle:
    pieces: list[int] = []
    offsets: list[tuple[int, int]] = []
    word_spans: list[tuple[int, int]] = []
    sentence_of: list[int] = []
    encodings = tokenizer.encode_batch(
        [text[start:end] for start, end in sentences], add_special_tokens=False
    )
    for index, ((start, _), encoding) in enumerate(zip(sentences, encodings, strict=True)):
        spans = [(start + a, start + b) for a, b in encoding.offsets]
        extent: dict[int | None, tuple[int, int]] = {}
        for word, (a, b) in zip(encoding.word_ids, spans, strict=True):
            low, high = extent.get(word, (a, b))
            extent[word] = (min(low, a), max(high, b))
        pieces.extend(encoding.ids)
        offsets.extend(spans)
        word_spans.extend(extent[word] for word in encoding.word_ids)
        sentence_of.extend([index] * len(encoding.ids))
    return EncodedArticle(
        np.asarray(pieces, dtype=np.int64),
        np.asarray(offsets, dtype=np.int64).reshape(-1, 2),
        np.asarray(word_spans, dtype=np.int64).reshape(-1, 2),
        np.asarray(sentence_of, dtype=np.int64),
        tuple(sentences),
    )


def windows(length: int, size: int, stride: int) -> list[Range]:
    """Token ranges of at most `size` that cover `length` tokens, each `stride` after the last."""
    if length <= size:
        return [(0, length)] if length else []
    starts = [*range(0, length - size, stride), length - size]
    return [(start, start + size) for start in starts]


class StateEncoder(Protocol):
    def __call__(
        self, input_ids: NDArray[np.int64], attention_mask: NDArray[np.int64]
    ) -> NDArray[np.float32]:
        """Last hidden states, (batch, length, hidden size)."""
        ...


@dataclass(frozen=True)
class Heads:
    """The trained heads as NumPy weights: token tagger and technique classifier."""

    span_weight: NDArray[np.float32]  # (encoder's hidden size, 2)
    span_bias: NDArray[np.float32]
    hidden_weight: NDArray[np.float32]  # (2 * hidden size + cues, classifier's hidden size)
    hidden_bias: NDArray[np.float32]
    technique_weight: NDArray[np.float32]  # (classifier's hidden size, labels)
    technique_bias: NDArray[np.float32]

    @property
    def hidden_size(self) -> int:
        """The encoder's hidden size, which the span head reads."""
        return int(self.span_weight.shape[0])

    @property
    def label_count(self) -> int:
        return int(self.technique_weight.shape[1])

    def token_probabilities(self, states: NDArray[np.float32]) -> NDArray[np.float64]:
        logits = (states @ self.span_weight + self.span_bias).astype(np.float64)
        return softmax(logits)[:, 1]

    def technique_logits(self, features: NDArray[np.float32]) -> NDArray[np.float64]:
        hidden = _gelu(features @ self.hidden_weight + self.hidden_bias)
        return (hidden @ self.technique_weight + self.technique_bias).astype(np.float64)


def _gelu(values: NDArray[np.float32]) -> NDArray[np.float32]:
    from scipy.special import erf

    return np.asarray(0.5 * values * (1.0 + erf(values / np.sqrt(2.0))), dtype=np.float32)


def token_states(
    encoder: StateEncoder,
    article: EncodedArticle,
    config: TransformerConfig,
    special_ids: tuple[int, int],
    hidden_size: int,
    batch_size: int = 4,
) -> NDArray[np.float32]:
    """Each piece's state, averaged over the overlapping windows that read it.

    `special_ids` are the tokenizer's [CLS] and [SEP] ids, which frame every window."""
    cls_id, sep_id = special_ids
    spans = windows(len(article), config.window, config.stride)
    totals = np.zeros((len(article), hidden_size), dtype=np.float32)
    counts = np.zeros(len(article), dtype=np.float32)
    for first in range(0, len(spans), batch_size):
        batch = spans[first : first + batch_size]
        width = max(end - start for start, end in batch) + 2
        input_ids = np.zeros((len(batch), width), dtype=np.int64)
        attention = np.zeros((len(batch), width), dtype=np.int64)
        for row, (start, end) in enumerate(batch):
            input_ids[row, : end - start + 2] = [cls_id, *article.input_ids[start:end], sep_id]
            attention[row, : end - start + 2] = 1
        states = encoder(input_ids, attention)
        for row, (start, end) in enumerate(batch):
            totals[start:end] += states[row, 1 : end - start + 1]
            counts[start:end] += 1
    totals /= np.maximum(counts, 1)[:, None]
    return totals


def decode_spans(
    text: str,
    article: EncodedArticle,
    probabilities: NDArray[np.float64],
    config: TransformerConfig,
) -> list[ScoredRange]:
    """Runs of pieces at or above the threshold, within a sentence, bridging gaps of up to
    `config.max_gap` pieces, widened to whole words and trimmed of edge spaces and punctuation."""
    marked = probabilities >= config.span_threshold
    max_gap = len(article) if config.max_gap is None else config.max_gap
    spans: list[ScoredRange] = []
    index = 0
    while index < len(article):
        if not marked[index]:
            index += 1
            continue
        run_end = index
        probe = index + 1
        while probe < len(article) and article.sentence_of[probe] == article.sentence_of[index]:
            if marked[probe]:
                run_end = probe
            elif probe - run_end > max_gap:
                break
            probe += 1
        start = int(article.word_spans[index, 0])
        end = int(article.word_spans[run_end, 1])
        start, end = trimmed(text, start, end, strip=_TRIMMED)
        if start < end:
            spans.append(
                ScoredRange(start, end, float(np.mean(probabilities[index : run_end + 1])))
            )
        index = run_end + 1
    return spans


def span_features(
    text: str,
    article: EncodedArticle,
    states: NDArray[np.float32],
    spans: Sequence[Range],
    first_sentence: int = 0,
) -> NDArray[np.float32]:
    """Per span: mean state of its pieces, mean state of its sentence, dense cues.

    `article` may hold a run of an article's sentences, the first of which is the article's
    sentence `first_sentence` (the cues count sentences in the whole article)."""
    starts = [start for start, _ in article.sentences]
    hidden_size = states.shape[1]
    rows = []
    for span in spans:
        sentence_index = sentence_index_of(span, starts)
        sentence_first, sentence_end = article.sentence_range(sentence_index)
        first, end = article.token_range(span)
        if first == end:
            first, end = sentence_first, sentence_end
        span_state = states[first:end].mean(axis=0) if end > first else np.zeros(hidden_size)
        sentence_state = (
            states[sentence_first:sentence_end].mean(axis=0)
            if sentence_end > sentence_first
            else np.zeros(hidden_size)
        )
        cues = span_cues(text, span, first_sentence + sentence_index)
        rows.append(np.concatenate([span_state, sentence_state, np.asarray(cues)]))
    return np.asarray(rows, dtype=np.float32).reshape(len(spans), 2 * hidden_size + SPAN_CUES)


def span_set_cues(text: str, spans: Sequence[Range]) -> NDArray[np.float64]:
    """Per span, how it sits among the other spans classified with it: how many of them have
    the same text, how many it contains, and how many contain it (log1p counts; a position
    listed twice counts once).

    In PTC a span's technique depends on its neighbours: a phrase listed again is Repetition,
    or a label used again (Name_Calling), far more often than a phrase listed once, and spans
    around shorter ones lean to Doubt and Slogans.  In a TC template the gold spans nest; the
    tagger's spans never do, so in detection only the first count can be non-zero.

    Each pair of nested positions is visited once, from the outer one, so the cost grows with
    the spans and their nesting, not with the square of their number.
    """
    positions = sorted(set(spans))
    texts = {position: text[position[0] : position[1]].lower().strip() for position in positions}
    same_text = Counter(texts.values())
    contains = Counter[Range]()
    contained = Counter[Range]()
    starts = [start for start, _ in positions]
    for outer_start, outer_end in positions:
        # The positions that start inside the outer one, itself included.
        first = bisect_left(starts, outer_start)
        for inner in positions[first : bisect_right(starts, outer_end)]:
            if inner[1] <= outer_end and inner != (outer_start, outer_end):
                contains[outer_start, outer_end] += 1
                contained[inner] += 1
    rows = [(same_text[texts[span]] - 1, contains[span], contained[span]) for span in spans]
    return np.log1p(np.asarray(rows, dtype=np.float64).reshape(len(spans), SPAN_SET_CUES))


def mix(
    transformer: NDArray[np.float64],
    tfidf: NDArray[np.float64],
    mixture: Mixture,
    set_cues: NDArray[np.float64],
) -> NDArray[np.float64]:
    """Per-technique log-linear mix of the two classifiers' probabilities and the span-set cues.

    The TF-IDF model is better at some techniques (Repetition: exact repeated wording) and the
    transformer at others, so each technique gets its own weights, fitted on held-out spans.
    A mixture tuned before the span-set cues existed has no weights for them and ignores them.
    """
    weights_transformer, weights_tfidf, bias, *cue_weights = (np.asarray(row) for row in mixture)
    logits = weights_transformer * np.log(transformer + 1e-9) + weights_tfidf * np.log(tfidf + 1e-9)
    if cue_weights:
        logits = logits + set_cues @ np.vstack(cue_weights)
    return softmax(logits + bias)


def calibrate(raw: NDArray[np.float64], calibration: tuple[float, float]) -> NDArray[np.float64]:
    """Platt scaling of a raw score into a probability."""
    slope, intercept = calibration
    logit = np.log(np.clip(raw, 1e-6, 1 - 1e-6) / np.clip(1 - raw, 1e-6, 1.0))
    return np.asarray(1.0 / (1.0 + np.exp(-(slope * logit + intercept))))


@cache
def _blas_controller() -> ThreadpoolController:
    return ThreadpoolController()


def _single_threaded_blas() -> AbstractContextManager[object]:
    """NumPy's BLAS on one thread while the detector runs.

    The heads' matrix products are small, and BLAS threads left spinning after them take the
    cores that ONNX Runtime's own threads need next (benchmarks/bench_detector.py shows the
    throughput).
    """
    limited: AbstractContextManager[object] = _blas_controller().limit(limits=1, user_api="blas")
    return limited


def sentence_runs(sentences: Sequence[Range], spans: Sequence[Range], reach: int) -> list[Range]:
    """The sentences in runs, as (first, end) indices, each reaching over at most `reach`
    characters where it can: a run is never cut between a span's sentence and the span's end,
    so that every span is read with its sentence.  One run, perhaps empty, at least."""
    starts = [start for start, _ in sentences]
    # crossing[i]: how many more spans a cut before sentence i splits than one before i - 1
    crossing = [0] * (len(sentences) + 1)
    for span in spans:
        first = sentence_index_of(span, starts)
        last = bisect_left(starts, span[1]) - 1  # the last sentence starting before the span ends
        if last > first:
            crossing[first + 1] += 1
            crossing[last + 1] -= 1
    runs: list[Range] = []
    run_start = open_spans = 0
    for index in range(1, len(sentences)):
        open_spans += crossing[index]
        if open_spans == 0 and sentences[index][1] - sentences[run_start][0] > reach:
            runs.append((run_start, index))
            run_start = index
    runs.append((run_start, len(sentences)))
    return runs


@dataclass(frozen=True)
class _Reading:
    """What one encoder pass over an article leaves: the spans the tagger found, the state
    features of every span read, and the pieces and states themselves when the article was read
    in one run (no longer than `ARTICLE_REACH_CHARS`), so that other spans can still be
    classified without a second pass."""

    text: str
    sentences: tuple[Range, ...]
    found: list[ScoredRange]
    features: dict[Range, NDArray[np.float32]]
    whole: tuple[EncodedArticle, NDArray[np.float32]] | None

    def can_classify(self, spans: Sequence[Range]) -> bool:
        return self.whole is not None or all(span in self.features for span in spans)

    def span_features(self, spans: Sequence[Range]) -> NDArray[np.float32]:
        """`span_features` of `spans`, which `can_classify`."""
        if self.whole is None or all(span in self.features for span in spans):
            rows = [self.features[span] for span in spans]
            return np.asarray(rows, dtype=np.float32)
        return span_features(self.text, *self.whole, spans)


class TransformerModel:
    """A trained MiniLM detector: tags spans and classifies them from one encoder pass.

    `labels` are the model's taxonomy's, in the order of the heads' columns.  An article is
    read in runs of whole sentences no longer than `ARTICLE_REACH_CHARS`, each run's states
    dropped once its spans are tagged and their features taken, so that memory holds one run's
    states however long the input is (every real article is one run).
    """

    def __init__(
        self,
        config: TransformerConfig,
        labels: tuple[str, ...],
        tokenizer: Tokenizer,
        encoder: StateEncoder,
        heads: Heads,
        tfidf: TfidfClassifier,
    ) -> None:
        self.config = config
        self.labels = labels
        self.tokenizer = tokenizer
        self.encoder = encoder
        self.heads = heads
        self.tfidf = tfidf
        self.special_ids = special_ids(tokenizer)
        self._last: _Reading | None = None

    def _reading(self, text: str, sentences: Sequence[Range], spans: Sequence[Range]) -> _Reading:
        """The article read with `spans` among those it takes features of; the last reading is
        kept, so the classifier reuses the tagger's pass."""
        last = self._last
        if (
            last is None
            or last.text is not text
            or last.sentences != tuple(sentences)
            or not last.can_classify(spans)
        ):
            self._last = last = self._read(text, tuple(sentences), spans)
        return last

    def _read(self, text: str, sentences: tuple[Range, ...], spans: Sequence[Range]) -> _Reading:
        runs = sentence_runs(sentences, spans, ARTICLE_REACH_CHARS)
        starts = [start for start, _ in sentences]
        run_firsts = [first for first, _ in runs]
        asked: list[list[Range]] = [[] for _ in runs]
        for span in dict.fromkeys(spans):
            asked[bisect_right(run_firsts, sentence_index_of(span, starts)) - 1].append(span)
        found: list[ScoredRange] = []
        features: dict[Range, NDArray[np.float32]] = {}
        for run_index, (first, end) in enumerate(runs):
            article = encode_article(self.tokenizer, text, sentences[first:end])
            states = token_states(
                self.encoder, article, self.config, self.special_ids, self.heads.hidden_size
            )
            tagged = []
            if len(article):
                probabilities = self.heads.token_probabilities(states)
                tagged = decode_spans(text, article, probabilities, self.config)
            found += tagged
            wanted = list(dict.fromkeys([*((s.start, s.end) for s in tagged), *asked[run_index]]))
            features.update(
                zip(wanted, span_features(text, article, states, wanted, first), strict=True)
            )
        whole = (article, states) if len(runs) == 1 else None
        return _Reading(text, sentences, found, features, whole)

    def tag(self, text: str, sentences: Sequence[Range]) -> list[ScoredRange]:
        with _single_threaded_blas():
            return self._reading(text, sentences, ()).found

    def predict_proba(
        self, text: str, spans: Sequence[Range], sentences: Sequence[Range]
    ) -> NDArray[np.float64]:
        with _single_threaded_blas():
            features = self._reading(text, sentences, spans).span_features(spans)
            logits = self.heads.technique_logits(features)
            transformer = softmax(logits / self.config.temperature)
            if self.config.mixture is None:
                return transformer
            tfidf = self.tfidf.predict_proba_in(self.labels, text, spans, sentences)
            return mix(transformer, tfidf, self.config.mixture, span_set_cues(text, spans))
