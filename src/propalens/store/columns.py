"""What every SQL backend derives from an analysis and a query alike: the per-technique rows
that stats and the technique filter read, the words of a full-text query, and a WHERE clause
under construction.  Each backend writes its own SQL around them."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from propalens.schema import Analysis

_WORD = re.compile(r"\w+")


def technique_rows(analysis: Analysis) -> list[tuple[str, int, float]]:
    """(technique, spans, highest confidence) for each technique the analysis found."""
    counts = Counter(span.technique for span in analysis.spans)
    best: dict[str, float] = {}
    for span in analysis.spans:
        best[span.technique] = max(best.get(span.technique, 0.0), span.confidence)
    return [(name, count, best[name]) for name, count in counts.items()]


def query_words(text: str) -> list[str]:
    """The words of a user's full-text query; operators and quotes are not words, so each
    backend can quote these and never meet a syntax error."""
    return _WORD.findall(text)


@dataclass
class Where:
    clauses: list[str] = field(default_factory=list)
    params: list[Any] = field(default_factory=list)

    def add(self, clause: str, param: Any) -> None:
        self.clauses.append(clause)
        self.params.append(param)

    def sql(self) -> str:
        return f"WHERE {' AND '.join(self.clauses)}" if self.clauses else ""
