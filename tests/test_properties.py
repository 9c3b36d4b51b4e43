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
        "the", "group", "junta", "la", "junte", "pays", "région", "de", "du", "Sahel", "Gao",
        "km", "50", "au", "nord", "à", "près", "Paris", "a", "said", "Congo", "RDC", "JNIM",
        "une", "centaine", "Mané", "Niger", "State", "Coupe", "d'Afrique", "Tillabéri", "Est",
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


DATE_WORDS = st.sampled_from(
    [
        "last", "next", "this", "week", "year", "month", "ago", "two", "12", "May", "March",
        "Tuesday", "morning", "quarter", "third", "1990s", "2024", "31", "fiscal", "earlier",
        "a", "year-earlier", "il", "y", "a", "semaine", "dernière", "mardi", "prochain", "fin",
        "juillet", "l'an", "dernier", "ce", "week-end", "nuit", "de", "samedi", "à", "10h30",
        "9", "a.m.", "the", "following", "day", "XXe", "siècle", "années", "80", ",", ".",
        "Easter", "Thanksgiving", "la", "Tabaski", "Korité", "Christmas", "Pâques",
    ]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(DATE_WORDS, max_size=30).map(" ".join), st.dates(), st.sampled_from(["en", "fr"]))
def test_date_words_at_any_publication_date(text: str, published: dt.date, language: str) -> None:
    """Dense temporal vocabulary at any publication date (year 1 to 9999) never crashes."""
    for mention in sahelnews.extract_dates(text, published=published, language=language):
        assert text[mention.start : mention.end] == mention.text
        if mention.first_day is not None and mention.last_day is not None:
            assert mention.first_day <= mention.last_day


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400), st.one_of(st.none(), st.dates()))
def test_date_recogniser_on_arbitrary_text(text: str, published: dt.date | None) -> None:
    """Any string and any (or no) publication date give well-formed dates or none."""
    for mention in sahelnews.extract_dates(text, published=published):
        assert 0 <= mention.start < mention.end <= len(text)
        assert text[mention.start : mention.end] == mention.text


@settings(max_examples=150, deadline=None)
@given(st.lists(WORDS, max_size=40).map(" ".join), st.sampled_from(["en", "fr"]))
def test_geography_on_word_salad(text: str, language: str) -> None:
    """Places, metonyms, relative locations and anaphors always point into the text."""
    result = sahelnews.extract(text, language=language)
    for rel in result.relative_locations:
        assert text[rel.start : rel.end] == rel.text
        assert rel.start <= rel.anchor.start < rel.anchor.end <= rel.end
    for mention in result.mentions:
        target = getattr(mention, "refers_to", None)
        if target is not None:
            assert target.end <= mention.start
    assert sahelnews.extract_places(text, language=language) is not None
