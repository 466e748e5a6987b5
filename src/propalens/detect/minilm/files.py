"""Saving and loading the MiniLM detector, and its ONNX encoder.

A model folder holds only what differs from all-MiniLM-L6-v2: the fine-tuned top layers in fp16
(`encoder-layers.safetensors`), the heads (`heads.npz`), the TF-IDF classifier it mixes with
(`classifier.npz`) and `model.json` (its tuned settings and its taxonomy).  The ONNX encoder is
derived from those and the verified base weights, so it is built on first use into a cache
folder rather than shipped.
"""

from __future__ import annotations

import hashlib
import os
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from propalens.detect.base import Detector
from propalens.detect.manifest import MODEL_FILE, ModelError
from propalens.detect.minilm.model import (
    Heads,
    Mixture,
    TransformerConfig,
    TransformerModel,
    calibrate,
)
from propalens.detect.tfidf import TfidfClassifier
from propalens.schema import ModelInfo
from propalens.settings import Settings
from propalens.taxonomy import load_taxonomy

LAYERS_FILE = "encoder-layers.safetensors"
HEAD_NAMES = (
    "span_weight", "span_bias", "hidden_weight", "hidden_bias", "technique_weight",
    "technique_bias",
)  # fmt: skip


def save_transformer(
    out: Path, config: TransformerConfig, network: Any, heads: Heads, tfidf: TfidfClassifier
) -> None:
    from safetensors.torch import save_file

    out.mkdir(parents=True, exist_ok=True)
    trained = {
        name: tensor.detach().half().contiguous()
        for name, tensor in network.encoder.state_dict().items()
        if any(name.startswith(f"encoder.layer.{layer}.") for layer in config.trained_layers)
    }
    save_file(trained, str(out / LAYERS_FILE))
    np.savez_compressed(
        out / "heads.npz", **{name: getattr(heads, name).astype(np.float16) for name in HEAD_NAMES}
    )
    tfidf.save(out / "classifier.npz")
    config.save(out / MODEL_FILE)


def load_heads(directory: Path) -> Heads:
    with np.load(directory / "heads.npz") as arrays:
        return Heads(*(arrays[name].astype(np.float32) for name in HEAD_NAMES))


def fine_tuned_encoder(directory: Path, config: TransformerConfig) -> Any:
    """The base encoder with this model's fine-tuned layers loaded into it (torch)."""
    from safetensors.torch import load_file

    from propalens.detect.minilm.encoder import load_encoder

    encoder = load_encoder()
    trained = {name: tensor.float() for name, tensor in load_file(directory / LAYERS_FILE).items()}
    missing = set(trained) - set(encoder.state_dict())
    if missing:
        raise ValueError(f"{directory / LAYERS_FILE} has unknown tensors: {sorted(missing)[:3]}")
    encoder.load_state_dict(trained, strict=False)
    return encoder.eval()  # type: ignore[no-untyped-call]


def onnx_encoder_path(directory: Path, int8: bool = False) -> Path:
    """The cached ONNX encoder of the model in `directory`, built first if it is missing."""
    digest = hashlib.sha256((directory / LAYERS_FILE).read_bytes()).hexdigest()[:16]
    cache_dir = Settings().cache_dir
    path = cache_dir / f"minilm-{digest}.onnx"
    if not path.exists():
        build_onnx_encoder(directory, path)
    if not int8:
        return path
    quantized = cache_dir / f"minilm-{digest}-int8.onnx"
    if not quantized.exists():
        _quantize(path, quantized)
    return quantized


def _quantize(source: Path, path: Path) -> None:
    """Dynamic int8 quantisation of the encoder's matrix products (weights int8, fp32 out)."""
    import logging

    from onnxruntime.quantization import QuantType, quantize_dynamic

    partial = path.with_suffix(f".{os.getpid()}.partial")
    logging.getLogger().setLevel(logging.ERROR)  # it suggests a pre-processing pass we skip
    quantize_dynamic(str(source), str(partial), weight_type=QuantType.QInt8, per_channel=True)
    partial.replace(path)


def build_onnx_encoder(directory: Path, path: Path) -> None:
    import torch

    config = TransformerConfig.load(directory / MODEL_FILE)
    encoder = fine_tuned_encoder(directory, config)

    class LastHiddenState(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.encoder = encoder

        def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
            state: torch.Tensor = self.encoder(
                input_ids=input_ids, attention_mask=attention_mask
            ).last_hidden_state
            return state

    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(f".{os.getpid()}.partial")
    example = torch.ones((1, 16), dtype=torch.long)
    with warnings.catch_warnings():
        # The tracer warns about shape-dependent branches in the attention mask code; the
        # exported graph is checked against torch on padded batches in the tests.
        warnings.simplefilter("ignore")
        _export(LastHiddenState().eval(), example, partial)
    partial.replace(path)  # atomic: a concurrent reader never sees half a file


def _export(module: Any, example: Any, path: Path) -> None:
    import torch

    torch.onnx.export(
        module,
        (example, example),
        str(path),
        input_names=["input_ids", "attention_mask"],
        output_names=["last_hidden_state"],
        dynamic_axes={
            "input_ids": {0: "batch", 1: "length"},
            "attention_mask": {0: "batch", 1: "length"},
            "last_hidden_state": {0: "batch", 1: "length"},
        },
        opset_version=17,
        dynamo=False,
    )


class OnnxStateEncoder:
    """Runs the encoder with ONNX Runtime on the CPU."""

    def __init__(self, path: Path, threads: int | None = None) -> None:
        import onnxruntime

        options = onnxruntime.SessionOptions()
        if threads:
            options.intra_op_num_threads = threads
            options.inter_op_num_threads = 1
        # Idle encoder threads would otherwise spin between calls, taking the core that the
        # Python half of the pipeline (cleaning, voices, span classification) needs.
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        self.session = onnxruntime.InferenceSession(
            str(path), options, providers=["CPUExecutionProvider"]
        )

    def __call__(
        self, input_ids: NDArray[np.int64], attention_mask: NDArray[np.int64]
    ) -> NDArray[np.float32]:
        (states,) = self.session.run(
            ["last_hidden_state"], {"input_ids": input_ids, "attention_mask": attention_mask}
        )
        return np.asarray(states, dtype=np.float32)


def check_sizes(
    directory: Path, labels: Sequence[str], heads: Heads, mixture: Mixture | None
) -> None:
    """The heads (and the tuned mixture) must have one column per label of the taxonomy."""
    widths = {"heads.npz": heads.label_count}
    if mixture is not None:
        widths[f"the mixture in {MODEL_FILE}"] = len(mixture[0])
    wrong = {name: width for name, width in widths.items() if width != len(labels)}
    if wrong:
        raise ModelError(
            f"{directory}: the taxonomy has {len(labels)} labels but "
            + ", ".join(f"{name} has {width} columns" for name, width in wrong.items())
        )


def load_minilm(directory: Path, threads: int | None = None) -> Detector:
    """The MiniLM detector in `directory`; `threads` caps the encoder's CPU threads."""
    from propalens.detect.minilm.encoder import load_tokenizer

    config = TransformerConfig.load(directory / MODEL_FILE)
    taxonomy = load_taxonomy(config.taxonomy, base=directory)
    heads = load_heads(directory)
    check_sizes(directory, taxonomy.labels, heads, config.mixture)
    model = TransformerModel(
        config,
        taxonomy.labels,
        load_tokenizer(),
        OnnxStateEncoder(onnx_encoder_path(directory, config.int8), threads),
        heads,
        TfidfClassifier.load(directory / "classifier.npz"),
    )
    return Detector(
        model,
        model,
        ModelInfo(name=config.name, version=config.version),
        taxonomy,
        calibration=lambda raw: float(calibrate(np.asarray([raw]), config.calibration)[0]),
    )
