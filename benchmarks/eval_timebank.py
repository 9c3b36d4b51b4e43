"""Score the date recogniser on a TIMEX3-annotated corpus (TempEval-3 measures).

Usage:
    python benchmarks/eval_timebank.py CORPUS.jsonl [--pred OUT.jsonl] [--errors N]

CORPUS.jsonl holds one document per line: {"doc", "dct", "text", "timexes":
[{"start", "end", "type", "value"}]}, character offsets into "text" (the shape of
TimeBank/AQUAINT as converted for TempEval-3). Each text is tagged with
:func:`sahelnews.extract_dates` in English with its document creation time as the
publication date, then scored the TempEval-3 way:

* strict P/R/F1: same start and end;
* relaxed P/R/F1: the spans share at least one character;
* value F1 = value accuracy over found gold timexes x relaxed F1 (the TE3 Task A
  ranking measure), and the same for types;
* a per-gold-type breakdown of recall and value accuracy.

``--pred`` writes the predictions in the same JSONL shape, so any external
scorer can check these figures; ``--errors N`` lists the first N false
positives (FP), misses (FN) and wrong values (VAL).
"""

from __future__ import annotations

import argparse
import json
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import sahelnews

Timex = dict[str, Any]


def _overlap(a: Timex, b: Timex) -> int:
    return max(0, min(a["end"], b["end"]) - max(a["start"], b["start"]))


def _prf(tp_p: int, n_sys: int, tp_r: int, n_gold: int) -> tuple[float, float, float]:
    p = tp_p / n_sys if n_sys else 0.0
    r = tp_r / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def tag(docs: list[dict[str, Any]], language: str) -> dict[str, list[Timex]]:
    """Run the date recogniser over every document."""
    extractor = sahelnews.Extractor(max_chars=None)
    out: dict[str, list[Timex]] = {}
    for doc in docs:
        mentions = extractor.dates(doc["text"], published=doc.get("dct"), language=language)
        out[doc["doc"]] = [
            {
                "start": m.start,
                "end": m.end,
                "text": m.text,
                "type": str(m.timex_type),
                "value": m.value or "",
                "rule": m.rule,
            }
            for m in mentions
        ]
    return out


def score(
    docs: list[dict[str, Any]], pred: dict[str, list[Timex]]
) -> tuple[dict[str, Any], list[tuple[str, ...]]]:
    """Compute strict, relaxed, value and type figures plus an error list."""
    c: Counter[str] = Counter()
    by_type: dict[str, Counter[str]] = defaultdict(Counter)
    errors: list[tuple[str, ...]] = []
    for doc in docs:
        gold, system, text = doc["timexes"], pred.get(doc["doc"], []), doc["text"]
        gold_spans = {(t["start"], t["end"]) for t in gold}
        sys_spans = {(s["start"], s["end"]) for s in system}
        c["gold"] += len(gold)
        c["sys"] += len(system)
        for s in system:
            c["strict_p"] += (s["start"], s["end"]) in gold_spans
            if any(_overlap(s, t) for t in gold):
                c["relaxed_p"] += 1
            else:
                errors.append(("FP", doc["doc"], s["text"], "", s["value"], s["rule"]))
        for t in gold:
            kind = by_type[t["type"]]
            kind["gold"] += 1
            exact = (t["start"], t["end"]) in sys_spans
            c["strict_r"] += exact
            kind["strict_r"] += exact
            candidates = [s for s in system if _overlap(s, t)]
            if not candidates:
                errors.append(("FN", doc["doc"], t["text"], t["value"], "", ""))
                continue
            best = max(candidates, key=lambda s: (_overlap(s, t), -s["start"]))
            c["relaxed_r"] += 1
            kind["relaxed_r"] += 1
            c["type_ok"] += best["type"] == t["type"]
            if best["value"] == t["value"]:
                c["value_ok"] += 1
                kind["value_ok"] += 1
            else:
                shown = f"{t['text']} ~ {text[best['start'] : best['end']]}"
                errors.append(("VAL", doc["doc"], shown, t["value"], best["value"], best["rule"]))
    strict = _prf(c["strict_p"], c["sys"], c["strict_r"], c["gold"])
    relaxed = _prf(c["relaxed_p"], c["sys"], c["relaxed_r"], c["gold"])
    found = c["relaxed_r"] or 1
    result = {
        "gold": c["gold"],
        "system": c["sys"],
        "strict": strict,
        "relaxed": relaxed,
        "value_f1": c["value_ok"] / found * relaxed[2],
        "type_f1": c["type_ok"] / found * relaxed[2],
        "by_type": {
            name: (k["gold"], k["strict_r"], k["relaxed_r"], k["value_ok"])
            for name, k in sorted(by_type.items())
        },
    }
    return result, errors


def _pc(x: float) -> str:
    return f"{100 * x:6.2f}"


def main() -> None:
    """Tag, score and print."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--language", default="en", choices=["en", "fr"])
    parser.add_argument("--pred", type=Path, help="write the predictions here (JSONL)")
    parser.add_argument("--errors", type=int, default=0, help="print the first N errors")
    args = parser.parse_args()
    with args.corpus.open(encoding="utf-8") as handle:
        docs = [json.loads(line) for line in handle if line.strip()]
    pred = tag(docs, args.language)
    if args.pred:
        with args.pred.open("w", encoding="utf-8") as handle:
            for doc in docs:
                row = {"doc": doc["doc"], "text": doc["text"], "timexes": pred[doc["doc"]]}
                handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    res, errors = score(docs, pred)
    print(f"documents {len(docs)}  gold {res['gold']}  system {res['system']}")
    print("              F1      P      R")
    for name in ("strict", "relaxed"):
        p, r, f = res[name]
        print(f"{name:<9} {_pc(f)} {_pc(p)} {_pc(r)}")
    print(f"value F1 {_pc(res['value_f1'])}   type F1 {_pc(res['type_f1'])}")
    print("gold type     n  strictR relaxR  valAcc")
    for name, (n, strict_r, relaxed_r, value_ok) in res["by_type"].items():
        print(
            f"{name:<9} {n:5d}  {_pc(strict_r / n)} {_pc(relaxed_r / n)}  "
            f"{_pc(value_ok / relaxed_r if relaxed_r else 0.0)}"
        )
    for error in errors[: args.errors]:
        print("\t".join(error))


if __name__ == "__main__":
    main()
