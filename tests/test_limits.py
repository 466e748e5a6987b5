"""A long or hostile input costs in proportion to its length, and memory holds one run of it.

The inputs are ordinary prose, quotes and lines made long; the detector's encoder is a stand-in
(random states), since what is checked is everything around it.  The deadlines are generous
(several times what these take on a loaded 2-core machine): they fail on a step whose cost
grows with the square of the length, as they did before (100 s and more here).
"""

from __future__ import annotations

import time
import tracemalloc
from pathlib import Path

import numpy as np
import pytest
from numpy.typing import NDArray

from fake_detector import fake_detector
from propalens.detect.cues import span_cues
from propalens.detect.minilm.encoder import load_tokenizer
from propalens.detect.minilm.files import load_heads
from propalens.detect.minilm.model import (
    StateEncoder,
    TransformerConfig,
    TransformerModel,
    sentence_runs,
)
from propalens.detect.registry import model_folder
from propalens.detect.tfidf import TfidfClassifier
from propalens.pipeline import Analyzer
from propalens.prepare import prepare
from propalens.segment import split_sentences
from propalens.settings import ARTICLE_REACH_CHARS, MAX_SENTENCE_CHARS
from propalens.taxonomy import load_taxonomy

PARAGRAPH = (
    "The minister said the plan would cut costs by a third. Critics called it a disgrace, and "
    'the opposition leader, Jane Moore, said the figures were invented. "We will fight this '
    'in every town," she said. The vote is due on Monday.\n\n'
)
QUOTES = (
    '"This is outrageous," the senator said. She added: "We will never accept it." '
    "'Sure', he replied. "
)


def stand_in_encoder(input_ids: NDArray[np.int64], mask: NDArray[np.int64]) -> NDArray[np.float32]:
    """Random states, the same for the same pieces."""
    rng = np.random.default_rng(int(input_ids.sum()) % 2**32)
    return rng.standard_normal((*input_ids.shape, 384)).astype(np.float32)


def minilm_reading_with(encoder: StateEncoder) -> TransformerModel:
    """The shipped MiniLM heads and classifier around a stand-in encoder."""
    folder = model_folder("minilm")
    config = TransformerConfig.load(folder / "model.json")
    return TransformerModel(
        config,
        load_taxonomy(config.taxonomy, base=folder).labels,
        load_tokenizer(),
        encoder,
        load_heads(folder),
        TfidfClassifier.load(folder / "classifier.npz"),
    )


def test_a_line_without_spaces_or_stops_is_cut_into_sentences_no_longer_than_the_limit() -> None:
    text = "x" * (3 * MAX_SENTENCE_CHARS + 5)
    assert split_sentences(text) == [
        (0, MAX_SENTENCE_CHARS),
        (MAX_SENTENCE_CHARS, 2 * MAX_SENTENCE_CHARS),
        (2 * MAX_SENTENCE_CHARS, 3 * MAX_SENTENCE_CHARS),
        (3 * MAX_SENTENCE_CHARS, len(text)),
    ]


def test_a_sentence_longer_than_the_limit_is_cut_after_its_last_space_in_reach() -> None:
    words = "word " * (MAX_SENTENCE_CHARS // 5 + 10)
    sentences = split_sentences(words)
    assert len(sentences) == 2
    first = words[sentences[0][0] : sentences[0][1]]
    assert len(first) <= MAX_SENTENCE_CHARS and first.endswith("word")
    assert sentences[1][0] == sentences[0][1] + 1  # the space between them belongs to neither


def test_sentence_runs_reach_no_further_than_the_reach_and_keep_a_span_with_its_sentence() -> None:
    sentences = [(start, start + 8) for start in range(0, 100, 10)]  # ten sentences of 8
    assert sentence_runs(sentences, [], 30) == [(0, 3), (3, 6), (6, 9), (9, 10)]
    # A span from sentence 2 into sentence 4 holds sentences 2 to 4 in one run.
    assert sentence_runs(sentences, [(25, 44)], 30) == [(0, 5), (5, 8), (8, 10)]
    assert sentence_runs([], [(0, 5)], 30) == [(0, 0)]


def test_an_article_shorter_than_the_reach_is_read_in_one_run() -> None:
    article = PARAGRAPH * (ARTICLE_REACH_CHARS // len(PARAGRAPH))
    sentences = prepare(article).sentences
    assert len(article) <= ARTICLE_REACH_CHARS
    assert sentence_runs(sentences, sentences, ARTICLE_REACH_CHARS) == [(0, len(sentences))]


def test_a_long_input_is_read_holding_one_run_of_token_states() -> None:
    minilm = minilm_reading_with(stand_in_encoder)
    no_span = minilm.heads.span_weight[:, 0] - minilm.heads.span_weight[:, 1]

    def unmarking_encoder(ids: NDArray[np.int64], mask: NDArray[np.int64]) -> NDArray[np.float32]:
        return np.broadcast_to(no_span, (*ids.shape, len(no_span))).astype(np.float32)

    minilm.encoder = unmarking_encoder
    text = PARAGRAPH * (1_000_000 // len(PARAGRAPH))
    sentences = prepare(text).sentences
    encoded = minilm.tokenizer.encode_batch([text[start:end] for start, end in sentences])
    all_states = sum(len(encoding.ids) for encoding in encoded) * 384 * 4  # 350 MB of floats
    tracemalloc.start()
    try:
        assert minilm.tag(text, sentences) == []
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < all_states / 4  # a run's states take a tenth of them


def test_a_long_input_is_tagged_and_classified_in_time_proportional_to_its_length() -> None:
    minilm = minilm_reading_with(stand_in_encoder)
    text = PARAGRAPH * (600_000 // len(PARAGRAPH))
    sentences = prepare(text).sentences
    began = time.perf_counter()
    spans = [(span.start, span.end) for span in minilm.tag(text, sentences)]
    probabilities = minilm.predict_proba(text, spans, sentences)
    assert len(spans) > 1000 and probabilities.shape[0] == len(spans)
    assert time.perf_counter() - began < 60


def test_a_long_paragraph_of_quotes_is_analysed_in_time_proportional_to_its_length() -> None:
    text = "A long speech\n\n" + QUOTES * (200_000 // len(QUOTES))
    began = time.perf_counter()
    analysis = Analyzer(fake_detector()).analyze(text)
    assert len(analysis.quotes) > 5000 and analysis.spans[-1].voice == "quoted"
    assert time.perf_counter() - began < 60


def test_a_span_s_repetitions_are_counted_within_reach_of_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    repeats, earlier = 2, 9  # span_cues' columns: log1p(occurrences - 1), log1p(those before)
    text = "spam " + "filler text " * 10 + "spam and spam " + "filler text " * 10 + "spam"
    middle = text.index("spam and")
    span = (middle, middle + 4)
    assert np.expm1(span_cues(text, span, 0)[repeats]).round() == 3
    monkeypatch.setattr("propalens.detect.cues.ARTICLE_REACH_CHARS", 20)
    cues = span_cues(text + " ", span, 0)  # another text: the counts are made afresh
    assert np.expm1(cues[repeats]).round() == 1 and np.expm1(cues[earlier]).round() == 0


def test_the_benchmark_makes_each_kind_of_input_at_its_size(
    ptc: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import importlib.util

    benchmarks = Path(__file__).parents[1] / "benchmarks"
    monkeypatch.syspath_prepend(str(benchmarks))
    spec = importlib.util.spec_from_file_location("bench_limits", benchmarks / "bench_limits.py")
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    for kind in ("prose", "nospace", "paragraphs", "quotes"):
        made = bench.make_input(kind, 20_000, ptc)
        assert 19_990 <= len(made.encode("utf-8")) <= 20_000
