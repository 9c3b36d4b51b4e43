"""Throughput of the date recogniser alone, with dateparser's search_dates beside it.

Usage:
    python benchmarks/bench_dates.py CORPUS.jsonl [--limit N] [--repeat R]
        [--dateparser-limit N]

CORPUS.jsonl holds one document per line with a "text" field and optionally a
"dct"/"published"/"date" publication date and a "lang"/"language" code (the
TimeBank dev file has this shape); documents without a language are read as
``--language`` (default English), so language detection is not timed. The script times
:meth:`sahelnews.Extractor.dates` over every document on one core (best of R
runs, rules compiled beforehand) and prints characters per second, then
times ``dateparser.search.search_dates`` on the first N documents (it is
much slower, so the whole corpus would take minutes) with
the language pinned, and prints both figures side by side.
"""

from __future__ import annotations

import argparse
import datetime as dt
import time
import warnings
from pathlib import Path
from typing import Any

import sahelnews
from _corpus import load_corpus


def _time_sahelnews(docs: list[dict[str, Any]], repeat: int) -> tuple[float, int]:
    extractor = sahelnews.Extractor(max_chars=None)
    for language in ("en", "fr"):
        extractor.dates("warm-up", language=language)
    best, found = float("inf"), 0
    for _ in range(repeat):
        start = time.perf_counter()
        found = 0
        for doc in docs:
            found += len(
                extractor.dates(doc["text"], published=doc["published"], language=doc["language"])
            )
        best = min(best, time.perf_counter() - start)
    return best, found


def _time_dateparser(docs: list[dict[str, Any]]) -> tuple[float, int]:
    from dateparser.search import search_dates  # noqa: PLC0415 - optional, slow import

    search_dates("warm-up on 3 May 2024", languages=["en"])
    found = 0
    start = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for doc in docs:
            settings: dict[str, Any] = {}
            if doc["published"]:
                base = dt.datetime.fromisoformat(doc["published"])
                settings["RELATIVE_BASE"] = base
            hits = search_dates(doc["text"], languages=[doc["language"]], settings=settings)
            found += len(hits or [])
    return time.perf_counter() - start, found


def main() -> None:
    """Time both recognisers and print characters per second."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--dateparser-limit", type=int, default=20)
    parser.add_argument(
        "--language", default="en", choices=["en", "fr"], help="for documents without one"
    )
    args = parser.parse_args()
    docs = load_corpus(args.corpus, args.limit)
    for doc in docs:
        # Language detection is not part of the date recogniser: pin it.
        doc["language"] = doc["language"] or args.language
    if not docs:
        raise SystemExit(f"no documents with a 'text' field in {args.corpus}")
    chars = sum(len(d["text"]) for d in docs)
    seconds, found = _time_sahelnews(docs, args.repeat)
    print(f"corpus                {args.corpus} ({len(docs)} documents, {chars:,} characters)")
    print(f"sahelnews dates       {chars / seconds:>12,.0f} chars/s  ({found:,} expressions)")
    sample = docs[: args.dateparser_limit]
    if sample:
        sample_chars = sum(len(d["text"]) for d in sample)
        dp_seconds, dp_found = _time_dateparser(sample)
        print(
            f"dateparser search     {sample_chars / dp_seconds:>12,.0f} chars/s  "
            f"({dp_found:,} expressions in the first {len(sample)} documents)"
        )
        print(f"speed-up              {(chars / seconds) / (sample_chars / dp_seconds):>12,.0f}x")


if __name__ == "__main__":
    main()
