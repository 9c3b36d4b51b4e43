"""Real news sentences with the events an analyst codes from them (tests/data/event_sentences.toml).

Each sentence lists its expected events: PLOVER category, optionally mode,
trigger, source and target actors (verbatim substrings), modality, killed and
wounded counts and location. An expected event passes when one event found
in the sentence has that category and agrees on every field given; roles and
places agree when the found mention overlaps the expected text. A sentence
also fails when an event of a category it does not list is found (precision),
and a sentence listing no event must yield none.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest

import sahelnews
from sahelnews import Event, Span

from .conftest import assert_offsets

_PATH = Path(__file__).parent / "data" / "event_sentences.toml"
SENTENCES: list[dict[str, Any]] = tomllib.loads(_PATH.read_text(encoding="utf-8"))["sentence"]
_EXTRACTOR = sahelnews.Extractor()


def _located(text: str, needle: str) -> tuple[int, int]:
    start = text.find(needle)
    assert start >= 0, f"{needle!r} is not in the sentence"
    return start, start + len(needle)


def _overlaps(span: Span, where: tuple[int, int]) -> bool:
    return span.start < where[1] and where[0] < span.end


def _problems(expected: dict[str, Any], event: Event, text: str) -> list[str]:
    """What *event* gets wrong about *expected* (empty when it matches)."""
    out = []
    if expected.get("mode") and event.mode != expected["mode"]:
        out.append(f"mode {event.mode} != {expected['mode']}")
    if "trigger" in expected:
        where = _located(text, expected["trigger"])
        if not any(_overlaps(m.trigger, where) for m in event.mentions):
            out.append(f"trigger {[m.trigger.text for m in event.mentions]}")
    for role in ("source", "target"):
        found = getattr(event, role)
        for name in expected.get(role, []):
            where = _located(text, name)
            if not any(_overlaps(m, where) for m in found):
                out.append(f"{role} {[m.text for m in found]} lacks {name!r}")
    modality = expected.get("modality", "asserted")
    if event.modality.value != modality:
        out.append(f"modality {event.modality.value} != {modality}")
    for label in ("killed", "wounded"):
        if label in expected:
            got = getattr(event.fatalities, label, None) if event.fatalities else None
            if got != expected[label]:
                out.append(f"{label} {got} != {expected[label]}")
    if "location" in expected:
        where = _located(text, expected["location"])
        place = event.relative_location or event.location
        if place is None or not _overlaps(place, where):
            out.append(f"location {getattr(event.location, 'text', None)}")
    return out


def _params() -> list[Any]:
    params = []
    for case in SENTENCES:
        marks = []
        if case.get("known_gap"):
            marks.append(pytest.mark.xfail(reason=case["known_gap"], strict=True))
        params.append(pytest.param(case, id=case["id"], marks=marks))
    return params


def test_corpus_size() -> None:
    """At least 120 real sentences in English and French pass in full.

    Sentences marked ``known_gap`` are strict expected failures: they track
    what the library still gets wrong and do not count here.
    """
    languages = {case["language"] for case in SENTENCES}
    assert languages == {"en", "fr"}
    assert all(case.get("source") for case in SENTENCES)
    passing = [case for case in SENTENCES if not case.get("known_gap")]
    assert len(passing) >= 120
    assert {case["language"] for case in passing} == {"en", "fr"}
    expected = [event for case in passing for event in case.get("event", [])]
    # Roles, modality and fatalities are all exercised, not only categories.
    assert sum(bool(e.get("source") or e.get("target")) for e in expected) >= 100
    assert sum(e.get("modality", "asserted") != "asserted" for e in expected) >= 10
    assert sum("killed" in e or "wounded" in e for e in expected) >= 10


@pytest.mark.parametrize("case", _params())
def test_sentence(case: dict[str, Any]) -> None:
    """The events of a real sentence are the ones an analyst codes."""
    text = case["text"]
    result = _EXTRACTOR.extract(text, published=case.get("published"), language=case["language"])
    assert_offsets(result)
    expected = case.get("event", [])
    failures = []
    for want in expected:
        candidates = [e for e in result.events if e.type.value == want["type"]]
        if not candidates:
            failures.append(f"no {want['type']} event")
            continue
        problems = [_problems(want, e, text) for e in candidates]
        if all(problems):
            failures.append(f"{want['type']}: " + "; ".join(min(problems, key=len)))
    wanted = {want["type"] for want in expected}
    # The act demanded, refused or promised is reported with its modality and
    # its governor; a coder may leave it to the governing event.
    extra = sorted({e.type.value for e in result.events if e.explanation.governor is None} - wanted)
    if extra:
        failures.append(f"unexpected {extra}")
    found = [
        (e.type.value, e.trigger.text, [m.text for m in e.source], [m.text for m in e.target])
        for e in result.events
    ]
    assert not failures, f"{failures}; found {found}"
