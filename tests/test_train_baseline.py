from pathlib import Path

from propalens.detect.baseline import load_baseline
from propalens.pipeline import prepare
from propalens.techniques import TECHNIQUES
from propalens.train import train_baseline
from tests_support import tiny_corpus


def test_training_on_a_few_articles_writes_a_model_that_loads_and_detects(
    ptc: Path, tmp_path: Path
) -> None:
    corpus = tiny_corpus(ptc, tmp_path / "ptc", count=6)
    report = train_baseline(corpus, tmp_path / "model", seed=3, folds=2)
    assert report["articles"] == 6
    detector = load_baseline(tmp_path / "model")
    text = (corpus / "train-articles").iterdir().__next__().read_text(encoding="utf-8")
    detected = detector.detect(text, prepare(text).sentences)
    assert all(0 <= d.start < d.end <= len(text) for d in detected)
    assert all(d.technique in TECHNIQUES and 0.0 <= d.confidence <= 1.0 for d in detected)


def test_the_same_seed_gives_the_same_model(ptc: Path, tmp_path: Path) -> None:
    corpus = tiny_corpus(ptc, tmp_path / "ptc", count=4)
    train_baseline(corpus, tmp_path / "a", seed=1, folds=2)
    train_baseline(corpus, tmp_path / "b", seed=1, folds=2)
    for name in ("tagger.npz", "classifier.npz"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
