"""The exceptions sahelnews raises."""

from __future__ import annotations


class SahelnewsError(Exception):
    """Base class of every error sahelnews raises on purpose."""


class RuleError(SahelnewsError, ValueError):
    """A rule file or rule is invalid.

    The message names the file, the rule id (when known) and what is wrong;
    the same facts are available as attributes.
    """

    def __init__(
        self, problem: str, *, path: str | None = None, rule_id: str | None = None
    ) -> None:
        """Build the error from the problem and where it was found."""
        self.problem = problem
        self.path = path
        self.rule_id = rule_id
        where = []
        if path:
            where.append(path)
        if rule_id:
            where.append(f"rule {rule_id!r}")
        prefix = ": ".join(where)
        super().__init__(f"{prefix}: {problem}" if prefix else problem)


class InputError(SahelnewsError, ValueError):
    """The text, publication date or language given to the extractor is unusable."""
