"""Rule files: loading, validation errors, extension and round trips."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest

import sahelnews
from sahelnews import Rule, RuleError, Ruleset
from sahelnews._compile import compiled_pattern, literal_prefixes


def _write(tmp_path: Path, body: str, name: str = "rules.toml") -> Path:
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    return path


MILITIA = """
[[actors]]
id = "BFA.my-militia"
label = "militia"
name = "Test Self-Defence Group"
country = "BFA"
aliases = ["Koglweogo de Zorgho"]
examples = ["Les Koglweogo de Zorgho ont attaqué le village."]

[[places]]
id = "BFA.my-village"
label = "village"
name = "Tanwalbougou-Test"
country = "BFA"
lat = 12.1
lon = 0.3
aliases = ["Tanwalbougou-Test"]
"""


class TestLoading:
    def test_default_has_every_family(self) -> None:
        """The built-in ruleset holds rules of every family."""
        rules = Ruleset.default()
        for family in ("countries", "places", "actors", "units", "dates", "events", "cues"):
            assert rules.rules(family), family

    def test_default_is_shared(self) -> None:
        """Ruleset.default() is loaded once and shared (it is immutable)."""
        assert Ruleset.default() is Ruleset.default()

    def test_from_files_mixed_families(self, tmp_path: Path) -> None:
        """One file may hold several families."""
        rules = Ruleset.from_files([_write(tmp_path, MILITIA)])
        assert [r.id for r in rules.rules("actors")] == ["BFA.my-militia"]
        assert [r.id for r in rules.rules("places")] == ["BFA.my-village"]
        assert rules.get("places", "BFA.my-village").lat == 12.1

    def test_to_dicts_round_trip(self, tmp_path: Path) -> None:
        """Rules dumped with to_dicts() load back as equal rules."""
        rules = Ruleset.from_files([_write(tmp_path, MILITIA)])
        again = Ruleset(sahelnews._rules.rules_from_data(rules.to_dicts(), origin=None))
        strip = lambda r: r.to_dict()  # noqa: E731
        assert [strip(r) for r in again] == [strip(r) for r in rules]

    def test_default_round_trips(self) -> None:
        """Every built-in rule survives to_dict() and back."""
        data = Ruleset.default().to_dicts()
        again = sahelnews._rules.rules_from_data(data)

        def by_id(rules: Iterable[Rule]) -> dict[tuple[str, str], dict[str, Any]]:
            return {(r.family, r.id): r.to_dict() for r in rules}

        assert by_id(again) == by_id(Ruleset.default())

    def test_import_does_not_compile(self) -> None:
        """Importing sahelnews loads no rule file and compiles no regular expression."""
        code = """
import re, sys, regex
calls = []
def counting(compile):
    def wrapper(*args, **kwargs):
        if "sahelnews" in sys._getframe(1).f_code.co_filename:
            calls.append(args[0])
        return compile(*args, **kwargs)
    return wrapper
regex.compile, re.compile = counting(regex.compile), counting(re.compile)
import sahelnews
assert "dateparser" not in sys.modules
assert sahelnews._rules._default_ruleset.cache_info().currsize == 0
assert calls == [], calls[:3]
sahelnews.extract_places("Gao", language="fr")
assert calls, "the counter works"
"""
        subprocess.run([sys.executable, "-c", code], check=True)

    def test_compiled_once_per_language(self) -> None:
        """Matchers are compiled lazily, once per ruleset and language."""
        rules = Ruleset.default().extend()
        assert rules.compiled("en") is rules.compiled("en")
        assert rules.compiled("en") is not rules.compiled("fr")


class TestPickle:
    def test_ruleset_and_extractor_pickle(self) -> None:
        """Rulesets and extractors pickle (for multiprocessing), without their compiled cache."""
        import pickle  # noqa: PLC0415

        rules = Ruleset.default().extend()
        rules.compiled("en")
        again = pickle.loads(pickle.dumps(rules))  # noqa: S301 - our own data
        assert [r.to_dict() for r in again] == [r.to_dict() for r in rules]
        extractor = pickle.loads(pickle.dumps(sahelnews.Extractor(rules)))  # noqa: S301
        assert extractor.extract("Le Mali.").country_codes() == {"MLI"}


class TestExtend:
    def test_extend_returns_new_ruleset(self, tmp_path: Path) -> None:
        """extend() leaves the original ruleset unchanged."""
        base = Ruleset.default()
        size = len(base)
        bigger = base.extend(_write(tmp_path, MILITIA))
        assert len(bigger) == size + 2
        assert len(base) == size
        assert base.get("actors", "BFA.my-militia") is None

    def test_user_rule_replaces_builtin(self) -> None:
        """A user rule with a built-in id replaces it."""
        base = Ruleset.default()
        original = base.get("dates", "date.fr.past-ref")
        assert original is not None
        mine = Rule(
            family="dates",
            id="date.fr.past-ref",
            label="DATE",
            normalize="literal",
            value="PAST_REF",
            languages=["fr"],
            aliases=["jadis"],
        )
        rules = base.extend(mine)
        assert rules.get("dates", "date.fr.past-ref") is mine
        assert len(rules) == len(base)
        result = sahelnews.extract(
            "Jadis, et récemment encore.", published="2024-05-03", language="fr", rules=rules
        )
        assert [d.text for d in result.dates] == ["Jadis"]

    def test_extended_militia_and_village_are_found(self, tmp_path: Path) -> None:
        """The documented worked example: a new militia and a new village are recognised."""
        rules = Ruleset.default().extend(_write(tmp_path, MILITIA))
        text = "Les Koglweogo de Zorgho ont attaqué Tanwalbougou-Test mardi."
        result = sahelnews.extract(text, published="2024-05-03", rules=rules)
        assert [a.id for a in result.actors] == ["BFA.my-militia"]
        assert [p.id for p in result.places] == ["BFA.my-village"]
        assert [e.type.value for e in result.events] == ["ASSAULT"]

    def test_extend_rejects_other_types(self) -> None:
        """extend() says clearly what it cannot use."""
        with pytest.raises(TypeError):
            Ruleset.default().extend(42)  # type: ignore[arg-type]


BAD = [
    (
        "bad regex",
        '[[dates]]\nid = "x"\nlabel = "DATE"\nnormalize = "year"\npatterns = ["(?P<year>\\\\d+"]\n',
        "bad regex",
    ),
    (
        "empty match",
        '[[units]]\nid = "x"\nlabel = "military"\npatterns = ["a*"]\n',
        "matches the empty string",
    ),
    (
        "unknown field",
        '[[actors]]\nid = "x"\nlabel = "militia"\naliases = ["X"]\ncolour = "red"\n',
        "unknown field(s) colour",
    ),
    (
        "unknown label",
        '[[actors]]\nid = "x"\nlabel = "wizard"\naliases = ["X"]\n',
        "unknown label 'wizard'",
    ),
    (
        "duplicate id",
        '[[actors]]\nid = "x"\nlabel = "militia"\naliases = ["X"]\n[[actors]]\nid = "x"\nlabel = "militia"\naliases = ["Y"]\n',
        "duplicate id",
    ),
    ("unknown family", '[[weapons]]\nid = "x"\nlabel = "gun"\n', "unknown family"),
    (
        "bad country",
        '[[countries]]\nid = "x"\nlabel = "name"\ncountry = "ZZZ"\naliases = ["Zedland"]\n',
        "unknown country code 'ZZZ'",
    ),
    ("missing label", '[[actors]]\nid = "x"\naliases = ["X"]\n', "missing field(s) label"),
    (
        "no aliases",
        '[[actors]]\nid = "x"\nlabel = "militia"\n',
        "at least one of 'aliases' or 'patterns'",
    ),
    (
        "bad slot",
        '[[events]]\nid = "x"\nlabel = "ASSAULT"\naliases = ["hit"]\nroles = { source = ["behind"] }\n',
        "unknown slot 'behind'",
    ),
    (
        "unknown macro",
        '[[units]]\nid = "x"\nlabel = "military"\npatterns = ["{NOPE} battalion"]\n',
        "unknown macro {NOPE}",
    ),
    (
        "bad normalizer",
        '[[dates]]\nid = "x"\nlabel = "DATE"\nnormalize = "magic"\naliases = ["someday"]\n',
        "unknown normalize 'magic'",
    ),
    (
        "bad latitude",
        '[[places]]\nid = "x"\nlabel = "town"\nlat = 123.0\naliases = ["X"]\n',
        "lat 123.0 is outside",
    ),
    (
        "wrong type",
        '[[places]]\nid = "x"\nlabel = "town"\nlat = "north"\naliases = ["X"]\n',
        "expected a number",
    ),
]


class TestErrors:
    @pytest.mark.parametrize(("name", "body", "message"), BAD, ids=[b[0] for b in BAD])
    def test_broken_file_names_file_rule_and_problem(
        self, tmp_path: Path, name: str, body: str, message: str
    ) -> None:
        """A broken rule file raises RuleError naming the file, the rule and the problem."""
        path = _write(tmp_path, body)
        with pytest.raises(RuleError) as info:
            Ruleset.from_files([path])
        text = str(info.value)
        assert str(path) in text
        assert message in text
        if name != "unknown family":
            assert "'x'" in text
        assert info.value.path == str(path)

    def test_invalid_toml(self, tmp_path: Path) -> None:
        """A TOML syntax error is a RuleError naming the file."""
        path = _write(tmp_path, "[[actors]\nid = ")
        with pytest.raises(RuleError, match="invalid TOML"):
            Ruleset.from_files([path])

    def test_missing_file(self, tmp_path: Path) -> None:
        """A missing file is a RuleError, not an OSError."""
        with pytest.raises(RuleError, match="cannot read rule file"):
            Ruleset.from_files([tmp_path / "nope.toml"])

    def test_duplicate_across_files(self, tmp_path: Path) -> None:
        """from_files() refuses two files defining one id; extend() is the way to override."""
        a = _write(tmp_path, MILITIA, "a.toml")
        b = _write(tmp_path, MILITIA, "b.toml")
        with pytest.raises(RuleError, match="duplicate"):
            Ruleset.from_files([a, b])

    def test_rule_error_is_value_error(self) -> None:
        """RuleError is a ValueError and a SahelnewsError."""
        with pytest.raises(ValueError, match="unknown label"):
            Rule(family="actors", id="x", label="wizard", aliases=["X"])
        assert issubclass(RuleError, sahelnews.SahelnewsError)


class TestPatternGate:
    @pytest.mark.parametrize(
        ("pattern", "expected"),
        [
            (r"\b(?P<trigger>[Dd]éployée?s?|[Dd]éploie)\b", {"déployé", "déploie"}),
            (r"(?i)\b(?P<trigger>military\s+(?:aid|assistance))\b", {"military"}),
            (r"(?<=\b(?:a|ont)\s)tué\b", {"tué"}),
            (r"abc?d", set()),  # too short once the optional letter is cut
            (r"(?:attack|\w+ed)", set()),  # one alternative starts with a class
            (r"(?:attacks?)?\s+on", set()),  # an optional group comes first
        ],
    )
    def test_literal_prefixes(self, pattern: str, expected: set[str]) -> None:
        """The gate reads the literal every match starts with, or gives up."""
        assert literal_prefixes(pattern) == expected

    def test_every_example_match_starts_with_a_prefix(self) -> None:
        """The gate is sound on the built-in rules: no example match escapes it."""
        rules = sahelnews.Ruleset.default()
        checked = 0
        for family in ("events", "actors", "places", "countries", "units", "casualties", "cues"):
            for rule in rules.rules(family):
                texts = [getattr(e, "text", e) for e in (*rule.examples, *rule.counter_examples)]
                for pattern in rule.patterns:
                    prefixes = literal_prefixes(pattern)
                    for text in texts:
                        for m in compiled_pattern(pattern).finditer(text):
                            if m.end() > m.start() and prefixes:
                                checked += 1
                                assert any(m.group().casefold().startswith(p) for p in prefixes)
        assert checked > 500
