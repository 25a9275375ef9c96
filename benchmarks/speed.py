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

    .venv/bin/python benchmarks/speed.py --cold-start [--runs 7] [FILE]

times fresh processes instead, each ``--runs`` times (default 7): ``python -c
pass``, ``briefing --help`` and ``briefing render FILE -o <tmp>`` (default
../shared/samples/az-us-strategic-cooperation.txt, else
examples/caspian-corridor-analysis.txt), once with an empty cache folder for
every run (``BRIEFING_CACHE_DIR``) and once with a cache an earlier run
filled.  It prints the median and fastest wall time and the highest peak RSS
(``getrusage`` of a small wrapper process's one child).  The issue's target:
a median of 0.6 s at most and 100 MB, for the reference sample on 2 cores.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
if str(ROOT) not in sys.path:  # after PYTHONPATH: PYTHONPATH=snapshot measures another tree
    sys.path.append(str(ROOT))

TARGET_SECONDS = 3.0
COLD_TARGET_SECONDS, COLD_TARGET_MB = 0.6, 100.0

#: Runs its arguments as one child process; prints that child's wall time, peak RSS (KB) and exit code.
_WRAPPER = """
import json, resource, subprocess, sys, time
start = time.perf_counter()
code = subprocess.call(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
wall = time.perf_counter() - start
print(json.dumps([wall, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, code]))
"""


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


def _fresh_process(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall time (s) and peak RSS (MB: thousands of ru_maxrss KB, as ``/usr/bin/time -f %M`` / 1000) of ``command``."""
    proc = subprocess.run([sys.executable, "-c", _WRAPPER, *command], env=env, capture_output=True, text=True,
                          check=True)
    wall, kilobytes, code = json.loads(proc.stdout)
    if code != 0:
        raise SystemExit(f"speed: {' '.join(command)} failed (exit {code})")
    return wall, kilobytes / 1000


def cold_start(path: Path, runs: int) -> int:
    """The Markdown table of fresh-process times (see the module's docstring)."""
    exe = Path(sys.executable).with_name("briefing")
    briefing = [str(exe)] if exe.exists() else [sys.executable, "-m", "briefing"]
    with tempfile.TemporaryDirectory(prefix="briefing-speed-") as tmp:
        out = str(Path(tmp) / "brief.pdf")
        render = [*briefing, "render", str(path), "-o", out, "--date", "2026-11-27"]
        base = dict(os.environ)
        warm_env = {**base, "BRIEFING_CACHE_DIR": str(Path(tmp) / "warm-cache")}
        _fresh_process(render, warm_env)  # fills the warm cache
        rows: list[tuple[str, list[tuple[float, float]]]] = []
        cases: list[tuple[str, list[str], object]] = [
            ("`python -c pass`", [sys.executable, "-c", "pass"], base),
            ("`briefing --help`", [*briefing, "--help"], base),
            ("`briefing render`, cold cache", render, "cold"),
            ("`briefing render`, warm cache", render, warm_env),
        ]
        for label, command, env in cases:
            print(f"speed: {label}", file=sys.stderr, flush=True)
            results = []
            for i in range(runs):
                if env == "cold":
                    run_env = {**base, "BRIEFING_CACHE_DIR": str(Path(tmp) / f"cold-cache-{i}")}
                else:
                    assert isinstance(env, dict)
                    run_env = env
                results.append(_fresh_process(command, run_env))
            rows.append((label, results))
    print(f"## Fresh processes: `briefing render {path.name}` (median of {runs} runs)\n")
    print("| command | median (s) | fastest (s) | peak RSS (MB) |")
    print("| --- | ---: | ---: | ---: |")
    for label, results in rows:
        walls = [w for w, _ in results]
        print(f"| {label} | {statistics.median(walls):.3f} | {min(walls):.3f} | {max(m for _, m in results):.1f} |")
    print("\npeak RSS: the highest of the runs (never below the wrapper process's own, about 11 MB). Cold cache: "
          "an empty BRIEFING_CACHE_DIR for each run; warm: one filled by an earlier run.")
    if os.environ.get("PYTHONDONTWRITEBYTECODE") and not (ROOT / "briefing" / "__pycache__").is_dir():
        print("PYTHONDONTWRITEBYTECODE is set and briefing/ has no __pycache__: every run compiles briefing's "
              "own modules from source.")
    walls = [w for w, _ in rows[2][1]]
    peak = max(m for _, m in rows[2][1])
    met = statistics.median(walls) <= COLD_TARGET_SECONDS and peak <= COLD_TARGET_MB
    print(f"\nTarget (cold cache) <= {COLD_TARGET_SECONDS} s and <= {COLD_TARGET_MB:.0f} MB: "
          f"{statistics.median(walls):.2f} s, {peak:.0f} MB: {'meets' if met else 'misses'} it.")
    return 0


def default_sample() -> Path:
    """The reference sample in ../shared, else the project's own example."""
    sample = ROOT.parent / "shared" / "samples" / "az-us-strategic-cooperation.txt"
    return sample if sample.is_file() else ROOT / "examples" / "caspian-corridor-analysis.txt"


def number_blocks_doc(doc, number_blocks):  # type: ignore[no-untyped-def]
    number_blocks(doc.blocks)
    return doc


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="*", type=Path, help="documents to time (default: see above)")
    parser.add_argument("--runs", type=int, default=None,
                        help="runs per file; the median is shown (default 3, with --cold-start 7)")
    parser.add_argument("--no-cli", action="store_true", help="skip timing the briefing command")
    parser.add_argument("--cold-start", action="store_true",
                        help="time fresh processes of `briefing render` (one FILE, default the sample)")
    args = parser.parse_args(argv)
    if args.cold_start:
        if len(args.files) > 1:
            parser.error("--cold-start takes one FILE")
        return cold_start(args.files[0] if args.files else default_sample(), args.runs or 7)
    args.runs = args.runs or 3

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
