"""Builder of the scraped-article benchmark (`benchmarks/bench_scraped.py`, whose docstring
says what it is and how it is scored): PTC articles wrapped in outlets' page furniture and
written out in the forms scraped articles arrive in."""

from scraped.build import ScrapedArticle, build_benchmark

__all__ = ["ScrapedArticle", "build_benchmark"]
