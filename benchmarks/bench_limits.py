"""Cost of one long input: time and peak memory for 100 KB, 1 MB and 10 MB, against one article.

Each input is real PTC prose (the train articles, in order, repeated to the size), the same
prose as a reader tool writes it in Markdown (links, bold), or one of the hostile shapes an
attacker or an unlucky scrape gives: the same prose without spaces, one word per paragraph, or
one paragraph of many short quotes.  Each is analysed in a fresh interpreter
(read as `analyze FILE` reads it, analysed, rendered as JSON) after the model has loaded, and the
benchmark prints the time, the process's peak resident memory, and the time per byte against a
typical article's (the median PTC dev article, analysed in the same way): 1.0 means the input
costs what the same amount of ordinary articles costs.  Then it checks issue 14's acceptance:
time(1 MB) <= 12 x time(100 KB), and a 10 MB input within 1.5 GB of peak memory.

    .venv/bin/python benchmarks/bench_limits.py [--kinds prose markdown nospace paragraphs quotes]
        [--sizes 100000 1000000 9990000] [--data ../shared/data/ptc] [--threads N]

The 10 MB input takes about as long as 2,000 articles (several minutes on 2 cores).
"""

from __future__ import annotations

import argparse
import re
import statistics
import tempfile
from collections.abc import Callable
from pathlib import Path

from fresh_process import run_fresh

REPO = Path(__file__).resolve().parents[1]
GB = 1024**3
TIME_RATIO_LIMIT = 12.0  # time(1 MB) / time(100 KB)
PEAK_RSS_LIMIT = 1.5 * GB  # for the 10 MB input
TYPICAL_REPEATS = 10

WORKER = r"""
import json, resource, sys, time
from propalens.detect import load_detector
from propalens.ingest import IngestOptions, read_inputs
from propalens.pipeline import Analyzer
from propalens.render.json import render_json
path, repeats = sys.argv[1], int(sys.argv[2])
analyzer = Analyzer(load_detector())
analyzer.analyze("A warm-up. The minister said it was a disgrace.\n\nIt was.")
began = time.perf_counter()
for _ in range(repeats):
    (document,) = read_inputs([path], IngestOptions())
    analysis = analyzer.analyze(document)
    rendered = render_json([analysis])
elapsed = (time.perf_counter() - began) / repeats
print(json.dumps({
    "seconds": elapsed,
    "peak_rss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
    "sentences": len(analysis.sentences),
    "spans": len(analysis.spans),
    "quotes": len(analysis.quotes),
}))
"""


def _prose_articles(data: Path) -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted((data / "train-articles").glob("*.txt"))]


def _as_markdown(prose: str) -> str:
    """`prose` as a reader tool writes it: capitalised words linked, long lowercase words bold."""
    linked = re.sub(r"\b([A-Z]\w{5,})\b", r"[\1](https://example.org/\1)", prose)
    return re.sub(r"\b([a-z]{9,})\b", r"**\1**", linked)


def _fill(unit: str, size: int) -> str:
    """`unit` repeated to `size` UTF-8 bytes (cut at a character boundary)."""
    encoded = unit.encode("utf-8")
    whole = encoded * (size // len(encoded) + 1)
    return whole[:size].decode("utf-8", errors="ignore")


def make_input(kind: str, size: int, data: Path) -> str:
    prose = "\n".join(_prose_articles(data))
    shapes: dict[str, Callable[[], str]] = {
        "prose": lambda: _fill(prose + "\n", size),
        "markdown": lambda: _fill(_as_markdown(prose) + "\n", size),
        "nospace": lambda: _fill(prose.replace(" ", "") + "\n", size),
        "paragraphs": lambda: _fill("\n\n".join(prose.split()) + "\n\n", size),
        "quotes": lambda: _fill(
            '"This is outrageous," the senator said. She added: "We will never accept it." '
            "'Sure', he replied. ",
            size,
        ),
    }
    return shapes[kind]()


def typical_article(data: Path) -> Path:
    """The median-sized PTC dev article."""
    articles = sorted((data / "dev-articles").glob("*.txt"), key=lambda p: p.stat().st_size)
    return articles[len(articles) // 2]


def measure(path: Path, threads: int | None, repeats: int = 1) -> dict[str, float]:
    return run_fresh(WORKER, [str(path), str(repeats)], threads)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data" / "ptc")
    parser.add_argument(
        "--kinds",
        nargs="+",
        default=["prose"],
        choices=["prose", "markdown", "nospace", "paragraphs", "quotes"],
    )
    parser.add_argument("--sizes", nargs="+", type=int, default=[100_000, 1_000_000, 9_990_000])
    parser.add_argument("--threads", type=int, default=None, help="encoder threads per process")
    args = parser.parse_args()

    typical = typical_article(args.data)
    base = measure(typical, args.threads, TYPICAL_REPEATS)
    base_bytes = typical.stat().st_size
    print(
        f"typical article: {typical.name}, {base_bytes} bytes, {base['seconds']:.2f} s, "
        f"peak RSS {base['peak_rss'] / GB:.2f} GB"
    )
    print(
        f"{'input':>10} {'bytes':>10} {'time (s)':>9} {'peak RSS (GB)':>13} {'x article':>9} "
        f"{'per byte vs article':>19} {'sentences':>9} {'spans':>6} {'quotes':>6}"
    )
    times: dict[tuple[str, int], float] = {}
    peaks: dict[tuple[str, int], float] = {}
    with tempfile.TemporaryDirectory() as folder:
        for kind in args.kinds:
            for size in args.sizes:
                path = Path(folder) / f"{kind}-{size}.txt"
                path.write_text(make_input(kind, size, args.data), encoding="utf-8")
                result = measure(path, args.threads)
                times[kind, size], peaks[kind, size] = result["seconds"], result["peak_rss"]
                ratio = result["seconds"] / base["seconds"]
                print(
                    f"{kind:>10} {size:>10} {result['seconds']:>9.1f} "
                    f"{result['peak_rss'] / GB:>13.2f} {ratio:>9.0f} "
                    f"{ratio / (size / base_bytes):>19.2f} {result['sentences']:>9.0f} "
                    f"{result['spans']:>6.0f} {result['quotes']:>6.0f}",
                    flush=True,
                )
    print()
    for kind in args.kinds:
        if (kind, 100_000) in times and (kind, 1_000_000) in times:
            ratio = times[kind, 1_000_000] / times[kind, 100_000]
            verdict = "holds" if ratio <= TIME_RATIO_LIMIT else "FAILS"
            print(
                f"{kind}: time(1 MB) = {ratio:.1f} x time(100 KB) "
                f"(<= {TIME_RATIO_LIMIT:g}): {verdict}"
            )
        largest = max((size for k, size in peaks if k == kind), default=None)
        if largest is not None and largest >= 9_000_000:
            peak = peaks[kind, largest]
            verdict = "holds" if peak <= PEAK_RSS_LIMIT else "FAILS"
            print(
                f"{kind}: {largest} bytes within {peak / GB:.2f} GB peak RSS (<= 1.5 GB): {verdict}"
            )
    per_byte = [times[key] / key[1] for key in times]
    if per_byte:
        print(f"median time per MB: {statistics.median(per_byte) * 1e6:.0f} s")


if __name__ == "__main__":
    main()
