"""Every rule's examples and counter-examples, run against the default ruleset."""

from __future__ import annotations

from pathlib import Path

import pytest

import sahelnews
from sahelnews import Rule
from sahelnews.testing import (
    DEFAULT_PUBLISHED,
    check_counter_example,
    check_example,
    check_rules,
)

from .conftest import assert_offsets

RULES = sahelnews.Ruleset.default()

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
        rules = RULES.rules(family)
        assert sum(1 for r in rules if r.examples) / len(rules) > 0.25, family


# A capital that is also in the gazetteer reads as the city; telling the
# metonym ("Bamako a annoncé") from the place is left to context.
_PLACE_ALIASES = {a.casefold() for r in RULES.rules("places") for a in r.aliases}
ALIASES = [
    pytest.param(rule, alias, id=f"{rule.family}:{rule.id}:{alias}")
    for family in ("countries", "places", "actors", "units")
    for rule in RULES.rules(family)
    for alias in rule.aliases
    if not (rule.label == "capital" and alias.casefold() in _PLACE_ALIASES)
]


@pytest.mark.parametrize(("rule", "alias"), ALIASES)
def test_alias_resolves_to_its_own_rule(rule: Rule, alias: str) -> None:
    """Every alias, alone after a locative word, is recognised as its own rule (no collisions)."""
    language = rule.languages[0]
    prefix = "Ils sont allés à " if language == "fr" else "They went to "
    text = f"{prefix}{alias} hier."
    result = sahelnews.extract(text, published=DEFAULT_PUBLISHED, language=language, rules=RULES)
    start = len(prefix)
    rules_at = [m.rule for m in result.mentions if m.start == start and m.end == start + len(alias)]
    assert rule.id in rules_at or f"compose:{rule.id}" in rules_at, (alias, rules_at)


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
