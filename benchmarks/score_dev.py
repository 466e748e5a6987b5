"""Score a trained detector on the PTC dev split with the SemEval-2020 Task 11 metrics.

Runs the same commands a user would (`propalens predict`, `propalens evaluate`) and prints the
SI scores (official and by span boundaries), the TC micro-F1 on the gold dev template, and the
per-technique F1 table that MODELS.md records.

    .venv/bin/python benchmarks/score_dev.py [--model DIR] [--data ../shared/data/ptc]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PROPALENS = [sys.executable, "-m", "propalens"]


def run(*arguments: str) -> str:
    return subprocess.run(
        [*PROPALENS, *arguments], check=True, capture_output=True, text=True
    ).stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, help="model folder (default: the shipped one)")
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data" / "ptc")
    args = parser.parse_args()
    model = ["--model", str(args.model)] if args.model else []
    gold_tc = args.data / "dev-labels-task-flc-tc"
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        template = work / "template.txt"
        template.write_text(
            "".join(
                "\t".join((article, "?", start, end)) + "\n"
                for path in sorted(gold_tc.glob("*.labels"))
                for article, _, start, end in (
                    line.split("\t") for line in path.read_text().split("\n") if line.strip()
                )
            )
        )
        articles = str(args.data / "dev-articles")
        run("predict", articles, "--si-out", str(work / "si.txt"), *model)
        run("predict", articles, "--tc-out", str(work / "tc.txt"), "--tc-template",
            str(template), *model)  # fmt: skip
        si = json.loads(run("evaluate", "--task", "si", "--gold",
                            str(args.data / "dev-labels-task-si"), "--pred",
                            str(work / "si.txt"), "--json"))  # fmt: skip
        tc = json.loads(run("evaluate", "--task", "tc", "--gold", str(gold_tc), "--pred",
                            str(work / "tc.txt"), "--json"))  # fmt: skip
    print(f"SI  P={si['precision']:.4f}  R={si['recall']:.4f}  F1={si['f1']:.4f}")
    b = si["boundaries"]
    print(f"SI boundaries  P={b['precision']:.4f}  R={b['recall']:.4f}  F1={b['f1']:.4f}  "
          f"({b['fragmented']:.1%} of gold spans fragmented)")  # fmt: skip
    print(f"TC  micro-F1={tc['micro']['f1']:.4f}  (gold dev template)")
    print()
    print("| technique | support | F1 |")
    print("|---|---:|---:|")
    for name, scores in tc["per_class"].items():
        print(f"| {name} | {scores['support']} | {scores['f1']:.3f} |")


if __name__ == "__main__":
    main()
