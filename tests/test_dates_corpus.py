"""The French date corpus and the negative list (tests/data/dates_fr.toml, dates_negative.toml).

Each French case is a short quote from real news with the exact expression,
its TIMEX3 type and its value against a publication date. Cases marked
``xfail`` are known gaps, kept in the corpus so that fixing one shows up as
an unexpected pass (the marks are strict).
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest

import sahelnews

DATA = Path(__file__).parent / "data"


def _load(name: str, key: str) -> list[dict[str, Any]]:
    with (DATA / name).open("rb") as handle:
        rows: list[dict[str, Any]] = tomllib.load(handle)[key]
    return rows


CASES = _load("dates_fr.toml", "case")
NEGATIVES = _load("dates_negative.toml", "negative")


def _params(rows: list[dict[str, Any]], label: str) -> list[Any]:
    out = []
    for index, row in enumerate(rows):
        marks = []
        if row.get("xfail"):
            marks.append(pytest.mark.xfail(reason=row["xfail"], strict=True))
        out.append(pytest.param(row, id=f"{index}:{row[label][:40]}", marks=marks))
    return out


def test_corpus_size() -> None:
    """The corpus keeps at least 150 passing French cases and 50 negatives."""
    passing = [c for c in CASES if not c.get("xfail")]
    assert len(passing) >= 150
    assert len(NEGATIVES) >= 50
    assert all(c["expression"] in c["sentence"] for c in CASES)


@pytest.mark.parametrize("case", _params(CASES, "expression"))
def test_french_expression(case: dict[str, Any]) -> None:
    """The expression is found with exact boundaries, its type and its value."""
    found = sahelnews.extract_dates(case["sentence"], published=case["published"], language="fr")
    start = case["sentence"].index(case["expression"])
    end = start + len(case["expression"])
    spans = {(m.start, m.end): m for m in found}
    assert (start, end) in spans, [(m.text, m.value) for m in found]
    mention = spans[(start, end)]
    assert (str(mention.timex_type), mention.value) == (case["type"], case["value"])


@pytest.mark.parametrize("negative", _params(NEGATIVES, "text"))
def test_negative(negative: dict[str, Any]) -> None:
    """Strings that hold no temporal expression yield no date."""
    found = sahelnews.extract_dates(negative["text"], published="2024-05-03")
    assert found == [], [(m.text, m.value) for m in found]
