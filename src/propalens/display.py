"""Where the schema finds how an `Analysis` draws itself in Jupyter (`Analysis._repr_html_`).

The drawing needs the renderer and the model's taxonomy, which sit downstream of the schema and
import it, so the schema cannot import them (tests/test_imports.py).  The package's facade,
which Python imports before any module of the package, hands the drawing in here instead.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from propalens.schema import Analysis

html: Callable[[Analysis], str] | None = None
"""The analysis as self-contained HTML without script; set by `propalens/__init__.py`."""
