"""The result types every front end consumes.

`Analysis` is the one immutable record that the CLI, the API, the web page, the store and the
batch runner read; none of them reaches into a model.  Its JSON field names are a public
contract that other tools depend on.  Every `start`/`end` is a Python `str` offset into
`Analysis.text`, end exclusive, and every nested `text` field equals `Analysis.text[start:end]`.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from propalens import display

Voice = Literal["author", "quoted"]
QuoteKind = Literal["direct", "indirect"]
RemovedKind = Literal[
    "tweet_embed",
    "link_remnant",
    "link_line",
    "markup",
    "read_more",
    "photo_caption",
    "disclaimer",
    "copyright",
    "footer",
    "header",
    "byline",
    "dateline",
]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class _Located(_Frozen):
    """A piece of the article located by character offsets into `Analysis.text`."""

    start: int = Field(ge=0, description="Offset of the first character in Analysis.text.")
    end: int = Field(ge=0, description="Offset just past the last character (exclusive).")
    text: str = Field(description="Analysis.text[start:end], copied for convenience.")

    @model_validator(mode="after")
    def _ordered(self) -> _Located:
        if self.end < self.start:
            raise ValueError(f"end ({self.end}) precedes start ({self.start})")
        return self


class Removed(_Located):
    """Text that is not article body (an embed, a caption, a disclaimer) and was not analysed."""

    kind: RemovedKind


class Sentence(_Located):
    score: float = Field(ge=0.0, le=1.0, description="Probability the sentence uses a technique.")


class Span(_Located):
    technique: str
    confidence: float = Field(ge=0.0, le=1.0, description="Calibrated probability.")
    voice: Voice | None = Field(
        default=None, description="'quoted' when the span lies inside a quotation, else 'author'."
    )
    speaker: str | None = None


class Quote(_Located):
    speaker: str | None = None
    kind: QuoteKind


class OutletProfile(_Frozen):
    """What independent raters say about an outlet; filled only where a rating is known."""

    name: str
    domain: str | None = None
    factuality: Literal["high", "mixed", "low"] | None = None
    bias: str | None = None
    tags: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()


class VoiceShares(_Frozen):
    """How the article's technique spans split between the outlet's voice and quoted voices."""

    author: float = Field(default=0.0, ge=0.0, le=1.0)
    quoted: float = Field(default=0.0, ge=0.0, le=1.0)


class ModelInfo(_Frozen):
    name: str
    version: str


class Analysis(_Frozen):
    text: str = Field(description="The original input; for HTML, the extracted text.")
    title: str | None = None
    outlet: str | None = None
    original_outlet: str | None = Field(
        default=None, description="Where a republished article first appeared."
    )
    byline: str | None = None
    published: dt.date | None = None
    original_published: dt.date | None = Field(
        default=None,
        description="When a republished article first appeared, where the page says so apart "
        "from its own date.",
    )
    url: str | None = None
    source: str | None = Field(
        default=None,
        description="The input it came from, as given: a path, a URL, '<stdin>', "
        "'corpus.jsonl:17' (a corpus record by its line).",
    )
    input_id: str | None = Field(
        default=None, description="The input's own id: a corpus record's --id-column value."
    )
    removed: tuple[Removed, ...] = ()
    sentences: tuple[Sentence, ...] = ()
    spans: tuple[Span, ...] = ()
    quotes: tuple[Quote, ...] = ()
    score: float = Field(ge=0.0, le=1.0, description="Article-level propaganda score.")
    outlet_profile: OutletProfile | None = None
    original_outlet_profile: OutletProfile | None = Field(
        default=None, description="The original outlet's profile, for a republication."
    )
    voice_shares: VoiceShares = Field(
        default_factory=VoiceShares,
        description="Shares of technique spans in the author's voice and in quoted voices.",
    )
    model: ModelInfo

    @model_validator(mode="after")
    def _offsets_point_into_text(self) -> Analysis:
        located: list[_Located] = [*self.removed, *self.sentences, *self.spans, *self.quotes]
        for item in located:
            if item.end > len(self.text) or self.text[item.start : item.end] != item.text:
                raise ValueError(
                    f"{type(item).__name__} [{item.start}, {item.end}) does not match the text"
                )
        return self

    def _repr_html_(self) -> str | None:
        """How Jupyter shows the analysis: the highlighted article, its legend and scores, in a
        frame that runs no script (`propalens.integrations.notebook`)."""
        return display.html(self) if display.html is not None else None
