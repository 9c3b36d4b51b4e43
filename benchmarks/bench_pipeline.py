"""Throughput of the full sahelnews pipeline on one core.

Usage:
    python benchmarks/bench_pipeline.py CORPUS.jsonl [--limit N] [--repeat R]

CORPUS.jsonl holds one JSON object per line with a "text" field and, optionally,
"lang"/"language" and "date"/"dct"/"published" fields (the shared dev corpora
have this shape). Prints characters per second and articles per second for the
full pipeline (rules compiled beforehand, so compilation is reported apart).
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import sahelnews
from _corpus import load_corpus


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    docs = load_corpus(args.corpus, args.limit)
    if not docs:
        raise SystemExit(f"no documents with a 'text' field in {args.corpus}")
    chars = sum(len(d["text"] or "") for d in docs)

    t0 = time.perf_counter()
    rules = sahelnews.Ruleset.default()
    for language in ("en", "fr"):
        rules.compiled(language)
    compile_s = time.perf_counter() - t0
    extractor = sahelnews.Extractor(rules, max_chars=None)

    best = float("inf")
    mentions = events = 0
    for _ in range(args.repeat):
        start = time.perf_counter()
        mentions = events = 0
        for doc in docs:
            result = extractor.extract(
                doc["text"] or "", published=doc["published"], language=doc["language"]
            )
            mentions += len(result.mentions)
            events += len(result.events)
        best = min(best, time.perf_counter() - start)

    print(f"corpus            {args.corpus} ({len(docs)} documents, {chars:,} characters)")
    print(f"rule loading+compile {compile_s:.2f} s (once per process)")
    print(f"best of {args.repeat} runs     {best:.2f} s")
    print(f"characters/s      {chars / best:,.0f}")
    print(f"articles/s        {len(docs) / best:,.1f}")
    print(f"mentions, events  {mentions:,}, {events:,}")


if __name__ == "__main__":
    main()
