#!/usr/bin/env python
"""Speed of ``briefing summarize`` (the Python API path: read_path + summarize).

    .venv/bin/python benchmarks/speed.py [--runs 3] [--no-cli] [FILE ...]

Times the longest CRS report in ../shared/eval/documents/crs/md/reports (by
size) and ../shared/samples/az-us-strategic-cooperation.txt, or the FILEs
given: the median of ``--runs`` runs in this process (imports excluded; the
first run also warms pysbd) of

  total  read_path(path) + summarize(doc, sentences=3), wall and CPU time
  read   the reader alone (bytes -> Document blocks), as read_path does it
  split  sentence splitting (segment_document: pysbd)
  rank   summarize(doc, sentences=3): ranking and selection

and, unless --no-cli, the wall time of a fresh ``briefing summarize FILE``
process (imports included).  The issue's target: under 3 s for a 60-page
CRS report.
"""

from __future__ import annotations

import argparse
import importlib
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
if str(ROOT) not in sys.path:  # after PYTHONPATH: PYTHONPATH=snapshot measures another tree
    sys.path.append(str(ROOT))

TARGET_SECONDS = 3.0


def _pdf_pages(md: Path) -> int | None:
    """Pages of the PDF of a CRS report converted to ``md`` (R48915v1-... -> R48915.1.pdf)."""
    stem = md.name.split("-")[0]
    number, _, version = stem.partition("v")
    pdf_dir = md.parent.parent.parent / "pdf" / md.parent.name
    for name in (f"{number}.{version}.pdf", f"{number}.pdf", f"{md.stem}.pdf"):
        pdf = pdf_dir / name
        if pdf.is_file():
            try:
                from pypdf import PdfReader

                return len(PdfReader(pdf).pages)
            except Exception:  # noqa: BLE001 - informative only
                return None
    return None


def _time(fn):  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def measure(path: Path, runs: int, cli: bool) -> dict[str, object]:
    from briefing.analysis.sentences import segment_document
    from briefing.analysis.summary import summarize
    from briefing.pipeline import read_path
    from briefing.readers import get_reader, number_blocks

    totals, cpus, reads, splits, ranks = [], [], [], [], []
    doc = None
    for _ in range(runs):
        cpu = time.process_time()
        t, _summary = _time(lambda: summarize(read_path(path), sentences=3))
        cpus.append(time.process_time() - cpu)
        totals.append(t)
        data = path.read_bytes()
        t, doc = _time(lambda data=data: number_blocks_doc(get_reader(str(path)).read(data, str(path)), number_blocks))
        reads.append(t)
        t, doc = _time(lambda doc=doc: segment_document(doc))
        splits.append(t)
        t, _ = _time(lambda doc=doc: summarize(doc, sentences=3))
        ranks.append(t)
    assert doc is not None
    row: dict[str, object] = {
        "file": path.name,
        "kB": path.stat().st_size / 1024,
        "pages": _pdf_pages(path) if path.suffix == ".md" else None,
        "words": doc.word_count,
        "sentences": sum(len(b.sentences) for b in doc.paragraphs),
        "total": statistics.median(totals),
        "cpu": statistics.median(cpus),
        "read": statistics.median(reads),
        "split": statistics.median(splits),
        "rank": statistics.median(ranks),
    }
    if cli:
        exe = Path(sys.executable).with_name("briefing")
        command = [str(exe)] if exe.exists() else [sys.executable, "-m", "briefing"]
        times = []
        for _ in range(runs):
            t, proc = _time(lambda: subprocess.run([*command, "summarize", str(path)],
                                                   capture_output=True, text=True, check=False))
            if proc.returncode != 0:
                print(f"speed: briefing summarize {path.name} failed: {proc.stderr.strip()}", file=sys.stderr)
            times.append(t)
        row["cli"] = statistics.median(times)
    return row


def number_blocks_doc(doc, number_blocks):  # type: ignore[no-untyped-def]
    number_blocks(doc.blocks)
    return doc


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="*", type=Path, help="documents to time (default: see above)")
    parser.add_argument("--runs", type=int, default=3, help="runs per file; the median is shown (default 3)")
    parser.add_argument("--no-cli", action="store_true", help="skip timing the briefing command")
    args = parser.parse_args(argv)

    files: list[Path] = list(args.files)
    if not files:
        shared = ROOT.parent / "shared"
        reports = shared / "eval" / "documents" / "crs" / "md" / "reports"
        if reports.is_dir():
            files.append(max(reports.glob("*.md"), key=lambda p: (p.stat().st_size, p.name)))
        else:
            print("skipped: ../shared/eval not found (CRS report)")
        sample = shared / "samples" / "az-us-strategic-cooperation.txt"
        if sample.is_file():
            files.append(sample)
        else:
            print("skipped: ../shared/samples/az-us-strategic-cooperation.txt not found")
        if not files:
            return 0

    start = time.perf_counter()
    importlib.import_module("briefing.analysis.summary")
    importlib.import_module("briefing.readers")

    print(f"## Speed of `briefing summarize` (median of {args.runs} runs, seconds)\n")
    print(f"Imports (briefing readers + summary): {time.perf_counter() - start:.2f} s, not in the times below.\n")
    cli = not args.no_cli
    header = "| document | size (kB) | PDF pages | words | sentences | total | total CPU | read | split | rank |"
    rule = "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
    if cli:
        header += " CLI process |"
        rule += " ---: |"
    rows = []
    for path in files:
        print(f"speed: {path.name}", file=sys.stderr, flush=True)
        rows.append(measure(path, args.runs, cli))
    print(header)
    print(rule)
    for r in rows:
        line = (f"| {r['file']} | {r['kB']:.0f} | {r['pages'] or '–'} | {r['words']} | {r['sentences']} | "
                f"{r['total']:.2f} | {r['cpu']:.2f} | {r['read']:.2f} | {r['split']:.2f} | {r['rank']:.2f} |")
        if cli:
            line += f" {r['cli']:.2f} |"
        print(line)
    print("\ntotal = read_path + summarize(sentences=3), wall clock (total CPU: the same run's CPU "
          "time, which other load on the machine does not inflate); read = the reader alone; split = sentence "
          "splitting (pysbd); rank = summarize on the read document. CLI process = a fresh "
          "`briefing summarize FILE`, imports included.")
    for r in rows:
        if r["pages"]:
            verdict = "meets" if float(r["total"]) < TARGET_SECONDS else "misses"  # type: ignore[arg-type]
            print(f"\nTarget < {TARGET_SECONDS:.0f} s for a 60-page CRS report: {r['file']} "
                  f"({r['pages']} PDF pages) takes {r['total']:.2f} s: {verdict} it.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
