"""`prepare`: an article's markup found, the article cleaned and cut into the sentences the
detectors read.

It sits between segmentation and detection so that the analyser, detector training and the
SemEval predictions all read an article the same way, and so that `detect` never needs the
pipeline that runs it.  Markdown is found once, here: cleaning, sentence splitting, the detector
and the quote finder all read `PreparedText.visible`, the text with its syntax blanked and of the
same length, so that every offset they give is an offset into the text as given.
"""

from __future__ import annotations

from dataclasses import dataclass

from propalens.clean import CleanedText, clean
from propalens.clean.markup import MarkedText
from propalens.lang import ENGLISH, LanguagePack
from propalens.ranges import Range
from propalens.segment import split_sentences


@dataclass(frozen=True)
class PreparedText:
    """What the models read: the cleaned article's analysable sentences (title first)."""

    marked: MarkedText
    cleaned: CleanedText
    ranges: list[Range]
    sentences: list[Range]
    """Sentences of `visible`, none starting or ending inside markup."""

    @property
    def visible(self) -> str:
        """The text as a reader sees it: what every step reads."""
        return self.marked.visible


def prepare(text: str, lang: LanguagePack = ENGLISH) -> PreparedText:
    """Find the markup of `text`, clean it and segment it; training and inference both go
    through here."""
    marked = MarkedText.read(text)
    cleaned = clean(marked, lang)
    ranges = [cleaned.title] if cleaned.title else []
    ranges.extend(cleaned.body)
    sentences = (
        marked.snapped(*sentence) for sentence in split_sentences(marked.visible, ranges, lang)
    )
    return PreparedText(marked, cleaned, ranges, [s for s in sentences if s[0] < s[1]])
