"""Throughput benchmark: bare spaCy vs Dateline's full analysis on the real news corpus.

    python benchmarks/throughput.py --n 500        (or: make bench BENCH_N=500)

Streams the first N readable articles of ../shared/corpus/news-articles/NewsArticles.zip through
(a) the bare model's nlp.pipe and (b) Dateline's full analysis, in one process, one after the
other, and prints JSON: articles, bare_articles_per_s, dateline_articles_per_s, ratio (b/a) and
peak_rss_mb (the process's peak resident memory). Results go to benchmarks/RESULTS.md.
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import sys
import time
from itertools import islice
from pathlib import Path

from dateline.ingest import read_paths
from dateline.nlp.analysis import analyze_articles
from dateline.nlp.pipeline import load_model, make_pipeline
from dateline.records import Article
from dateline.settings import Settings

CORPUS = (
    Path(__file__).resolve().parents[2] / "shared" / "corpus" / "news-articles" / "NewsArticles.zip"
)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=500, help="articles to stream")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    args = parser.parse_args()
    if not args.corpus.exists():
        print(f"skipped: {args.corpus} is absent", file=sys.stderr)
        return 0
    # The ratio compares like with like: one process each.
    settings = Settings.from_env().with_(n_process=1)
    articles = [r for r in islice(read_paths([args.corpus]), args.n * 2) if isinstance(r, Article)]
    articles = articles[: args.n]
    bare = load_model(settings.model)
    full = make_pipeline(settings)  # both pipelines are built and warmed before the clocks start
    for nlp in (bare, full):
        for _ in nlp.pipe(a.text for a in articles[:16]):
            pass

    # Interleaved batch by batch, so that load from elsewhere on the machine and the warming of
    # caches fall on both arms alike.
    bare_seconds = dateline_seconds = 0.0
    analysed = 0
    for start in range(0, len(articles), settings.batch_size):
        batch = articles[start : start + settings.batch_size]
        started = time.perf_counter()
        for _ in bare.pipe(a.text for a in batch):
            pass
        bare_seconds += time.perf_counter() - started
        started = time.perf_counter()
        analysed += sum(1 for _ in analyze_articles(batch, settings))
        dateline_seconds += time.perf_counter() - started

    result = {
        "articles": len(articles),
        "analysed": analysed,
        "bare_articles_per_s": round(len(articles) / bare_seconds, 1),
        "dateline_articles_per_s": round(len(articles) / dateline_seconds, 1),
        "ratio": round(bare_seconds / dateline_seconds, 3),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "machine": f"{platform.machine()}, {platform.python_version()}",
    }
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
