"""Reliability of span confidences on the PTC dev split.

A span's confidence claims to be the probability that it uses its technique.  Here a predicted
span counts as right when it overlaps a gold span of the same technique; the table bins spans
by confidence and compares the mean confidence with how often they are right (a reliability
diagram in numbers), and prints the expected calibration error (ECE).

    .venv/bin/python benchmarks/calibration_dev.py [--model NAME|DIR] [--data ../shared/data/ptc]
"""

from __future__ import annotations

import argparse
from pathlib import Path

from propalens.detect import load_detector
from propalens.prepare import prepare
from propalens.ptc import read_articles, read_spans

REPO = Path(__file__).resolve().parents[1]
BINS = 10


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--model",
        help="a shipped model's name or a model folder (default: $PROPALENS_MODEL, else minilm)",
    )
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data" / "ptc")
    args = parser.parse_args()
    detector = load_detector(args.model)
    gold = read_spans(args.data / "dev-labels-task-flc-tc")
    outcomes: list[tuple[float, bool]] = []
    for article in read_articles(args.data / "dev-articles"):
        truth = [span for span in gold if span.article_id == article.id]
        prepared = prepare(article.text)
        for span in detector.detect(prepared.visible, prepared.sentences):
            right = any(
                g.technique == span.technique and g.start < span.end and span.start < g.end
                for g in truth
            )
            outcomes.append((span.confidence, right))
    print("| confidence | spans | mean confidence | share right |")
    print("|---|---:|---:|---:|")
    error = 0.0
    for index in range(BINS):
        low, high = index / BINS, (index + 1) / BINS
        members = [(c, r) for c, r in outcomes if low <= c < high or (index == BINS - 1 and c == 1)]
        if not members:
            continue
        confidence = sum(c for c, _ in members) / len(members)
        accuracy = sum(r for _, r in members) / len(members)
        error += len(members) / len(outcomes) * abs(confidence - accuracy)
        print(f"| {low:.1f}–{high:.1f} | {len(members)} | {confidence:.3f} | {accuracy:.3f} |")
    print(f"\n{len(outcomes)} predicted spans; expected calibration error {error:.3f}")


if __name__ == "__main__":
    main()
