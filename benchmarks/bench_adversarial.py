"""Time the pipeline on pathological inputs, to show it stays linear.

Usage:
    python benchmarks/bench_adversarial.py [--scale N]

Each input is built by repeating a short piece N times (default 5000); a
pipeline that is quadratic anywhere takes minutes on some of them. Doubling
--scale should roughly double every time printed.
"""

from __future__ import annotations

import argparse
import time

import sahelnews

PIECES = {
    "one long sentence of actors and triggers": "Malian soldiers attacked jihadists, ",
    "French, one sentence": "les soldats maliens ont attaqué les djihadistes et ",
    "counts before one keyword": "at least 20 20 20 soldiers were ",
    "coordinated countries": "Mali, Niger and ",
    "headline capitals": "NIGER MALI ",
    "no spaces": "aaaaaaaaaaaaaaaaaaaa",
    "blank lines": "\n\n",
    "apostrophes": "l'",
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=int, default=5000)
    args = parser.parse_args()
    extractor = sahelnews.Extractor(max_chars=None)
    for language in ("en", "fr"):
        extractor.extract("warm up", language=language)
    for name, piece in PIECES.items():
        text = piece * args.scale + "killed."
        start = time.perf_counter()
        result = extractor.extract(text, published="2024-05-03")
        seconds = time.perf_counter() - start
        print(
            f"{name:42s} {len(text):>10,} chars {seconds:7.2f} s "
            f"{len(result.mentions):>7,} mentions {len(result.events):>6,} events"
        )


if __name__ == "__main__":
    main()
