"""`prepare`: an article cleaned and cut into the sentences the detectors read.

It sits between segmentation and detection so that the analyser, detector training and the
SemEval predictions all read an article the same way, and so that `detect` never needs the
pipeline that runs it.
"""

from __future__ import annotations

from dataclasses import dataclass

from propalens.clean import CleanedText, clean
from propalens.lang import ENGLISH, LanguagePack
from propalens.ranges import Range
from propalens.segment import split_sentences


@dataclass(frozen=True)
class PreparedText:
    """What the models read: the cleaned article's analysable sentences (title first)."""

    cleaned: CleanedText
    ranges: list[Range]
    sentences: list[Range]


def prepare(text: str, lang: LanguagePack = ENGLISH) -> PreparedText:
    """Clean and segment `text`; training and inference both go through here."""
    cleaned = clean(text, lang)
    ranges = [cleaned.title] if cleaned.title else []
    ranges.extend(cleaned.body)
    return PreparedText(cleaned, ranges, split_sentences(text, ranges, lang))
