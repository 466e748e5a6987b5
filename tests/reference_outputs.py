"""The outputs a refactoring must leave byte for byte as they are (not a test module).

`produce_all(ptc, folder)` runs the CLI as a user would and writes the reference outputs:
SemEval SI and TC files for the 75 PTC dev articles (TC with the gold spans as its template, as
in the shared task) from both shipped models, and `analyze --format json` of the fixtures.
`tests/test_reference_outputs.py` compares each with the file kept in `tests/data/reference/`.

Regenerate them only for a deliberate change of behaviour, and say so in the commit:
    .venv/bin/python tests/reference_outputs.py
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from typer.testing import CliRunner

from propalens.cli import app

REPO = Path(__file__).resolve().parents[1]
REFERENCE = REPO / "tests" / "data" / "reference"
PTC = REPO.parent / "shared" / "data" / "ptc"

# Paths relative to the repository root, because the JSON records the source as given.
ANALYZED_FIXTURES = (
    "tests/data/scraped_republished_wire.txt",
    "tests/data/scraped_free_text.txt",
    "tests/data/scraped_plain_ptc_style.txt",
    "tests/data/ingest/harbour_closure.txt",
    "tests/data/ingest/harbour_closure.html",
    "tests/data/ingest/corpus.jsonl",
    "tests/data/ingest/corpus.csv",
    "docs/demo_article.txt",
)
MODELS = ("minilm", "baseline")
NAMES = (
    *(f"dev-{model}-{task}.txt" for model in MODELS for task in ("si", "tc")),
    *(f"analyze-{Path(fixture).name}.json" for fixture in ANALYZED_FIXTURES),
)


def produce_all(ptc: Path, folder: Path) -> dict[str, str]:
    """Run every command behind the reference outputs (from the repository root); each
    output by its name in `NAMES`."""
    runner = CliRunner()
    for model in MODELS:
        # One pass gives both SemEval tasks: the spans the model finds (SI), and a technique
        # for each gold span (TC, with the gold spans as the template).
        result = runner.invoke(
            app,
            ["predict", str(ptc / "dev-articles"), "--model", model,
             "--si-out", str(folder / f"dev-{model}-si.txt"),
             "--tc-out", str(folder / f"dev-{model}-tc.txt"),
             "--tc-template", str(ptc / "dev-labels-task-flc-tc")],
        )  # fmt: skip
        assert result.exit_code == 0, result.output
    for fixture in ANALYZED_FIXTURES:
        result = runner.invoke(app, ["analyze", fixture, "--format", "json"])
        # The corpora hold deliberately bad records: listed on stderr, exit code 2.
        assert result.exit_code in (0, 2), result.output
        (folder / f"analyze-{Path(fixture).name}.json").write_text(
            result.stdout, encoding="utf-8", newline=""
        )
    return {name: (folder / name).read_text(encoding="utf-8") for name in NAMES}


if __name__ == "__main__":
    os.chdir(REPO)
    REFERENCE.mkdir(parents=True, exist_ok=True)
    produce_all(PTC, REFERENCE)
    print(f"wrote {len(NAMES)} reference outputs to {REFERENCE}", file=sys.stderr)
