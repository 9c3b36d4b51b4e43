"""The model: immutability, validation and JSON shapes."""

from __future__ import annotations

import attrs
import pytest

import sahelnews
from sahelnews import ActorType, Country, CountryVia, MentionKind, Span


class TestSpan:
    def test_frozen(self) -> None:
        """Model objects are immutable."""
        span = Span(start=0, end=5, text="Niger")
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            span.start = 1  # type: ignore[misc]

    def test_end_before_start(self) -> None:
        """A span cannot end before it starts."""
        with pytest.raises(ValueError, match="precedes"):
            Span(start=5, end=1, text="")

    def test_overlaps_and_contains(self) -> None:
        """overlaps() and contains() compare character ranges."""
        a = Span(start=0, end=10, text="x" * 10)
        b = Span(start=5, end=8, text="xxx")
        c = Span(start=10, end=12, text="xx")
        assert a.overlaps(b)
        assert a.contains(b)
        assert not a.overlaps(c)


class TestMentions:
    def test_country_dict(self) -> None:
        """A country mention serialises with its kind, rule and ISO3 code."""
        mention = Country(start=0, end=5, text="Niger", rule="NER", iso3="NER", name="Niger")
        assert mention.kind is MentionKind.COUNTRY
        assert mention.to_dict() == {
            "kind": "country",
            "start": 0,
            "end": 5,
            "text": "Niger",
            "rule": "NER",
            "iso3": "NER",
            "name": "Niger",
            "via": CountryVia.NAME.value,
            "refers_to": None,
        }

    def test_enums_are_strings(self) -> None:
        """Vocabulary members compare equal to their JSON strings."""
        assert ActorType.MILITARY == "military"
        assert sahelnews.PloverCategory.ASSAULT == "ASSAULT"

    def test_acled_interaction(self) -> None:
        """ACLED's interaction code puts the lower actor code first."""
        code = sahelnews.AcledCode(
            event_type="Battles", sub_event_type="Armed clash", inter1=2, inter2=1
        )
        assert code.interaction == 12
        alone = sahelnews.AcledCode(event_type="Battles", sub_event_type="Armed clash", inter1=2)
        assert alone.interaction == 20


def test_version_matches_the_package_metadata() -> None:
    """sahelnews.__version__ is the installed distribution's version."""
    from importlib.metadata import PackageNotFoundError, version  # noqa: PLC0415

    try:
        installed = version("sahelnews")
    except PackageNotFoundError:  # running from a source tree without installing
        return
    assert sahelnews.__version__ == installed
