"""The loop a newsroom needs: the model proposes, people correct, the model retrains.

Analyses go out as pre-annotations for an annotation tool (`export_for_review`: Label Studio
in `label_studio`, brat in `brat`); what people corrected comes back (`read_corrections`),
checked against each article's text and the taxonomy (`articles.checked`), and is written as
a PTC folder (`write_ptc_folder`) that `propalens train` reads.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final, Literal, get_args

from propalens.annotations.articles import (
    AnnotationError,
    CorrectedArticle,
    ReviewArticle,
    checked,
    review_articles,
)
from propalens.annotations.brat import read_brat_collection, write_brat
from propalens.annotations.label_studio import read_label_studio_export, write_label_studio
from propalens.annotations.ptc_folder import write_ptc_folder
from propalens.taxonomy import Taxonomy

__all__ = [
    "REVIEW_FORMATS",
    "AnnotationError",
    "CorrectedArticle",
    "Corrections",
    "ReviewArticle",
    "ReviewFormat",
    "export_for_review",
    "read_corrections",
    "review_articles",
    "write_ptc_folder",
]

ReviewFormat = Literal["label-studio", "brat"]
REVIEW_FORMATS: Final[tuple[str, ...]] = get_args(ReviewFormat)


def export_for_review(
    articles: Sequence[ReviewArticle], taxonomy: Taxonomy, review_format: ReviewFormat, out: Path
) -> list[Path]:
    """Write `articles` for the annotation tool into the folder `out`, with the tool's
    configuration generated from `taxonomy`; the files written."""
    if review_format == "label-studio":
        return write_label_studio(articles, taxonomy, out)
    return write_brat(articles, taxonomy, out)


@dataclass(frozen=True)
class Corrections:
    """The corrected articles read back, and what was left out for having no annotation."""

    articles: list[CorrectedArticle]
    unannotated: list[str]


def read_corrections(path: Path, taxonomy: Taxonomy) -> Corrections:
    """Corrections from a Label Studio JSON export (a `.json` file) or a brat collection (a
    folder of `.ann` files), every span checked against its article and `taxonomy`."""
    if path.is_dir():
        return Corrections(checked(read_brat_collection(path, taxonomy), taxonomy, str(path)), [])
    if path.is_file() and path.suffix.lower() == ".json":
        export = read_label_studio_export(path)
        return Corrections(checked(export.markings, taxonomy, str(path)), export.unannotated)
    raise AnnotationError(
        str(path), "give a Label Studio JSON export (.json) or a brat collection folder"
    )
