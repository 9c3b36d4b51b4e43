"""The ``sahelnews`` command line.

``sahelnews extract FILE... [--published DATE]`` prints the JSON contract;
``sahelnews explain FILE [--published DATE]`` prints why each event was found.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from sahelnews._errors import InputError, RuleError
from sahelnews._extract import Extractor, __version__, parse_published
from sahelnews._rules import Ruleset

EXIT_OK = 0
EXIT_USAGE = 2
EXIT_INPUT = 3
EXIT_RULES = 4


def _common(parser: argparse.ArgumentParser) -> None:
    """Add the options ``extract`` and ``explain`` share."""
    parser.add_argument("files", nargs="+", metavar="FILE", help="UTF-8 text file, or - for stdin")
    parser.add_argument(
        "--published", metavar="YYYY-MM-DD", help="publication date (anchors relative dates)"
    )
    parser.add_argument("--lang", choices=["en", "fr"], help="article language (default: detected)")
    parser.add_argument(
        "--rules",
        action="append",
        default=[],
        metavar="FILE",
        help="extra rule file extending the built-in rules (repeatable)",
    )


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sahelnews",
        description="Extract countries, places, actors, units, dates and events from Sahel news.",
    )
    parser.add_argument("--version", action="version", version=f"sahelnews {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    ext = sub.add_parser(
        "extract",
        help="extract from article files (or - for standard input) and print JSON",
        description="Print one JSON object per input (JSON Lines when several or --format jsonl).",
    )
    _common(ext)
    ext.add_argument(
        "--format",
        choices=["json", "jsonl"],
        default=None,
        help="json: indented (default for one file); jsonl: one line per document",
    )
    exp = sub.add_parser(
        "explain",
        help="print, for each event of the articles, the rule, trigger, sentence and roles",
        description="Explain every event found: rule, trigger, sentence, role slots, "
        "modality cues, where its place and date come from, counts and codes.",
    )
    _common(exp)
    return parser


def _read(name: str) -> str:
    data = sys.stdin.buffer.read() if name == "-" else Path(name).read_bytes()
    return data.decode("utf-8-sig")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code (0 ok, 2 usage, 3 bad input, 4 bad rules)."""
    args = _parser().parse_args(argv)
    try:
        published = parse_published(args.published)
    except InputError as exc:
        print(f"sahelnews: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    try:
        rules = Ruleset.default().extend(*args.rules) if args.rules else Ruleset.default()
    except RuleError as exc:
        print(f"sahelnews: error in rules: {exc}", file=sys.stderr)
        return EXIT_RULES
    extractor = Extractor(rules)
    fmt = getattr(args, "format", None) or ("json" if len(args.files) == 1 else "jsonl")
    status = EXIT_OK
    for name in args.files:
        try:
            text = _read(name)
        except OSError as exc:
            print(f"sahelnews: error: cannot read {name}: {exc.strerror or exc}", file=sys.stderr)
            status = EXIT_INPUT
            continue
        except UnicodeDecodeError as exc:
            print(f"sahelnews: error: {name} is not UTF-8 text ({exc.reason})", file=sys.stderr)
            status = EXIT_INPUT
            continue
        try:
            result = extractor.extract(text, published=published, language=args.lang)
        except InputError as exc:
            print(f"sahelnews: error: {name}: {exc}", file=sys.stderr)
            status = EXIT_INPUT
            continue
        if args.command == "explain":
            if len(args.files) > 1:
                sys.stdout.write(f"== {name}\n")
            if not result.events:
                sys.stdout.write("no event found\n")
            for event in result.events:
                sys.stdout.write(result.explain(event) + "\n\n")
            continue
        sys.stdout.write(result.to_json(indent=2 if fmt == "json" else None) + "\n")
    return status


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
