"""End-to-end speed and memory of the default detector on the 75 PTC dev articles.

For 1 and 2 threads, a fresh interpreter imports propalens, loads the model, analyses the
first article (the cold start, timed from process start), then analyses all 75 articles
through `Analyzer.analyze` (cleaning, segmentation, detection, voices, scores) and reports
articles per second and its peak resident memory.  The ONNX encoder is built into the cache
before timing; a first-ever run also pays for that build once.

    .venv/bin/python benchmarks/bench_detector.py [--data ../shared/data/ptc] [--model NAME|DIR]
"""

from __future__ import annotations

import argparse
from pathlib import Path

from fresh_process import run_fresh

REPO = Path(__file__).resolve().parents[1]

WORKER = r"""
import json, resource, sys, time
began = time.perf_counter()
from pathlib import Path
from propalens.detect import load_detector
from propalens.pipeline import Analyzer
from propalens.ptc import read_articles
articles = read_articles(Path(sys.argv[1]))
model = sys.argv[2]
analyzer = Analyzer(load_detector(model or None))
analyzer.analyze(articles[0].text)
cold = time.perf_counter() - began
began = time.perf_counter()
for article in articles:
    analyzer.analyze(article.text)
elapsed = time.perf_counter() - began
print(json.dumps({
    "cold_start_s": cold,
    "articles": len(articles),
    "articles_per_s": len(articles) / elapsed,
    "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
}))
"""


def run_worker(articles: Path, model: str, threads: int) -> dict[str, float]:
    return run_fresh(WORKER, [str(articles), model], threads)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data" / "ptc")
    parser.add_argument(
        "--model",
        default="",
        help="a shipped model's name or a model folder (default: $PROPALENS_MODEL, else minilm)",
    )
    args = parser.parse_args()
    articles = args.data / "dev-articles"
    run_worker(articles, args.model, 2)  # builds the ONNX cache and warms the OS file cache
    print(f"{'threads':>7}  {'articles/s':>10}  {'cold start (s)':>14}  {'peak RSS (MB)':>13}")
    for threads in (1, 2):
        result = run_worker(articles, args.model, threads)
        print(
            f"{threads:>7}  {result['articles_per_s']:>10.2f}  {result['cold_start_s']:>14.2f}"
            f"  {result['peak_rss_mb']:>13.0f}"
        )


if __name__ == "__main__":
    main()
