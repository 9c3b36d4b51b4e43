"""Score sahelnews' events against a PLOVER gold-standard file (sentence level).

Usage::

    python benchmarks/eval_plover.py path/to/plover-gsr-dev.jsonl [--errors N] [--language en]

Each line of the corpus is a JSON object with ``text``, optionally ``date``
(the publication date) and ``events``: a list of gold events with ``code`` (a
PLOVER category) and ``source_actors`` / ``target_actors`` (objects with a
``country`` ISO 3166-1 alpha-3 code, or ``IGO`` for an international
organisation). The PLOVER gold-standard records (openeventdata/PLOVER) have
this shape.

Scoring is per sentence, over sets:

* categories: the set of PLOVER categories of the events sahelnews finds in
  the sentence (any modality; an announced intention counts as its
  ``Event.intent``, AGREE or THREATEN, as PLOVER codes it; an event that is
  the complement of another — the act demanded, refused, promised — is left
  to the event governing it, ``explanation.governor``, and an event in a
  subordinate clause counts only when the sentence has no main-clause event)
  against the gold set. Recall is the share of
  gold (sentence, category) pairs found, precision the share of found pairs
  that are gold. "Sentences with their gold category found" is reported too.
* source and target countries: for each gold event whose category was found,
  the country codes of its source (target) actors against those of the
  predicted events of that category. An actor with no country (jihadists,
  the UN) counts as ``IGO`` when it is an international organisation and is
  left out otherwise.

Prints the overall figures, a per-category table and, with ``--errors N``,
the first N sentences where the categories differ.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import sahelnews
from sahelnews import Actor, ActorType, Country, Event, Unit


def _countries(actors: Any) -> set[str]:
    out: set[str] = set()
    for actor in actors:
        code = actor.get("country") if isinstance(actor, dict) else None
        if isinstance(code, str) and code:
            out.add(code)
    return out


def _predicted_countries(mentions: Any) -> set[str]:
    out: set[str] = set()
    for m in mentions:
        if isinstance(m, Country):
            out.add(m.iso3)
        elif isinstance(m, Actor | Unit):
            if m.country:
                out.add(m.country)
            elif m.type in {ActorType.INTL_ORG, ActorType.PEACEKEEPING}:
                out.add("IGO")
    return out


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return 100 * p, 100 * r, 100 * f


def main(argv: list[str] | None = None) -> int:
    """Run the evaluation and print its report; return the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--errors", type=int, default=0, help="print N mismatched sentences")
    parser.add_argument("--language", default="en", help="language of the corpus (en or fr)")
    args = parser.parse_args(argv)

    rows = [json.loads(line) for line in args.corpus.open(encoding="utf-8") if line.strip()]
    extractor = sahelnews.Extractor()
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    role_counts = {"source": Counter[str](), "target": Counter[str]()}
    found_sentences = 0
    errors: list[str] = []
    chars = 0
    started = time.perf_counter()
    for row in rows:
        text = row["text"]
        chars += len(text)
        result = extractor.extract(text, published=row.get("date"), language=args.language)
        gold_events = row.get("events", [])
        gold = {e["code"] for e in gold_events}
        predicted: dict[str, list[Event]] = {}
        # PLOVER codes a sentence's main events: not the act demanded or
        # refused (its governor is coded), and background in a subordinate
        # clause only when the sentence has nothing else.
        ungoverned = [e for e in result.events if e.explanation.governor is None]
        main = [e for e in ungoverned if not e.explanation.subordinate] or ungoverned
        for event in main:
            # An announced intention is coded as PLOVER codes the statement
            # (AGREE / THREATEN), the act itself being in event.type.
            category = (event.intent or event.type).value
            predicted.setdefault(category, []).append(event)
        for code in gold | set(predicted):
            if code in gold and code in predicted:
                tp[code] += 1
            elif code in predicted:
                fp[code] += 1
            else:
                fn[code] += 1
        if gold and gold <= set(predicted):
            found_sentences += 1
        for g in gold_events:
            events = predicted.get(g["code"])
            if not events:
                continue
            for role in ("source", "target"):
                want = _countries(g.get(f"{role}_actors", []))
                got: set[str] = set()
                for e in events:
                    got |= _predicted_countries(getattr(e, role))
                role_counts[role]["tp"] += len(want & got)
                role_counts[role]["fp"] += len(got - want)
                role_counts[role]["fn"] += len(want - got)
        if gold != set(predicted) and len(errors) < args.errors:
            shown = ", ".join(f"{e.type.value}/{e.rule}[{e.trigger.text}]" for e in result.events)
            errors.append(f"{row.get('id', '')}\n  {text}\n  gold={sorted(gold)} got: {shown}")
    elapsed = time.perf_counter() - started

    total_tp, total_fp, total_fn = sum(tp.values()), sum(fp.values()), sum(fn.values())
    p, r, f = _prf(total_tp, total_fp, total_fn)
    print(f"{len(rows)} sentences, {chars} chars, {chars / elapsed:,.0f} chars/s")
    print(
        f"gold category found in {found_sentences}/{len(rows)} sentences "
        f"({100 * found_sentences / max(len(rows), 1):.1f}%)"
    )
    print(f"categories: precision {p:.1f}  recall {r:.1f}  F1 {f:.1f}")
    for role in ("source", "target"):
        c = role_counts[role]
        rp, rr, rf = _prf(c["tp"], c["fp"], c["fn"])
        print(f"{role} countries (found events): precision {rp:.1f}  recall {rr:.1f}  F1 {rf:.1f}")
    print()
    print(f"{'category':<10} {'gold':>5} {'found':>6} {'P':>6} {'R':>6} {'F1':>6}")
    for code in sorted(set(tp) | set(fp) | set(fn)):
        cp, cr, cf = _prf(tp[code], fp[code], fn[code])
        print(
            f"{code:<10} {tp[code] + fn[code]:>5} {tp[code] + fp[code]:>6} "
            f"{cp:>6.1f} {cr:>6.1f} {cf:>6.1f}"
        )
    for line in errors:
        print()
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
