"""Reading the JSON Lines corpora the benchmark scripts take (not part of the package)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any


def load_corpus(path: Path, limit: int | None = None) -> list[dict[str, Any]]:
    """Return the documents of *path* that have a "text" field.

    Each document becomes {"text", "published" (YYYY-MM-DD or None),
    "language" ("en", "fr" or None)}, read from the fields the shared corpora
    use: "published"/"dct"/"date" and "language"/"lang".
    """
    docs: list[dict[str, Any]] = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if not line.strip():
                continue
            row = json.loads(line)
            text = row.get("text")
            if not isinstance(text, str):
                continue
            published = row.get("published") or row.get("dct") or row.get("date")
            language = row.get("language") or row.get("lang")
            docs.append(
                {
                    "text": text,
                    "published": str(published)[:10] if published else None,
                    "language": language if language in {"en", "fr"} else None,
                }
            )
            if limit and len(docs) >= limit:
                break
    return docs
