"""JSON views: one object per analysis, an array for several, or JSON Lines; and their schema."""

from __future__ import annotations

import json
from collections.abc import Sequence

from propalens.schema import Analysis


def render_json(analyses: Sequence[Analysis]) -> str:
    """One object for one analysis, an array for several (what `analyze --format json` prints)."""
    if len(analyses) == 1:
        return analyses[0].model_dump_json(indent=2)
    return json.dumps([analysis.model_dump(mode="json") for analysis in analyses], indent=2)


def render_jsonl(analyses: Sequence[Analysis]) -> str:
    return "".join(analysis.model_dump_json() + "\n" for analysis in analyses)


def render_json_schema() -> str:
    """The JSON Schema of `Analysis` (what `propalens schema` prints)."""
    return json.dumps(Analysis.model_json_schema(), indent=2) + "\n"
