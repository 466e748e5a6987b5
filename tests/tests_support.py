"""Helpers shared by tests (not a test module)."""

import shutil
from collections.abc import Sequence
from pathlib import Path

from propalens.schema import Analysis, ModelInfo, Span
from propalens.taxonomy import Taxonomy, Technique, generated_colour


def tiny_corpus(ptc: Path, root: Path, count: int) -> Path:
    """The first `count` training articles with their labels, in the PTC layout."""
    for folder in ("train-articles", "train-labels-task-si", "train-labels-task-flc-tc"):
        (root / folder).mkdir(parents=True)
    for article in sorted((ptc / "train-articles").glob("article*.txt"))[:count]:
        article_id = article.stem.removeprefix("article")
        shutil.copy(article, root / "train-articles")
        for task in ("si", "flc-tc"):
            labels = f"article{article_id}.task-{task}.labels"
            source = ptc / f"train-labels-task-{task}" / labels
            shutil.copy(source, root / f"train-labels-task-{task}")
    return root


def taxonomy_of(labels: Sequence[str]) -> Taxonomy:
    """A taxonomy of just these labels (generated colours, no definitions)."""
    techniques = (Technique(label, "", generated_colour(i)) for i, label in enumerate(labels))
    return Taxonomy("test", "test", tuple(techniques))


def analysis_marking(
    text: str, marked: Sequence[tuple[str, str, float]], model: str = "baseline"
) -> Analysis:
    """An analysis of `text` whose spans are the first occurrence of each phrase, with its
    technique and confidence: what a detector would report, without running one."""
    spans = []
    for phrase, technique, confidence in marked:
        start = text.index(phrase)
        spans.append(
            Span(
                start=start,
                end=start + len(phrase),
                text=phrase,
                technique=technique,
                confidence=confidence,
            )
        )
    return Analysis(
        text=text, spans=tuple(spans), score=0.5, model=ModelInfo(name=model, version="1")
    )
