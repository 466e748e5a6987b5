"""A benchmark's measurement in a fresh interpreter: each starts cold, and its peak memory is its
own.  The code prints one JSON object as its last line, which is what comes back."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Sequence


def run_fresh(code: str, arguments: Sequence[str], threads: int | None) -> dict[str, float]:
    """Run `code` with `arguments` (its `sys.argv[1:]`); `threads` caps the encoder's threads."""
    environment = dict(os.environ)
    if threads is not None:
        environment |= {"PROPALENS_THREADS": str(threads), "OMP_NUM_THREADS": str(threads)}
    completed = subprocess.run(
        [sys.executable, "-c", code, *arguments],
        check=True,
        capture_output=True,
        text=True,
        env=environment,
    )
    result: dict[str, float] = json.loads(completed.stdout.strip().splitlines()[-1])
    return result
