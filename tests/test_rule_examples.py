"""Every rule's examples and counter-examples, run against the default ruleset."""

from __future__ import annotations

from pathlib import Path

import pytest

import sahelnews
from sahelnews import Rule
from sahelnews._compile import fold_alias
from sahelnews._rules import _builtin_files, load_rule_file
from sahelnews.testing import (
    DEFAULT_PUBLISHED,
    check_counter_example,
    check_example,
    check_rules,
)

from .conftest import assert_offsets

RULES = sahelnews.Ruleset.default()
# The rules as the rule files write them (the default ruleset adds region
# phrases to curated regions and holds the gazetteer, tested apart below).
_CURATED = [rule for path in _builtin_files() for rule in load_rule_file(path)]

EXAMPLES = [
    pytest.param(rule, example, id=f"{rule.family}:{rule.id}:{i}")
    for rule in RULES
    for i, example in enumerate(rule.examples)
]
COUNTER_EXAMPLES = [
    pytest.param(rule, text, id=f"{rule.family}:{rule.id}:{i}")
    for rule in RULES
    for i, text in enumerate(rule.counter_examples)
]


@pytest.mark.parametrize(("rule", "example"), EXAMPLES)
def test_example_fires(rule: Rule, example: sahelnews.Example) -> None:
    """A rule produces a mention or event on each of its examples, with the expected value."""
    assert check_example(rule, example, RULES) is None
    assert_offsets(sahelnews.extract(example.text, published=DEFAULT_PUBLISHED, rules=RULES))


@pytest.mark.parametrize(("rule", "text"), COUNTER_EXAMPLES)
def test_counter_example_does_not_fire(rule: Rule, text: str) -> None:
    """A rule produces nothing on its counter-examples."""
    assert check_counter_example(rule, text, RULES) is None


def test_rules_have_examples() -> None:
    """Every event rule and cue carries examples, and so do most other rules."""
    assert all(r.examples for r in RULES.rules("events"))
    assert all(r.examples for r in RULES.rules("cues"))
    for family in ("actors", "units", "dates", "places"):
        rules = [r for r in _CURATED if r.family == family]
        assert sum(1 for r in rules if r.examples) / len(rules) > 0.25, family


# A capital that is also a place reads as the city after a locative word.
_PLACE_ALIASES = {fold_alias(a) for r in RULES.rules("places") for a in r.aliases}
# Rules sharing a folded alias: an ambiguous name may resolve to any of them.
_SHARING: dict[tuple[str, str], set[str]] = {}
for _rule in RULES:
    for _alias in _rule.aliases:
        _SHARING.setdefault((_rule.family, fold_alias(_alias)), set()).add(_rule.id)
ALIASES = [
    pytest.param(rule, alias, id=f"{rule.family}:{rule.id}:{alias}")
    for rule in _CURATED
    if rule.family in {"countries", "places", "actors", "units"}
    for alias in rule.aliases
    if not (rule.label == "capital" and fold_alias(alias) in _PLACE_ALIASES)
]


@pytest.mark.parametrize(("rule", "alias"), ALIASES)
def test_alias_resolves_to_its_own_rule(rule: Rule, alias: str) -> None:
    """Every alias, alone after a locative word, is recognised as its own rule (no collisions).

    A place name shared with another place (Gao in Mali and in Burkina Faso)
    may resolve to either: the article decides.
    """
    language = rule.languages[0]
    prefix = "Ils sont allés à " if language == "fr" else "They went to "
    text = f"{prefix}{alias} hier."
    result = sahelnews.extract(text, published=DEFAULT_PUBLISHED, language=language, rules=RULES)
    start = len(prefix)
    rules_at = [m.rule for m in result.mentions if m.start == start and m.end == start + len(alias)]
    expected = {rule.id} | _SHARING.get((rule.family, fold_alias(alias)), set())
    if rule.label == "region":  # a region's mention is trimmed to its name
        rules_at += [m.rule for m in result.mentions if start <= m.start < start + len(alias)]
    assert expected & {r.removeprefix("compose:") for r in rules_at}, (alias, rules_at)


_COUNTRY_NAMES = {fold_alias(a) for r in RULES.rules("countries") for a in r.aliases}
# Capitals named like their country (Monaco, Djibouti) read as the country.
GAZETTEER = [
    r
    for r in RULES.rules("places")
    if r.id.startswith("geonames:") and fold_alias(r.aliases[0]) not in _COUNTRY_NAMES
]


@pytest.mark.parametrize("rule", GAZETTEER[::7], ids=lambda r: r.id)
def test_gazetteer_place_is_found(rule: Rule) -> None:
    """A sample of gazetteer places: each name, after a locative word, gives a place there."""
    text = f"They went to {rule.aliases[0]} yesterday."
    start = len("They went to ")
    places = sahelnews.extract(text, language="en", rules=RULES).places
    found = [p for p in places if p.start == start and p.end == start + len(rule.aliases[0])]
    assert found, (rule.aliases[0], [p.text for p in places])
    shared = _SHARING[("places", fold_alias(rule.aliases[0]))]
    assert found[0].id in shared


class TestCheckRules:
    def test_passing_file(self, tmp_path: Path) -> None:
        """check_rules() returns no failure for a file whose examples hold."""
        path = tmp_path / "ok.toml"
        path.write_text(
            '[[places]]\nid = "BFA.x"\nlabel = "village"\naliases = ["Zorgho-Nord"]\n'
            'examples = ["Attaque à Zorgho-Nord."]\ncounter_examples = ["Zorgho."]\n',
            encoding="utf-8",
        )
        assert check_rules(path) == []

    def test_failing_file(self, tmp_path: Path) -> None:
        """check_rules() names the rule, the text and the problem of each failure."""
        path = tmp_path / "bad.toml"
        path.write_text(
            '[[places]]\nid = "BFA.x"\nlabel = "village"\naliases = ["Zorgho-Nord"]\n'
            'examples = ["Attaque à Zorgho."]\ncounter_examples = ["Zorgho-Nord."]\n',
            encoding="utf-8",
        )
        failures = check_rules(path)
        assert [f.problem for f in failures] == [
            "does not fire on its example",
            "fires on its counter-example",
        ]
        assert "places:BFA.x" in str(failures[0])
