"""Models are found by shipped name or folder, and their kind is what model.json says."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from propalens.cli import app
from propalens.detect import ModelError, load_detector, model_folder
from propalens.taxonomy import load_taxonomy


def copy_of(name: str, folder: Path) -> Path:
    shutil.copytree(model_folder(name), folder)
    return folder


def rewrite_manifest(folder: Path, **changes: object) -> None:
    manifest = json.loads((folder / "model.json").read_text())
    manifest.update(changes)
    (folder / "model.json").write_text(json.dumps(manifest))


def test_an_unknown_model_name_is_refused_naming_the_shipped_models() -> None:
    with pytest.raises(ModelError, match=r"no model 'roberta'.*baseline, minilm"):
        load_detector("roberta")


def test_a_model_folder_naming_an_unknown_kind_is_refused_naming_the_kinds(tmp_path: Path) -> None:
    folder = copy_of("baseline", tmp_path / "model")
    rewrite_manifest(folder, kind="mpnet")
    with pytest.raises(ModelError, match=r"no detector kind 'mpnet'.*baseline, minilm"):
        load_detector(folder)


def test_a_model_json_without_a_kind_is_refused(tmp_path: Path) -> None:
    folder = copy_of("baseline", tmp_path / "model")
    manifest = json.loads((folder / "model.json").read_text())
    del manifest["kind"]
    (folder / "model.json").write_text(json.dumps(manifest))
    with pytest.raises(ModelError, match="names no detector kind"):
        load_detector(folder)


def test_the_kind_is_read_from_model_json_not_guessed_from_the_files(tmp_path: Path) -> None:
    folder = copy_of("baseline", tmp_path / "model")
    (folder / "encoder-layers.safetensors").write_bytes(b"")  # what a minilm folder holds
    assert load_detector(folder).info.name == "baseline"


def test_the_environment_chooses_the_model_when_none_is_named(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("PROPALENS_MODEL", "baseline")
    assert load_detector().info.name == "baseline"


def test_a_model_folder_may_carry_its_own_taxonomy(tmp_path: Path) -> None:
    folder = copy_of("baseline", tmp_path / "model")
    ptc = load_taxonomy("ptc")
    entries = "".join(f'[[techniques]]\nname = "{label}"\n\n' for label in reversed(ptc.labels))
    (folder / "mine.toml").write_text(f'name = "mine"\n\n{entries}')
    rewrite_manifest(folder, taxonomy="mine.toml")
    detector = load_detector(folder)
    assert detector.taxonomy.name == "mine"
    assert detector.labels == tuple(reversed(ptc.labels))
    text = "These disgusting traitors must be stopped."
    assert detector.label(text, [(6, 25)], [(0, len(text))]) == load_detector("baseline").label(
        text, [(6, 25)], [(0, len(text))]
    ), "the same technique, whatever the taxonomy's order"


def test_a_taxonomy_without_a_label_the_model_knows_is_refused(tmp_path: Path) -> None:
    folder = copy_of("baseline", tmp_path / "model")
    (folder / "small.toml").write_text('name = "small"\n[[techniques]]\nname = "Doubt"\n')
    rewrite_manifest(folder, taxonomy="small.toml")
    with pytest.raises(ModelError, match="outside the taxonomy"):
        load_detector(folder)


def test_minilm_heads_of_another_size_than_the_taxonomy_are_refused(tmp_path: Path) -> None:
    folder = copy_of("minilm", tmp_path / "model")
    (folder / "small.toml").write_text('name = "small"\n[[techniques]]\nname = "Doubt"\n')
    rewrite_manifest(folder, taxonomy="small.toml")
    with pytest.raises(ModelError, match=r"taxonomy has 1 labels but heads\.npz has 14 columns"):
        load_detector(folder)


def test_train_refuses_an_unknown_model_naming_the_shipped_ones(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app, ["train", "--model", "roberta", "--data", str(tmp_path), "--out", str(tmp_path)]
    )
    assert result.exit_code == 2 and "baseline, minilm" in result.output


def test_train_refuses_an_unknown_taxonomy_naming_the_shipped_ones(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app,
        ["train", "--model", "baseline", "--taxonomy", "nope", "--data", str(tmp_path),
         "--out", str(tmp_path / "model")],
    )  # fmt: skip
    assert result.exit_code == 2 and "ptc" in result.output and "nope" in result.output


def test_the_fast_model_is_the_shipped_minilm_model_by_another_name() -> None:
    assert model_folder("fast") == model_folder("minilm")
