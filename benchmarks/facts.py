#!/usr/bin/env python
"""Facts a reader can trust: actors, timeline and key figures against hand-annotated gold files.

    .venv/bin/python benchmarks/facts.py [--gold DIR] [--eval DIR] [--json FILE]

Each ``benchmarks/gold/facts/*.yaml`` (format in its README) names a document
of ``../shared/eval`` and what a person found in it.  The document is briefed
as ``briefing render`` would (``pipeline.brief_from``, a fixed date) and the
brief's annexes are scored:

- **actors**: precision = shown actors that are the document's actors
  (``central`` or ``acceptable``, matched by name or alias, case-folded) / all
  shown; a shown actor in ``not_actors`` or unknown to the gold file counts
  as false (and is listed, so the gold file can be extended when it is true);
  recall = ``central`` actors shown / ``central``; institutions listed as
  persons are counted apart;
- **timeline**: precision = rows whose date agrees with a gold event's date
  (at the gold date's precision) / rows; rows whose year is written only
  inside a statute, section, public-law, bill, page or court citation (or a
  law's name, "Act of 1962") are counted apart;
- **figures**: precision = figures whose number is one of the gold figures'
  numbers / figures;
- **length**: briefs with a timeline of more than 12 rows or more than 8 figures.

Prints Markdown tables; without ``../shared/eval`` prints ``skipped: …`` and
exits 0.  Nothing is downloaded.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from _gold import briefed
from _paths import EVAL  # also puts the repository on sys.path

HERE = Path(__file__).resolve().parent
GOLD = HERE / "gold" / "facts"
DATE = "2026-11-27"

INSTITUTION = re.compile(
    r"\b(Department|Ministry|Agency|Service|Administration|Commission|Board|Council|Committee|Court|Bank|Fund|"
    r"Office|Bureau|Authority|Parliament|Institute|Program|Programme|Grant|Act|Corporation|Company|Association)$")
# The spans of citations: statute sections, public laws, bills, reporters, court
# parentheticals, numbers, pages, URLs (written here apart from briefing's own rules).
CITATION = re.compile(
    r"§+\s*[\w.()–-]+(?:\s*(?:and|or|,|-|–)\s*§*\s*[\w.()–-]+)*"
    r"|\d+\s+(?:U\.S\.C\.|C\.F\.R\.|Stat\.|F\.\s?\d?d|F\.\s?Supp\.)\s*§*\s*[\w.()–-]*"
    r"|\b(?:P\.\s?L\.|Pub\.\s?L\.)\s*(?:No\.\s*)?\d+[-–]\d+|\((?:[\w.']+\s+){0,4}(?:Cir\.|D\.\s?\w+\.?)\s*\d{4}\)"
    r"|\b(?:H\.\s?R|S|H\.\s?Res|S\.\s?Res)\.\s?\d+|\bNo\.\s*\d+|\bpp?\.\s*\d+|https?://\S+"
    r"|\b(?:Act|Code) of \d{4}")


def _norm(text: str) -> str:
    text = text.casefold().replace("’", "'").strip()
    text = re.sub(r"^the\s+", "", text)
    return re.sub(r"[\s.]+", " ", text).strip()


def _numbers(text: str) -> set[str]:
    return {n.replace(",", "").rstrip(".") for n in re.findall(r"\d[\d,]*(?:\.\d+)?", text)}


@dataclass
class Score:
    """One document's counts."""

    name: str
    kind: str
    actors_shown: int = 0
    actors_true: int = 0
    central: int = 0
    central_found: int = 0
    persons_institutions: int = 0
    events_shown: int = 0
    events_true: int = 0
    citation_rows: int = 0
    figures_shown: int = 0
    figures_true: int = 0
    false_actors: list[str] = field(default_factory=list)
    missed_central: list[str] = field(default_factory=list)
    false_events: list[str] = field(default_factory=list)
    false_figures: list[str] = field(default_factory=list)


def _entities(entries: list[Any]) -> list[set[str]]:
    found = []
    for entry in entries or []:
        if isinstance(entry, str):
            entry = {"name": entry}
        found.append({_norm(entry["name"]), *(_norm(a) for a in entry.get("aliases") or [])})
    return found


def score(gold: dict[str, Any], brief: Any, name: str) -> Score:
    """Score ``brief`` against one gold file."""
    result = Score(name=name, kind=str(gold.get("kind", "")))
    actors = gold.get("actors") or {}
    central = _entities(actors.get("central"))
    true = central + _entities(actors.get("acceptable"))
    wrong = {_norm(n) for n in actors.get("not_actors") or []}
    result.central = len(central)
    found_central = [False] * len(central)
    for actor in brief.actors:
        forms = {_norm(actor.name), *(_norm(a) for a in actor.aliases)}
        result.actors_shown += 1
        if actor.kind == "person" and INSTITUTION.search(actor.name):
            result.persons_institutions += 1
        hits = [i for i, entity in enumerate(true) if forms & entity]
        if hits and not forms & wrong:
            result.actors_true += 1
            for i in hits:
                if i < len(central):
                    found_central[i] = True
        else:
            result.false_actors.append(f"{actor.name} ({actor.kind})")
    result.central_found = sum(found_central)
    result.missed_central = [sorted(e)[0] for e, hit in zip(central, found_central, strict=True) if not hit]

    dates = [str(e["date"]) for e in gold.get("events") or []]
    for event in brief.timeline:
        result.events_shown += 1
        if event.date[:4] in event.text and event.date[:4] not in CITATION.sub(" ", event.text):
            result.citation_rows += 1  # the year is written only inside a citation
        if any(event.date.startswith(d) or d.startswith(event.date) for d in dates):
            result.events_true += 1
        else:
            result.false_events.append(f"{event.date}: {event.text[:70]}")

    numbers = set().union(*(_numbers(str(f["value"])) for f in gold.get("figures") or [])) if gold.get("figures") \
        else set()
    for figure in brief.figures:
        result.figures_shown += 1
        if _numbers(figure.value) & numbers:
            result.figures_true += 1
        else:
            result.false_figures.append(f"{figure.value}: {figure.label}")
    return result


def _ratio(part: int, whole: int) -> str:
    return f"{part / whole:.2f}" if whole else "—"


def main(argv: list[str] | None = None) -> int:
    """Brief every annotated document and print the tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--eval", type=Path, default=EVAL)
    parser.add_argument("--json", type=Path, help="also write every count and list here")
    args = parser.parse_args(argv)
    if not args.eval.is_dir():
        print(f"skipped: {args.eval} not found")
        return 0
    scores = [score(gold, brief, file.stem) for file, gold, brief in briefed(args.gold, args.eval, DATE)]

    print("| document | actors P | central R | persons that are institutions | timeline P | rows | "
          "citation rows | figures P | figures |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for s in scores:
        print(f"| {s.name} | {_ratio(s.actors_true, s.actors_shown)} | {_ratio(s.central_found, s.central)} | "
              f"{s.persons_institutions} | {_ratio(s.events_true, s.events_shown)} | {s.events_shown} | "
              f"{s.citation_rows} | {_ratio(s.figures_true, s.figures_shown)} | {s.figures_shown} |")
    print("\n| set | documents | actors P | central R | timeline P | figures P | citation rows | "
          "briefs over 12 rows or 8 figures |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for kind in sorted({s.kind for s in scores}) + ["all"]:
        group = [s for s in scores if kind in ("all", s.kind)]
        total = {k: sum(getattr(s, k) for s in group) for k in
                 ("actors_true", "actors_shown", "central_found", "central", "events_true", "events_shown",
                  "figures_true", "figures_shown", "citation_rows")}
        long = sum(s.events_shown > 12 or s.figures_shown > 8 for s in group)
        print(f"| {kind} | {len(group)} | {_ratio(total['actors_true'], total['actors_shown'])} | "
              f"{_ratio(total['central_found'], total['central'])} | "
              f"{_ratio(total['events_true'], total['events_shown'])} | "
              f"{_ratio(total['figures_true'], total['figures_shown'])} | {total['citation_rows']} | {long} |")
    if args.json:
        args.json.write_text(json.dumps([asdict(s) for s in scores], ensure_ascii=False, indent=2) + "\n",
                             encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
