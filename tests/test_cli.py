"""The command line."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from sahelnews.cli import main

from .conftest import SEED


def test_extract_seed(capsys: pytest.CaptureFixture[str]) -> None:
    """`sahelnews extract FILE --published` prints one JSON document."""
    assert main(["extract", str(SEED), "--published", "2024-05-03"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["published"] == "2024-05-03"
    assert {e["type"] for e in data["events"]} >= {
        "MOBILIZE",
        "SANCTION",
        "REQUEST",
        "COERCE",
        "RETREAT",
    }


def test_jsonl_for_several_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Several files give JSON Lines, one object per document."""
    a = tmp_path / "a.txt"
    a.write_text("Le Mali.", encoding="utf-8")
    assert main(["extract", str(a), str(SEED), "--lang", "en"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2
    assert all(json.loads(line)["language"] == "en" for line in lines)


def test_stdin(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """'-' reads standard input."""
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO("L'armée malienne.".encode())))
    assert main(["extract", "-", "--format", "jsonl"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["language"] == "fr"


def test_unreadable_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A missing file is reported on stderr with exit code 3."""
    assert main(["extract", str(tmp_path / "missing.txt")]) == 3
    assert "cannot read" in capsys.readouterr().err


def test_not_utf8(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A file that is not UTF-8 is reported with exit code 3."""
    path = tmp_path / "latin1.txt"
    path.write_bytes("Armée malienne é".encode("latin-1"))
    assert main(["extract", str(path)]) == 3
    assert "not UTF-8" in capsys.readouterr().err


def test_bad_date(capsys: pytest.CaptureFixture[str]) -> None:
    """A bad --published is a usage error (exit 2)."""
    assert main(["extract", str(SEED), "--published", "May 3"]) == 2
    assert "published" in capsys.readouterr().err


def test_bad_rules(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A broken --rules file exits 4 naming the problem."""
    path = tmp_path / "bad.toml"
    path.write_text('[[actors]]\nid = "x"\nlabel = "wizard"\naliases = ["X"]\n', encoding="utf-8")
    assert main(["extract", str(SEED), "--rules", str(path)]) == 4
    assert "unknown label" in capsys.readouterr().err


def test_console_script_entry_point() -> None:
    """`python -m sahelnews --version` works."""
    out = subprocess.run(
        [sys.executable, "-m", "sahelnews", "--version"], capture_output=True, text=True, check=True
    )
    assert out.stdout.startswith("sahelnews ")
