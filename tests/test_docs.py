"""The examples in README.md and docs/ stay true."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import sahelnews
from sahelnews.testing import check_rules

ROOT = Path(__file__).resolve().parent.parent


def _blocks(path: Path, language: str) -> list[str]:
    text = path.read_text(encoding="utf-8")
    return re.findall(rf"```{language}\n(.*?)```", text, flags=re.DOTALL)


def test_readme_python_example(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The README's Python example runs and its stated country codes are right."""
    monkeypatch.chdir(ROOT)
    code = _blocks(ROOT / "README.md", "python")[0]
    namespace: dict[str, object] = {}
    exec(compile(code, "README.md", "exec"), namespace)  # noqa: S102 - our own documentation
    result = namespace["result"]
    assert isinstance(result, sahelnews.Extraction)
    assert sorted(result.country_codes()) == ["MLI", "NER", "RUS", "UKR", "USA"]
    assert '"sahelnews": "0.1.0"' in capsys.readouterr().out


def test_extending_worked_example(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """docs/extending.md: its rule file loads, passes its own examples, and does what it says."""
    doc = ROOT / "docs" / "extending.md"
    toml = _blocks(doc, "toml")[0]
    (tmp_path / "my_rules.toml").write_text(toml, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert check_rules("my_rules.toml") == []
    code = _blocks(doc, "python")[0]
    namespace: dict[str, object] = {}
    exec(compile(code, "extending.md", "exec"), namespace)  # noqa: S102 - our own documentation
    result = namespace["result"]
    assert isinstance(result, sahelnews.Extraction)
    assert [a.id for a in result.actors] == ["BFA.koglweogo-zorgho"]
    assert [p.id for p in result.places] == ["BFA.tanwalbougou-test"]
    assert [e.type for e in result.events] == [sahelnews.PloverCategory.ASSAULT]


def test_dates_doc_examples(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """docs/dates.md: the Python example prints what its comments say; the rule example loads."""
    doc = ROOT / "docs" / "dates.md"
    code = _blocks(doc, "python")[0]
    exec(compile(code, "dates.md", "exec"), {})  # noqa: S102 - our own documentation
    expected = [line[2:] for line in code.splitlines() if line.startswith("# ")]
    assert capsys.readouterr().out.splitlines() == expected
    rule_file = tmp_path / "my_dates.toml"
    rule_file.write_text(_blocks(doc, "toml")[0], encoding="utf-8")
    assert check_rules(rule_file) == []
    rules = sahelnews.Ruleset.default().extend(rule_file)
    found = sahelnews.extract_dates("pendant le ramadan 2024", published="2024-05-03", rules=rules)
    assert [(d.text, d.value) for d in found] == [("le ramadan 2024", "2024-03")]


def test_geography_doc_example() -> None:
    """docs/geography.md: its interactive example gives what it shows."""
    import doctest  # noqa: PLC0415 - only this test needs it

    doc = ROOT / "docs" / "geography.md"
    failures, tried = doctest.testfile(str(doc), module_relative=False, verbose=False)
    assert tried > 0
    assert failures == 0


def test_actors_doc_is_current() -> None:
    """docs/actors.md is generated from the rule files and has not drifted from them."""
    import subprocess  # noqa: PLC0415 - only this test needs it
    import sys  # noqa: PLC0415

    script = ROOT / "scripts" / "gen_actors_doc.py"
    done = subprocess.run(
        [sys.executable, str(script), "--check"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
