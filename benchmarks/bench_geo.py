"""Throughput of country and place recognition, and the cost of loading the geography rules.

Usage:
    python benchmarks/bench_geo.py CORPUS.jsonl [--limit N] [--repeat R] [--language fr]

CORPUS.jsonl holds one document per line with a "text" field (the BBC Afrique
dev file has this shape). The script first measures, in a fresh process,
how long importing sahelnews, loading the default ruleset (countries,
places, the gazetteer and its supplement) and building the country and
place matchers take; then it times :meth:`sahelnews.Extractor.places`
(recognition, overlap resolution, place disambiguation, metonymy) over
every document on one core, best of R runs, with the language pinned so
detection is not timed, and prints characters per second.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

import sahelnews
from _corpus import load_corpus

_LOAD = """
import json, time
t0 = time.perf_counter()
import sahelnews
t1 = time.perf_counter()
rules = sahelnews.Ruleset.default()
t2 = time.perf_counter()
compiled = rules.compiled("fr")
compiled.countries, compiled.places
t3 = time.perf_counter()
print(json.dumps({"import": t1 - t0, "load": t2 - t1, "compile": t3 - t2,
                  "places": len(rules.rules("places")),
                  "countries": len(rules.rules("countries"))}))
"""


def _load_times() -> dict[str, float]:
    # A fresh interpreter, so that nothing is cached; the code is ours.
    out = subprocess.run(  # noqa: S603
        [sys.executable, "-c", _LOAD], check=True, capture_output=True, text=True
    ).stdout
    result: dict[str, float] = json.loads(out)
    return result


def main() -> None:
    """Print the load cost and the chars/s of country+place recognition."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--language", default="fr")
    args = parser.parse_args()

    load = min((_load_times() for _ in range(3)), key=lambda r: r["load"] + r["compile"])
    print(
        f"import {load['import']:.3f} s, ruleset load {load['load']:.3f} s "
        f"({int(load['places'])} place rules, {int(load['countries'])} country rules), "
        f"country+place matchers {load['compile']:.3f} s; "
        f"load+compile {load['load'] + load['compile']:.3f} s"
    )

    docs = load_corpus(args.corpus, args.limit)
    texts = [d["text"] for d in docs]
    chars = sum(len(t) for t in texts)
    extractor = sahelnews.Extractor(max_chars=None)
    extractor.places("warm-up", language=args.language)
    best, found = float("inf"), 0
    for _ in range(args.repeat):
        start = time.perf_counter()
        found = sum(len(extractor.places(t, language=args.language)) for t in texts)
        best = min(best, time.perf_counter() - start)
    print(
        f"{len(texts)} documents, {chars:,} characters, {found:,} country and place mentions: "
        f"{chars / best:,.0f} chars/s (best of {args.repeat})"
    )


if __name__ == "__main__":
    main()
