"""Command line: `python -m generator <command>` (also installed as `portal`).

Exit codes: 0 clean, 1 content errors, 2 usage or environment errors.
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from generator import pipeline
from generator.diagnostics import FORMATTERS


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m generator", description="Good Practice Transfer Portal generator.")
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="project folder (default: the current one)")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    check = commands.add_parser("check", help="validate all content; write nothing")
    check.add_argument("--format", choices=sorted(FORMATTERS), default="text", help="output format (default: text)")
    check.add_argument("--preview", action="store_true", help="also check references as a preview build would")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    project = pipeline.Project(args.root.resolve())
    if args.command == "check":
        return _check(project, args.format, args.preview)
    return 2


def _check(project: pipeline.Project, fmt: str, preview: bool) -> int:
    try:
        checked = pipeline.check(project, preview=preview)
    except FileNotFoundError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(FORMATTERS[fmt](checked.report, checked.files))
    return 0 if checked.report.ok else 1
