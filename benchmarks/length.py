#!/usr/bin/env python
"""How long a brief is: pages of body and annex, charts, seconds and peak memory per input.

    .venv/bin/python benchmarks/length.py [--length short|standard|full] [--eval DIR] [--limit N]

Renders, each in a fresh process (A4, the default template), the development
CRS reports (``LONGDOC_SPLIT.tsv`` dev rows, their Markdown pages), the first
10 CNN/DailyMail articles, the reference sample and the project's own
examples.  The annex starts on the page that holds the "Actors" heading (or
"Timeline", "Key figures", "Sources", whichever comes first); the body is
every page before it, plus that page when the heading is not at its top.
Targets (issue "A brief is brief"): a brief of one document at most 6 pages
(body 4, annex 2); the sample at most 4.
"""

from __future__ import annotations

import argparse
import csv
import json
import subprocess
import sys
from pathlib import Path

from _paths import EVAL, ROOT

_CHILD = r"""
import json, resource, sys, time
start = time.perf_counter()
from briefing import pipeline
from briefing.config import load_style
inputs, length = json.loads(sys.argv[1]), sys.argv[2]
style = load_style(length=length)
brief = pipeline.brief_from(inputs, date="2026-12-02", length=style.length)
data = pipeline.render(brief, "pdf", style=style)
seconds = time.perf_counter() - start
import io
from pypdf import PdfReader
pages = [p.extract_text() or "" for p in PdfReader(io.BytesIO(data)).pages]
annex = None
for n, text in enumerate(pages):
    lines = [l.strip() for l in text.splitlines() if l.strip()]
    for k, line in enumerate(lines):
        if line in ("Actors", "Timeline", "Key figures", "Sources"):
            annex = (n, k)
            break
    if annex:
        break
charts = len(pipeline.chart_specs(brief, style))
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"pages": len(pages), "annex": annex, "charts": charts, "seconds": seconds, "mb": rss}))
"""


def inputs(eval_dir: Path, limit: int | None) -> list[tuple[str, str, list[str]]]:
    """(set, name, input paths) to render."""
    out: list[tuple[str, str, list[str]]] = []
    sample = eval_dir.parent / "samples" / "az-us-strategic-cooperation.txt"
    if sample.is_file():
        out.append(("sample", sample.stem, [str(sample)]))
    for example in sorted((ROOT / "examples").glob("*")):
        if example.suffix in (".txt", ".md") and example.name != "README.md":
            out.append(("examples", example.stem, [str(example)]))
    split = eval_dir / "documents" / "crs" / "LONGDOC_SPLIT.tsv"
    if split.is_file():
        with split.open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle, delimiter="\t"):
                if row.get("split") != "dev":
                    continue
                found = list((eval_dir / "documents" / "crs" / "md").glob(f"*/{row['markdown_file']}"))
                if found:
                    out.append(("crs", found[0].stem.split("-")[0], [str(found[0])]))
    articles = sorted((eval_dir / "summaries" / "cnndm_dev" / "article").glob("*.txt"))[:10]
    out += [("news", a.stem[:8], [str(a)]) for a in articles]
    return out if limit is None else out[:limit]


def main(argv: list[str] | None = None) -> int:
    """Render every input and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--length", default="standard", choices=("short", "standard", "full"))
    parser.add_argument("--eval", type=Path, default=EVAL)
    parser.add_argument("--limit", type=int)
    args = parser.parse_args(argv)
    print(f"--length {args.length}\n")
    print("| set | input | pages | body | annex | charts | seconds | peak MB |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    rows = []
    for kind, name, paths in inputs(args.eval, args.limit):
        done = subprocess.run([sys.executable, "-c", _CHILD, json.dumps(paths), args.length], capture_output=True,
                              text=True, cwd=ROOT, timeout=600)
        if done.returncode != 0:
            print(f"| {kind} | {name} | failed: {(done.stderr.strip().splitlines() or ['?'])[-1]} | | | | | |")
            continue
        got = json.loads(done.stdout)
        if got["annex"] is None:
            body, annex = got["pages"], 0
        else:
            page, line = got["annex"]
            body = page + (1 if line > 3 else 0)  # the heading below the running header: body text above it
            annex = got["pages"] - page
        rows.append((kind, got["pages"], body, annex))
        print(f"| {kind} | {name} | {got['pages']} | {body} | {annex} | {got['charts']} | {got['seconds']:.2f} "
              f"| {got['mb']:.0f} |")
    print("\n| set | briefs | pages (max) | body (max) | annex (max) | over 6 pages |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for kind in dict.fromkeys(r[0] for r in rows):
        group = [r for r in rows if r[0] == kind]
        print(f"| {kind} | {len(group)} | {max(r[1] for r in group)} | {max(r[2] for r in group)} "
              f"| {max(r[3] for r in group)} | {sum(r[1] > 6 for r in group)} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
