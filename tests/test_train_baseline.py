import json
import math
from pathlib import Path

import pytest

from propalens.detect import TrainingOptions, load_detector, train_detector
from propalens.detect.baseline.train import train_baseline
from propalens.detect.cues import SPAN_CUES, span_cues
from propalens.prepare import prepare
from propalens.taxonomy import load_taxonomy
from tests_support import tiny_corpus


def own_labels(corpus: Path, taxonomy_file: Path) -> Path:
    """Rename the corpus's techniques to labels of a taxonomy of the user's own ("Own_0", ...),
    written to `taxonomy_file`."""
    renamed = {name: f"Own_{index}" for index, name in enumerate(load_taxonomy("ptc").labels)}
    taxonomy_file.write_text(
        'name = "own"\n' + "".join(f'[[techniques]]\nname = "{own}"\n' for own in renamed.values())
    )
    for path in (corpus / "train-labels-task-flc-tc").glob("*.labels"):
        rows = [line.split("\t") for line in path.read_text().splitlines()]
        path.write_text("".join(f"{a}\t{renamed[t]}\t{s}\t{e}\n" for a, t, s, e in rows))
    return taxonomy_file


def test_training_through_the_registry_writes_a_standalone_model_that_loads_and_detects(
    ptc: Path, tmp_path: Path
) -> None:
    corpus = tiny_corpus(ptc, tmp_path / "ptc", count=4)
    labels = own_labels(corpus, tmp_path / "labels.toml")
    model = tmp_path / "model"
    report = train_detector("baseline", corpus, model, TrainingOptions(seed=3, taxonomy=labels))
    assert report["articles"] == 4

    manifest = json.loads((model / "model.json").read_text())
    assert (manifest["kind"], manifest["taxonomy"]) == ("baseline", "labels.toml")
    assert (model / "labels.toml").is_file(), "the model folder stands alone"
    detector = load_detector(model)
    assert detector.labels == load_taxonomy(labels).labels
    text = (corpus / "train-articles").iterdir().__next__().read_text(encoding="utf-8")
    detected = detector.detect(text, prepare(text).sentences)
    assert all(0 <= d.start < d.end <= len(text) for d in detected)
    assert all(d.technique in detector.labels and 0.0 <= d.confidence <= 1.0 for d in detected)


def test_the_same_seed_gives_the_same_model(ptc: Path, tmp_path: Path) -> None:
    corpus = tiny_corpus(ptc, tmp_path / "ptc", count=4)
    train_baseline(corpus, tmp_path / "a", seed=1, folds=2)
    train_baseline(corpus, tmp_path / "b", seed=1, folds=2)
    for name in ("tagger.npz", "classifier.npz"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


def test_span_cues_count_a_phrase_s_occurrences_in_the_article_and_those_before_it() -> None:
    text = "Fake news again. They print fake news daily. FAKE NEWS!"
    first, last = (0, 9), (45, 54)
    repeats, earlier = 2, -1  # positions in the cue list
    assert span_cues(text, first, 0)[repeats] == pytest.approx(math.log1p(2))
    assert span_cues(text, first, 0)[earlier] == 0.0
    assert span_cues(text, last, 2)[earlier] == pytest.approx(math.log1p(2))
    assert len(span_cues(text, last, 2)) == SPAN_CUES
