"""Corrected articles as a PTC folder, the layout `propalens train` reads.

Each article is written as `<split>-articles/article<ID>.txt` with its technique spans in
`<split>-labels-task-flc-tc/` and its SI spans in `<split>-labels-task-si/`.  The SI spans are
the technique spans merged where they overlap or touch, as PTC's own SI files mark propaganda
without naming it.  An article already in the folder under the same id is replaced: the
correction is the newer word on it.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from propalens.annotations.articles import CorrectedArticle
from propalens.ptc import (
    LabeledSpan,
    SplitFolders,
    split_folders,
    write_article,
    write_si,
    write_tc,
)
from propalens.ranges import merged


def write_ptc_folder(
    corrected: Sequence[CorrectedArticle], root: Path, split: str = "train"
) -> SplitFolders:
    """Write `corrected` into the `split` of the PTC folder `root`; the split's folders."""
    folders = split_folders(root, split)
    for folder in (folders.articles, folders.si, folders.tc):
        folder.mkdir(parents=True, exist_ok=True)
    for correction in corrected:
        article_id = correction.article.id
        write_article(folders.article(article_id), correction.article)
        write_tc(folders.tc_labels(article_id), correction.spans)
        union = merged((span.start, span.end) for span in correction.spans)
        write_si(
            folders.si_labels(article_id),
            [LabeledSpan(article_id, start, end) for start, end in union],
        )
    return folders
