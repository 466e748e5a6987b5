import shutil
from itertools import pairwise
from pathlib import Path

import numpy as np
import pytest

from propalens.detect import load_detector
from propalens.detect.base import Detector, ScoredRange
from propalens.detect.minilm.encoder import (
    EncoderIntegrityError,
    base_model_dir,
    load_tokenizer,
    verify_base_weights,
)
from propalens.detect.minilm.model import (
    TransformerConfig,
    decode_spans,
    encode_article,
    mix,
    span_set_cues,
    windows,
)
from propalens.detect.minilm.train import TrainingSettings, retune, train_transformer
from propalens.pipeline import Analyzer
from propalens.prepare import prepare
from propalens.schema import ModelInfo
from tests_support import taxonomy_of, tiny_corpus

CONFIG = TransformerConfig(name="test", version="0", span_threshold=0.5, max_gap=1)


def test_base_weights_with_another_hash_are_refused(tmp_path: Path) -> None:
    shutil.copytree(base_model_dir(), tmp_path / "model")
    (tmp_path / "model" / "model.safetensors").write_bytes(b"not the published weights")
    with pytest.raises(EncoderIntegrityError, match="sha256"):
        verify_base_weights(tmp_path / "model")


def test_windows_cover_every_token_with_overlap_and_never_exceed_their_size() -> None:
    spans = windows(300, 126, 96)
    assert spans[0][0] == 0 and spans[-1][1] == 300
    assert all(end - start == 126 for start, end in spans)
    assert all(b[0] < a[1] for a, b in pairwise(spans))
    assert windows(50, 126, 96) == [(0, 50)] and windows(0, 126, 96) == []


def marked_spans(
    text: str, marked_pieces: set[int], config: TransformerConfig = CONFIG
) -> list[str]:
    sentences = prepare(text).sentences
    article = encode_article(load_tokenizer(), text, sentences)
    probabilities = np.array([0.9 if i in marked_pieces else 0.1 for i in range(len(article))])
    return [text[s.start : s.end] for s in decode_spans(text, article, probabilities, config)]


def test_decoded_spans_are_whole_words_trimmed_of_edge_punctuation() -> None:
    # pieces: they are shame ##fully corrupt , he said .
    assert marked_spans("They are shamefully corrupt, he said.", {3, 4, 5}) == [
        "shamefully corrupt"
    ]


def test_a_gap_longer_than_allowed_splits_a_span() -> None:
    # pieces: traitor ##s and coward ##s and liar ##s everywhere
    text = "Traitors and cowards and liars everywhere"
    assert marked_spans(text, {0, 1, 3, 7}) == ["Traitors and cowards", "liars"]


def test_with_no_gap_limit_a_sentence_marked_pieces_make_one_span_but_sentences_stay_apart() -> (
    None
):
    # pieces: traitor ##s and coward ##s and liar ##s everywhere . they lie .
    text = "Traitors and cowards and liars everywhere. They lie."
    unlimited = TransformerConfig(name="test", version="0", span_threshold=0.5, max_gap=None)
    assert marked_spans(text, {0, 7, 10, 11}, unlimited) == [
        "Traitors and cowards and liars",
        "They lie",
    ]


class RankingClassifier:
    labels = ("Doubt", "Slogans", "Repetition")

    def predict_proba(self, text: str, spans: object, sentences: object) -> np.ndarray:
        return np.tile([0.2, 0.5, 0.3], (len(spans), 1))  # type: ignore[arg-type]

    def tag(self, text: str, sentences: object) -> list[ScoredRange]:
        return []


def test_span_set_cues_count_copies_of_a_span_s_text_the_spans_inside_it_and_those_around_it() -> (
    None
):
    text = "Make America great. Make America great again, they said: make America great."
    first, around, inner, last = (0, 18), (20, 44), (20, 38), (57, 75)
    spans = [first, around, inner, inner, last]  # `inner` carries two techniques
    counts = np.expm1(span_set_cues(text, spans)).round().astype(int).tolist()
    assert counts == [
        [2, 0, 0],  # two other listed copies of its text, case aside
        [0, 1, 0],  # holds `inner`, listed twice but one position
        [2, 0, 1],
        [2, 0, 1],
        [2, 0, 0],
    ]


def test_mixture_weights_for_the_span_set_cues_shift_a_technique_and_old_mixtures_ignore_them() -> (
    None
):
    even = np.full((1, 2), 0.5)
    copies = np.log1p(np.asarray([[2.0, 0.0, 0.0]]))
    plain = ((1.0, 1.0), (1.0, 1.0), (0.0, 0.0))
    assert mix(even, even, plain, copies).tolist() == [[0.5, 0.5]]
    favour_second = (*plain, (0.0, 1.0), (0.0, 0.0), (0.0, 0.0))
    assert mix(even, even, favour_second, copies)[0, 1] > 0.7


def test_a_span_listed_twice_in_a_template_gets_its_two_most_probable_techniques() -> None:
    classifier = RankingClassifier()
    detector = Detector(
        classifier, classifier, ModelInfo(name="t", version="0"), taxonomy_of(classifier.labels)
    )
    labels = detector.label("text", [(0, 4), (0, 4), (1, 2)], [(0, 4)])
    assert labels == ["Slogans", "Repetition", "Slogans"]


def test_a_tiny_training_run_writes_a_model_that_loads_through_onnx_and_detects(
    ptc: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PROPALENS_CACHE", str(tmp_path / "cache"))
    corpus = tiny_corpus(ptc, tmp_path / "ptc", count=4)
    report = train_transformer(
        corpus,
        tmp_path / "model",
        seed=0,
        settings=TrainingSettings(epochs=1, batch_size=4, max_steps=2, held_out_share=0.25),
        log=lambda line: None,
    )
    assert report["steps"] == 2
    model_bytes = sum(path.stat().st_size for path in (tmp_path / "model").iterdir())
    assert model_bytes < 40_000_000, "only the fine-tuned layers ship, not the base model"
    shipped = {path.name for path in (tmp_path / "model").iterdir()}
    assert {"encoder-layers.safetensors", "heads.npz", "classifier.npz", "model.json"} <= shipped
    detector = load_detector(tmp_path / "model")
    assert list((tmp_path / "cache").glob("*.onnx"))
    trained = TransformerConfig.load(tmp_path / "model" / "model.json")
    retune(tmp_path / "model", corpus, seed=0, held_out_share=0.25)
    retuned = TransformerConfig.load(tmp_path / "model" / "model.json")
    assert (retuned.span_threshold, retuned.max_gap, retuned.temperature) == (
        trained.span_threshold,
        trained.max_gap,
        trained.temperature,
    ), "tuning through ONNX at rest reproduces the tuning done in training"
    text = (corpus / "train-articles").iterdir().__next__().read_text(encoding="utf-8")
    detected = detector.detect(text, prepare(text).sentences)
    assert all(0 <= d.start < d.end <= len(text) for d in detected)
    assert all(d.technique in detector.labels and 0.0 <= d.confidence <= 1.0 for d in detected)


def test_the_shipped_model_marks_name_calling_and_loaded_language() -> None:
    text = (
        "Traitors in Washington\n\nThe corrupt, treacherous elite will stop at nothing to destroy "
        "our great nation, and these disgusting traitors must be stopped."
    )
    analysis = Analyzer().analyze(text)
    assert analysis.model.name == "minilm"
    techniques = {span.technique for span in analysis.spans}
    assert techniques & {"Loaded_Language", "Name_Calling,Labeling"}
    assert any("traitors" in span.text.lower() for span in analysis.spans)


def test_the_onnx_encoder_gives_the_states_torch_gives_on_a_padded_batch() -> None:
    import torch

    from propalens.detect import model_folder
    from propalens.detect.minilm.files import (
        OnnxStateEncoder,
        fine_tuned_encoder,
        onnx_encoder_path,
    )

    directory = model_folder()
    config = TransformerConfig.load(directory / "model.json")
    torch_encoder = fine_tuned_encoder(directory, config)
    onnx_encoder = OnnxStateEncoder(onnx_encoder_path(directory))
    ids = np.random.default_rng(0).integers(1000, 20000, (2, 40)).astype(np.int64)
    mask = np.ones_like(ids)
    mask[1, 17:] = 0
    with torch.inference_mode():
        expected = torch_encoder(
            input_ids=torch.from_numpy(ids), attention_mask=torch.from_numpy(mask)
        ).last_hidden_state.numpy()
    actual = onnx_encoder(ids, mask)
    assert np.abs(expected[0] - actual[0]).max() < 1e-4
    assert np.abs(expected[1, :17] - actual[1, :17]).max() < 1e-4
