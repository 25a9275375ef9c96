#!/usr/bin/env python
"""The bottom line: how many of a document's points the brief's takeaways and theme leads carry.

    .venv/bin/python benchmarks/points.py [--gold DIR] [--eval DIR] [--show]

Each ``benchmarks/gold/points/*.yaml`` (format in its README) names a
document of ``../shared/eval`` and the 3 to 5 points a person who read it
says a brief must carry, most important first, each with 2 to 4 keywords.
The document is briefed as ``briefing render`` would (a fixed date).  A point
is **covered** when one key takeaway or theme lead holds every keyword of it
(case-folded; a keyword matches a word that starts with it, so "cancel"
matches "cancelled" and "80,000" matches "£80,000").  Printed: per document and per kind, the share of
points covered, and whether point 1 (the bottom line) is covered by a
takeaway.  Target: 70 % or more covered.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from typing import Any

from _gold import briefed
from _paths import EVAL

HERE = Path(__file__).resolve().parent
GOLD = HERE / "gold" / "points"
DATE = "2026-11-27"
_WORD = re.compile(r"[\w$€£%.,'-]+")


def _words(text: str) -> list[str]:
    return [w.strip(".,'").lstrip("$€£").casefold() for w in _WORD.findall(text)]


def carries(statement: str, keywords: list[Any]) -> bool:
    """Whether ``statement`` holds every keyword (a keyword matches a word that starts with it)."""
    words = _words(statement)
    return all(any(w.startswith(str(k).casefold()) for w in words) for k in keywords)


def score(gold: dict[str, Any], brief: Any) -> tuple[int, int, bool, list[str]]:
    """(points covered, points, bottom line in a takeaway, the points missed)."""
    takeaways = [p.text for p in brief.takeaways]
    leads = [t.lead.text for t in brief.themes if t.lead]
    points = gold.get("points") or []
    covered, missed = 0, []
    for point in points:
        if any(carries(s, point["keywords"]) for s in takeaways + leads):
            covered += 1
        else:
            missed.append(str(point["point"]))
    first = bool(points) and any(carries(s, points[0]["keywords"]) for s in takeaways)
    return covered, len(points), first, missed


def main(argv: list[str] | None = None) -> int:
    """Brief every annotated document and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--eval", type=Path, default=EVAL)
    parser.add_argument("--show", action="store_true", help="also print the points missed")
    args = parser.parse_args(argv)
    if not args.eval.is_dir():
        print(f"skipped: {args.eval} not found")
        return 0
    rows: list[tuple[str, str, int, int, bool]] = []
    print("| document | points covered | bottom line in a takeaway |")
    print("| --- | ---: | :---: |")
    for file, gold, brief in briefed(args.gold, args.eval, DATE):
        covered, total, first, missed = score(gold, brief)
        rows.append((file.stem, str(gold.get("kind", "")), covered, total, first))
        print(f"| {file.stem} | {covered}/{total} | {'yes' if first else 'no'} |")
        if args.show:
            for point in missed:
                print(f"  missed: {point}", file=sys.stderr)
    print("\n| set | documents | points covered | bottom lines in a takeaway |")
    print("| --- | ---: | ---: | ---: |")
    for kind in sorted({r[1] for r in rows}) + ["all"]:
        group = [r for r in rows if kind in ("all", r[1])]
        covered, total = sum(r[2] for r in group), sum(r[3] for r in group)
        share = f"{100 * covered / total:.0f} %" if total else "—"
        print(f"| {kind} | {len(group)} | {covered}/{total} ({share}) | {sum(r[4] for r in group)}/{len(group)} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
