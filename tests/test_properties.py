"""Hypothesis properties: no crash, offsets always index the input."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

import sahelnews

from .conftest import assert_offsets

WORDS = st.sampled_from(
    [
        "Niger", "Nigeria", "Mali", "US", "troops", "soldats", "maliens", "attacked", "killed",
        "by", "jihadists", "last", "year", "le", "3", "mai", "2024", "mardi", "dernier", ",", ".",
        "Niamey", "Wagner", "Group", "coup", "withdrawal", "of", "from", "’s", "'s", "\n\n",
        "were", "ont", "été", "tués", "par", "U.S.", "Gen.", "é", "Ã©",
    ]
)  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=300), st.dates(min_value=dt.date(1, 1, 1)))
def test_arbitrary_text_never_crashes(text: str, published: dt.date) -> None:
    """Any Unicode text and any publication date give a well-formed extraction."""
    assert_offsets(sahelnews.extract(text, published=published))


@settings(max_examples=150, deadline=None)
@given(st.lists(WORDS, max_size=40).map(" ".join), st.sampled_from(["en", "fr", None]))
def test_news_like_text(text: str, language: str | None) -> None:
    """Word salad from the domain vocabulary gives well-formed extractions and JSON."""
    result = sahelnews.extract(text, published="2024-05-03", language=language)
    assert_offsets(result)
    assert result.to_dict()["mentions"] == [m.to_dict() for m in result.mentions]
