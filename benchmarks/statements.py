#!/usr/bin/env python
"""Statements that stand alone: takeaways, theme leads and watch items, read as a reader reads them.

    .venv/bin/python benchmarks/statements.py [--eval DIR] [--show]

Briefs the project's examples, the 50 CNN/DailyMail development articles and
the CRS Insights of ``../shared/eval`` (``documents/crs/md/insights``) as
``briefing render`` would (a fixed date), and counts, for the statements a
reader reads alone (key takeaways, theme leads, "What to watch" items):

- **pointer**: opens by pointing back ("This …", "However, …", "He …",
  "Bu …", "Однако …");
- **fragment**: starts in lower case, ends on a conjunction or an
  auxiliary ("… but ."), or carries markup ("**", " | ", "_tp=");
- **unattributed quote**: all quotation, with no speaker;
- **future**: of the watch items, the share that look ahead (a future form or
  a date after the document's).

The checks are written here, apart from briefing's own rules, so that they
can disagree with them.  ``--show`` prints every statement that fails.
Without ``../shared/eval`` only the examples are briefed.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from _paths import EVAL, ROOT

DATE = "2026-11-27"
POINTER = re.compile(
    r"^[“\"‘«(]*(?:This|These|That|Those|It|Its|They|Their|He|She|His|Her|Such|Thus|Hence|Therefore|However|But|"
    r"And|So|Also|Moreover|Furthermore|Meanwhile|Nevertheless|Indeed|In addition|As a result|In fact|"
    r"Bu|Bunlar|Lakin|Amma|Bundan başqa|Həmçinin|Ancak|Ayrıca|Ama|Однако|Это|Эти|Кроме того|Также|Он|Она|Они)\b"
)
FRAGMENT = re.compile(
    r"^[“\"‘«(]*[a-zа-яəığüşöç]|\b(?:but|and|or|of|to|the|has|have|is|are|was|were)\s*\.?\s*$|\*\*|\s\|\s|_tp="
)
WHOLE_QUOTE = re.compile(r"^[“\"«‘][^“”\"«»]*[”\"»’][.]?$")
FUTURE = re.compile(
    r"\bwill\b|\b(?:is|are) (?:expected|set|due|scheduled|likely|planned) to\b|\bplans? to\b|\bintends? to\b|"
    r"\bnext (?:week|month|year)\b|\bupcoming\b|\bdeadline\b|\bmay\b|\bcould\b|\bshould\b|\bwould\b|"
    r"\w(?:acaq|əcək|acak|ecek)\b|\bgözlənilir\b|\bplanlaşdırılır\b|\bbekleniyor\b|"
    r"\bбуд(?:ет|ут)\b|\bпланиру\w*|\bожида\w*ся\b",
    re.IGNORECASE,
)
YEAR = re.compile(r"\b(20\d\d)\b")


def statements(brief: object) -> list[tuple[str, str]]:
    """(kind, text) of every statement read alone."""
    found = [("takeaway", p.text) for p in brief.takeaways]  # type: ignore[attr-defined]
    found += [("lead", t.lead.text) for t in brief.themes if t.lead]  # type: ignore[attr-defined]
    return found + [("watch", p.text) for p in brief.outlook]  # type: ignore[attr-defined]


def future(text: str, doc_date: str | None) -> bool:
    later = doc_date is not None and any(y > doc_date[:4] for y in YEAR.findall(text))
    return bool(FUTURE.search(text)) or later


def main(argv: list[str] | None = None) -> int:
    """Brief the documents and print the counts."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval", type=Path, default=EVAL)
    parser.add_argument("--show", action="store_true", help="print every statement that fails a check")
    args = parser.parse_args(argv)
    from briefing.pipeline import brief_from, read_documents

    sets = {"examples": sorted(str(p) for p in (ROOT / "examples").glob("*.*") if p.suffix in (".txt", ".md")
                               and p.name != "README.md")}
    if args.eval.is_dir():
        sets["news"] = sorted(str(p) for p in (args.eval / "summaries" / "cnndm_dev" / "article").glob("*.txt"))
        sets["crs"] = sorted(str(p) for p in (args.eval / "documents" / "crs" / "md" / "insights").glob("*.md"))
    print("| set | briefs | statements | pointer | fragment | unattributed quote | watch items | future |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    totals = [0] * 7
    for name, paths in sets.items():
        counts = [0] * 7
        for path in paths:
            brief = brief_from([path], date=DATE)
            doc_date = read_documents([path])[0].date
            counts[0] += 1
            for kind, text in statements(brief):
                counts[1] += 1
                fails = [check for check, hit in (("pointer", POINTER.match(text)), ("fragment", FRAGMENT.search(text)),
                                                  ("quote", WHOLE_QUOTE.match(text))) if hit]
                for check in fails:
                    counts[{"pointer": 2, "fragment": 3, "quote": 4}[check]] += 1
                if kind == "watch":
                    counts[5] += 1
                    if future(text, doc_date):
                        counts[6] += 1
                    else:
                        fails.append("not future")
                if args.show and fails:
                    print(f"  {Path(path).name[:24]} {kind} {','.join(fails)}: {text[:110]}", file=sys.stderr)
        totals = [a + b for a, b in zip(totals, counts, strict=True)]
        print(_row(name, counts))
    print(_row("all", totals))
    return 0


def _row(name: str, c: list[int]) -> str:
    def share(part: int, whole: int) -> str:
        return f"{part} ({100 * part / whole:.1f} %)" if whole else "—"

    return (f"| {name} | {c[0]} | {c[1]} | {share(c[2], c[1])} | {share(c[3], c[1])} | {share(c[4], c[1])} | "
            f"{c[5]} | {share(c[6], c[5])} |")


if __name__ == "__main__":
    sys.exit(main())
