"""Quote and speaker benchmark on hand-annotated PTC articles.

    .venv/bin/python benchmarks/bench_voices.py            # the scores
    .venv/bin/python benchmarks/bench_voices.py --errors   # the dev part's misses, by article

Reads `tests/data/quotes_gold.jsonl` (conventions in `tests/data/quotes_gold.README.md`) and the
PTC article files under `../shared/data/ptc/`, runs `find_quotes` over each whole file, and
prints quote-span precision, recall and F1 and the speaker accuracy on matched quotes, for all
articles, the development part and the held-out part.

Matching: a predicted quote matches a gold quote when their overlap covers at least half of the
gold quote's length; each gold and each predicted quote matches at most once (greedy, largest
overlap first).  Direct and indirect quotes are scored together; the kind is not checked.

Speaker agreement (case-insensitive, after turning curly apostrophes straight, collapsing spaces
and dropping a leading "the"/"a"/"an"): the predicted speaker equals the gold one, or the gold
name has several words and the prediction is exactly its last word ("Morbitzer" for "Joe
Morbitzer").  Nothing looser counts: no first names, no initials, no partial organisation names.
"""

from __future__ import annotations

import json
import re
import sys
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "data" / "quotes_gold.jsonl"
PTC = ROOT.parent / "shared" / "data" / "ptc"


@dataclass(frozen=True)
class Scores:
    gold: int
    predicted: int
    matched: int
    speakers_right: int

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def speaker_accuracy(self) -> float:
        return self.speakers_right / self.matched if self.matched else 0.0

    def __add__(self, other: Scores) -> Scores:
        return Scores(
            self.gold + other.gold,
            self.predicted + other.predicted,
            self.matched + other.matched,
            self.speakers_right + other.speakers_right,
        )


def normalize_speaker(name: str | None) -> str | None:
    if name is None:
        return None
    text = re.sub(r"\s+", " ", name.replace("’", "'").casefold()).strip(" .,")
    return re.sub(r"^(?:the|a|an) ", "", text)


def speakers_agree(predicted: str | None, gold: str | None) -> bool:
    """Same speaker, or the prediction is the gold name's surname (see the module doc)."""
    p, g = normalize_speaker(predicted), normalize_speaker(gold)
    if p is None or g is None:
        return False
    return p == g or (" " in g and p == g.split(" ")[-1])


Interval = tuple[int, int, str | None]


def match_quotes(gold: Sequence[Interval], predicted: Sequence[Interval]) -> dict[int, int]:
    """Gold index -> predicted index of each match (see the module doc)."""
    pairs = []
    for gi, (gs, ge, _) in enumerate(gold):
        for pi, (ps, pe, _) in enumerate(predicted):
            overlap = min(ge, pe) - max(gs, ps)
            if overlap > 0 and 2 * overlap >= ge - gs:
                pairs.append((overlap, gi, pi))
    matches: dict[int, int] = {}
    used_pred: set[int] = set()
    for _, gi, pi in sorted(pairs, reverse=True):
        if gi in matches or pi in used_pred:
            continue
        matches[gi] = pi
        used_pred.add(pi)
    return matches


def score_article(gold: Sequence[Interval], predicted: Sequence[Interval]) -> Scores:
    matches = match_quotes(gold, predicted)
    right = sum(speakers_agree(predicted[pi][2], gold[gi][2]) for gi, pi in matches.items())
    return Scores(len(gold), len(predicted), len(matches), right)


def load_gold(path: Path = GOLD) -> list[dict[str, object]]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def article_text(article_id: str, split: str, ptc: Path = PTC) -> str:
    return (ptc / f"{split}-articles" / f"article{article_id}.txt").read_bytes().decode("utf-8")


def gold_and_predicted(
    record: dict[str, object], ptc: Path = PTC
) -> tuple[str, list[Interval], list[Interval]]:
    """The article's text, its gold quotes and what `find_quotes` finds in it."""
    from propalens.voices import find_quotes

    text = article_text(str(record["article_id"]), str(record["split"]), ptc)
    quotes = record["quotes"]
    assert isinstance(quotes, list)
    gold = [(int(q["start"]), int(q["end"]), q["speaker"]) for q in quotes]
    predicted = [(q.start, q.end, q.speaker) for q in find_quotes(text, [(0, len(text))])]
    return text, gold, predicted


def evaluate(records: Iterable[dict[str, object]], ptc: Path = PTC) -> Scores:
    total = Scores(0, 0, 0, 0)
    for record in records:
        _, gold, predicted = gold_and_predicted(record, ptc)
        total = total + score_article(gold, predicted)
    return total


def _short(text: str, limit: int = 90) -> str:
    text = text.replace("\n", " / ")
    return text if len(text) <= limit else f"{text[: limit - 25]} ... {text[-20:]}"


def print_errors(records: Iterable[dict[str, object]], ptc: Path = PTC) -> None:
    """Per dev article: the gold quotes missed, the predictions matching nothing, wrong speakers.

    Held-out articles are skipped: rules are written from the dev part only, so that the
    held-out score stays an honest test."""
    for record in records:
        if record.get("held_out"):
            continue
        text, gold, predicted = gold_and_predicted(record, ptc)
        matches = match_quotes(gold, predicted)
        lines = []
        for gi, (gs, ge, speaker) in enumerate(gold):
            if gi not in matches:
                lines.append((gs, f"  MISS {gs}-{ge} [{speaker}] {_short(text[gs:ge])}"))
            elif not speakers_agree(predicted[matches[gi]][2], speaker):
                got = predicted[matches[gi]][2]
                lines.append(
                    (gs, f"  SPK  {gs}-{ge} [{speaker}] got [{got}] {_short(text[gs:ge])}")
                )
        matched = set(matches.values())
        for pi, (ps, pe, speaker) in enumerate(predicted):
            if pi not in matched:
                lines.append((ps, f"  EXTRA {ps}-{pe} [{speaker}] {_short(text[ps:pe])}"))
        if lines:
            print(f"article{record['article_id']}")
            print("\n".join(line for _, line in sorted(lines)))


def main() -> int:
    sys.path.insert(0, str(ROOT / "src"))
    started = time.perf_counter()
    records = load_gold()
    if "--errors" in sys.argv[1:]:
        print_errors(records)
        return 0
    parts = {
        "all": records,
        "dev part": [r for r in records if not r.get("held_out")],
        "held out": [r for r in records if r.get("held_out")],
    }
    header = ("part", "articles", "gold", "pred", "P", "R", "F1", "spk")
    print("{:<10} {:>8} {:>5} {:>5} {:>6} {:>6} {:>6} {:>6}".format(*header))
    for label, part in parts.items():
        s = evaluate(part)
        print(
            f"{label:<10} {len(part):>8} {s.gold:>5} {s.predicted:>5} {s.precision:>6.3f} "
            f"{s.recall:>6.3f} {s.f1:>6.3f} {s.speaker_accuracy:>6.3f}"
        )
    print(f"({time.perf_counter() - started:.1f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
