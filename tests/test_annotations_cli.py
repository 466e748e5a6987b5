"""`propalens export-annotations` and `import-annotations`: the round trip's two commands, with
the shipped baseline model, the recorded Label Studio export and clear errors."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from propalens.cli import app
from propalens.ptc import read_spans, split_folders
from propalens.taxonomy import load_taxonomy

DATA = Path(__file__).parent / "data"
PTC_MINI = DATA / "ptc_mini" / "articles"
COARSE_FILE = DATA / "taxonomy-coarse.json"
EXPORT = DATA / "label_studio" / "project-7-at-2024-05-14-11-05-3f1c2a9e.json"
runner = CliRunner()


def test_a_stored_ptc_article_is_exported_to_brat_under_its_ptc_id(tmp_path: Path) -> None:
    db, out = tmp_path / "store.db", tmp_path / "brat"
    batched = runner.invoke(
        app, ["batch", str(PTC_MINI), "--db", str(db), "--workers", "1", "--model", "baseline"]
    )
    assert batched.exit_code == 0, batched.output

    result = runner.invoke(
        app, ["export-annotations", "--db", str(db), "--format", "brat", "--out", str(out)]
    )

    assert result.exit_code == 0, result.output
    assert "wrote 1 article for brat" in result.stderr
    assert sorted(path.name for path in out.iterdir()) == [
        "annotation.conf",
        "article832917778.ann",
        "article832917778.txt",
        "visual.conf",
    ]
    article = PTC_MINI / "article832917778.txt"
    assert (out / "article832917778.txt").read_bytes() == article.read_bytes()


def test_inputs_are_analysed_and_exported_as_a_label_studio_project(tmp_path: Path) -> None:
    out = tmp_path / "review"

    result = runner.invoke(
        app, ["export-annotations", str(PTC_MINI), "--model", "baseline", "--out", str(out)]
    )

    assert result.exit_code == 0, result.output
    (task,) = json.loads((out / "tasks.json").read_text(encoding="utf-8"))
    assert task["data"]["article_id"] == "832917778"
    labels = load_taxonomy("ptc").labels
    config = (out / "labeling_config.xml").read_text(encoding="utf-8")
    assert all(f'value="{label}"' in config for label in labels)


def test_export_annotations_needs_inputs_or_a_store_but_not_both(tmp_path: Path) -> None:
    for arguments in ([], [str(PTC_MINI), "--db", str(tmp_path / "store.db")]):
        result = runner.invoke(app, ["export-annotations", *arguments, "--out", str(tmp_path)])
        assert result.exit_code == 2
        assert "INPUTS" in result.output


def test_import_annotations_writes_the_ptc_folder_and_lists_the_tasks_left_out(
    tmp_path: Path,
) -> None:
    out = tmp_path / "ptc"

    result = runner.invoke(
        app,
        [
            "import-annotations",
            str(EXPORT),
            "--taxonomy",
            str(COARSE_FILE),
            "--out",
            str(out),
            "--split",
            "dev",
        ],
    )

    assert result.exit_code == 0, result.output
    assert "wrote 3 articles with 5 spans" in result.stderr
    assert f"{EXPORT}: task 43" in result.stderr
    folders = split_folders(out, "dev")
    assert len(read_spans(folders.tc, load_taxonomy(COARSE_FILE))) == 5


def test_import_annotations_refuses_labels_outside_the_taxonomy_with_exit_code_2(
    tmp_path: Path,
) -> None:
    result = runner.invoke(app, ["import-annotations", str(EXPORT), "--out", str(tmp_path)])

    assert result.exit_code == 2
    assert "labels outside the taxonomy 'ptc'" in result.stderr
    assert "'Emotion' (first in" in result.stderr
    assert not (tmp_path / "train-articles").exists()
