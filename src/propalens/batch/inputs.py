"""A batch's inputs as a stream of jobs, and a quick estimate of how many there are.

Files, folders and JSONL/CSV corpora are read in the batch process (reading is far cheaper than
analysing).  URLs are fetched by the workers: an `http(s)://` argument, or each line of a URL
list given with `--urls FILE` (one URL per line; blank lines and lines starting with `#` are
ignored).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator, Sequence
from pathlib import Path

from propalens.batch.work import Job
from propalens.errors import InputError
from propalens.ingest.options import IngestOptions
from propalens.ingest.readers import FOLDER_SUFFIXES, read_inputs

_URL = re.compile(r"https?://\S+", re.IGNORECASE)
_PTC_ARTICLE = re.compile(r"article\d+\.txt")
_CSV_FIELD_LIMIT_CAP = 2**31 - 1


def is_url(given: str) -> bool:
    return _URL.fullmatch(given) is not None


def iter_jobs(
    inputs: Sequence[str], url_lists: Sequence[Path], options: IngestOptions
) -> Iterator[Job | InputError]:
    """Every article the inputs hold, in order (the URL lists last); errors as values."""
    for given in inputs:
        if is_url(given):
            yield Job(source=given, url=given)
            continue
        for item in read_inputs([given], options):
            yield item if isinstance(item, InputError) else Job(item.source, document=item)
    for path in url_lists:
        yield from read_url_list(path)


def read_url_list(path: Path) -> Iterator[Job | InputError]:
    try:
        with path.open(encoding="utf-8") as lines:
            for number, line in enumerate(lines, start=1):
                url = line.strip()
                if not url or url.startswith("#"):
                    continue
                if is_url(url):
                    yield Job(source=url, url=url)
                else:
                    yield InputError(f"{path}:{number}", f"not an http(s) URL: {url[:200]!r}")
    except (OSError, UnicodeDecodeError) as error:
        yield InputError(str(path), f"cannot read the URL list ({error})")


def estimate_count(inputs: Sequence[str], url_lists: Sequence[Path]) -> int:
    """About how many articles (and errors) `iter_jobs` will yield, for the progress bar.

    Counts files, JSONL lines and CSV records without decoding articles; a bad input counts
    as one (it yields one error).
    """
    total = 0
    for given in inputs:
        path = Path(given)
        if is_url(given) or not path.exists():
            total += 1
        elif path.is_dir():
            total += _estimate_folder(path)
        else:
            total += _estimate_file(path)
    for url_list in url_lists:
        total += sum(1 for _ in read_url_list(url_list))
    return total


def _estimate_folder(folder: Path) -> int:
    try:
        children = [child for child in folder.iterdir() if child.is_file()]
    except OSError:
        return 1
    ptc = sum(1 for child in children if _PTC_ARTICLE.fullmatch(child.name))
    if ptc:
        return ptc
    counted = [_estimate_file(c) for c in children if c.suffix.lower() in FOLDER_SUFFIXES]
    return sum(counted) or 1


def _estimate_file(path: Path) -> int:
    suffix = path.suffix.lower()
    try:
        if suffix == ".jsonl":
            with path.open("rb") as lines:
                return sum(1 for line in lines if line.strip())
        if suffix == ".csv":
            # Only counting: any field size will do (read_csv applies the real limit).
            csv.field_size_limit(_CSV_FIELD_LIMIT_CAP)
            with path.open(encoding="utf-8", errors="replace", newline="") as handle:
                return max(sum(1 for _ in csv.reader(handle)) - 1, 0)
    except (OSError, csv.Error):
        return 1
    return 1
