"""Shared fixtures: the default ruleset, an extractor and the bundled seed article."""

from __future__ import annotations

from pathlib import Path

import pytest

import sahelnews

SEED = Path(__file__).resolve().parent.parent / "docs" / "examples" / "niger-airbase-101.txt"


@pytest.fixture(scope="session")
def extractor() -> sahelnews.Extractor:
    return sahelnews.Extractor()


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed(extractor: sahelnews.Extractor, seed_text: str) -> sahelnews.Extraction:
    return extractor.extract(seed_text, published="2024-05-03")


def assert_offsets(extraction: sahelnews.Extraction) -> None:
    """Every mention, sentence and event span indexes the exact input text."""
    text = extraction.text
    for m in extraction.mentions:
        assert text[m.start : m.end] == m.text, m
    for s in extraction.sentences:
        assert text[s.start : s.end] == s.text
    for e in extraction.events:
        assert text[e.trigger.start : e.trigger.end] == e.trigger.text
        for m in (*e.source, *e.target):
            assert text[m.start : m.end] == m.text
