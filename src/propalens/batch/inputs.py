"""A batch's inputs as a stream of jobs, and a quick estimate of how many there are.

Files, folders and JSONL/CSV corpora are read in the batch process (reading is far cheaper than
analysing), through the ingest reader registry.  URLs are fetched by the workers: an http(s)
argument, or each line of a URL list given with `--urls FILE` (one URL per line; blank lines
and lines starting with `#` are ignored).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from propalens.batch.work import Job
from propalens.errors import ArticleError, InputError
from propalens.ingest.options import IngestOptions
from propalens.ingest.readers import estimated_count, is_url, read_inputs, with_warnings_shown


def iter_jobs(
    inputs: Sequence[str],
    url_lists: Sequence[Path],
    options: IngestOptions,
    *,
    warn: Callable[[str], None] = lambda warning: None,
) -> Iterator[Job | ArticleError]:
    """Every article the inputs hold, in order (the URL lists last); errors as values, and
    what reading changed in an article ("source: warning") to `warn`."""
    for given in inputs:
        if is_url(given):
            yield Job(source=given, url=given)
            continue
        for item in with_warnings_shown(read_inputs([given], options), warn):
            yield item if isinstance(item, ArticleError) else Job(item.source, document=item)
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
    """About how many articles (and errors) `iter_jobs` will yield, for the progress bar."""
    total = sum(estimated_count(given) for given in inputs)
    for url_list in url_lists:
        total += sum(1 for _ in read_url_list(url_list))
    return total
