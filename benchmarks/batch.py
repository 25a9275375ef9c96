#!/usr/bin/env python
"""Throughput of ``briefing batch``: briefs per second and memory per worker.

    .venv/bin/python benchmarks/batch.py [--jobs 2] [--methods forkserver,fork] [--phases] [--profile]

Copies the 50 articles of ../shared/eval/summaries/cnndm_dev into a temporary
folder with one corrupted input added (random bytes named ``corrupt.txt``),
then runs the batch (PDF with charts, fixed date) once per process start
method and prints a Markdown table: wall time, briefs per second, peak RSS of
each worker (sampled every 50 ms with psutil) and what the report says (50
made, the corrupted one failed).  The issue's target is 5 briefs per second
with 2 jobs on a 2-core machine.

``--phases`` times one process making every brief, split into read, analysis
(compose), charts and PDF layout; ``--profile`` adds the top functions of a
cProfile run over the same work.  Times depend on the machine and its load.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

from _paths import EVAL  # also puts the repository on sys.path

TARGET = 5.0
DATE = "2026-11-27"


def make_folder(articles: Path, folder: Path) -> int:
    """50 articles plus one corrupted input; returns the number of good ones."""
    folder.mkdir(parents=True, exist_ok=True)
    files = sorted(articles.glob("*.txt"))
    for path in files:
        shutil.copyfile(path, folder / path.name)
    (folder / "corrupt.txt").write_bytes(bytes(range(256)) * 8 + os.urandom(2048))
    return len(files)


class RssSampler:
    """Peak resident memory of every child process, sampled in a thread."""

    def __init__(self, interval: float = 0.05) -> None:
        import psutil

        self.me = psutil.Process()
        self.interval = interval
        self.peaks: dict[int, int] = {}
        self.cpu: dict[int, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        import psutil

        while not self._stop.is_set():
            for child in self.me.children(recursive=True):
                try:
                    rss = child.memory_info().rss
                    times = child.cpu_times()
                except psutil.Error:
                    continue
                self.cpu[child.pid] = times.user + times.system
                self.peaks[child.pid] = max(rss, self.peaks.get(child.pid, 0))
            self._stop.wait(self.interval)

    def __enter__(self) -> RssSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def run(folder: Path, jobs: int, method: str) -> dict[str, object]:
    from briefing.batch import Options, plan, run_batch

    out = Path(tempfile.mkdtemp(prefix=f"batch-{method}-"))
    try:
        start = time.perf_counter()
        with RssSampler() as sampler:
            planned, _ = plan(folder, out, Options(fmt="pdf", date=DATE))
            results = run_batch(planned, out, workers=jobs, start_method=method)
        wall = time.perf_counter() - start
        made = [r for r in results if r.status == "ok"]
        failed = [r for r in results if r.status == "failed"]
        pdfs = len(list(out.glob("*.pdf")))
    finally:
        shutil.rmtree(out, ignore_errors=True)
    # Workers are the children that did the work: the biggest ones (a forkserver
    # and the resource tracker are children too, but stay small or idle).
    peaks = sorted(sampler.peaks.values(), reverse=True)
    return {
        "method": method, "wall": wall, "made": len(made), "pdfs": pdfs, "failed": [r.input for r in failed],
        "errors": [r.error for r in failed], "rate": len(made) / wall,
        "job_median": statistics.median(r.seconds for r in made) if made else 0.0,
        "cpu_per_brief": sum(sampler.cpu.values()) / max(1, len(made)),
        "peaks_mb": [round(p / 2**20) for p in peaks[: jobs + 1]],
    }


class Timers:
    """Wraps functions by name and adds up the time spent in them (signature-agnostic)."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    def wrap(self, owner: object, name: str, label: str) -> None:
        original = getattr(owner, name, None)
        if original is None:
            return
        self.seconds.setdefault(label, 0.0)

        def timed(*args: object, **kwargs: object) -> object:
            start = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                self.seconds[label] += time.perf_counter() - start

        setattr(owner, name, timed)


def phases(articles: Path, limit: int | None) -> dict[str, float]:
    """Seconds per phase over all articles, in this process, imports excluded.

    The PDF writer's steps are timed by wrapping what it calls (chart
    drawings, the Jinja template, TrueType parsing, z3c.rml's layout); a step
    the writer no longer has is left out of the table.
    """
    from reportlab.pdfbase import ttfonts
    from z3c.rml import document

    from briefing.compose import compose
    from briefing.config import load_style
    from briefing.pipeline import read_path
    from briefing.writers import pdf as pdf_writer

    style = load_style()
    files = sorted(articles.glob("*.txt"))[:limit]
    # warm up (first-use imports, caches) outside the measurement
    pdf_writer.pdf_bytes(compose([read_path(files[0])], date=DATE), style=style)
    timers = Timers()
    timers.wrap(pdf_writer, "_drawings", "pdf: charts")
    timers.wrap(pdf_writer, "render_template", "pdf: template (Jinja → RML)")
    timers.wrap(ttfonts.TTFont, "__init__", "pdf: TrueType parsing")
    timers.wrap(document.Document, "process", "pdf: layout (z3c.rml + ReportLab)")
    totals = {"read": 0.0, "analysis": 0.0, "pdf": 0.0}
    for path in files:
        t0 = time.perf_counter()
        doc = read_path(path)
        t1 = time.perf_counter()
        brief = compose([doc], date=DATE)
        t2 = time.perf_counter()
        pdf_writer.pdf_bytes(brief, style=style)
        totals["read"] += t1 - t0
        totals["analysis"] += t2 - t1
        totals["pdf"] += time.perf_counter() - t2
    steps = dict(timers.seconds)
    layout = "pdf: layout (z3c.rml + ReportLab)"
    if layout in steps and "pdf: TrueType parsing" in steps:
        steps[layout] -= steps["pdf: TrueType parsing"]  # the fonts are parsed inside the layout
    steps["pdf: other"] = totals.pop("pdf") - sum(steps.values())
    totals.update(steps)
    totals["briefs"] = len(files)
    return totals


def profile(articles: Path, limit: int) -> None:
    import cProfile
    import pstats

    from briefing.compose import compose
    from briefing.config import load_style
    from briefing.pipeline import read_path
    from briefing.writers.pdf import pdf_bytes

    style = load_style()
    files = sorted(articles.glob("*.txt"))[:limit]
    pdf_bytes(compose([read_path(files[0])], date=DATE), style=style)
    profiler = cProfile.Profile()
    profiler.enable()
    for path in files:
        pdf_bytes(compose([read_path(path)], date=DATE), style=style)
    profiler.disable()
    print(f"\n### cProfile, {len(files)} briefs, top 25 by cumulative time\n\n```")
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)
    print("```")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--methods", default="forkserver,fork", help="start methods to compare")
    parser.add_argument("--eval", type=Path, default=EVAL)
    parser.add_argument("--phases", action="store_true", help="time read/analysis/charts/layout in one process")
    parser.add_argument("--profile", action="store_true", help="cProfile the briefs (with --phases' work)")
    parser.add_argument("--limit", type=int, default=None, help="articles for --phases/--profile")
    args = parser.parse_args()
    articles = args.eval / "summaries" / "cnndm_dev" / "article"
    if not articles.is_dir():
        print(f"skipped: {articles} not found")
        return 0
    import briefing

    print(f"briefing from {Path(briefing.__file__).parent}; {os.cpu_count()} CPUs; "
          f"load average {os.getloadavg()[0]:.2f}\n")
    ok = True
    with tempfile.TemporaryDirectory(prefix="batch-bench-") as tmp:
        folder = Path(tmp) / "in"
        good = make_folder(articles, folder)
        rows = [run(folder, args.jobs, method) for method in args.methods.split(",")]
    print(f"| start method | jobs | wall s | briefs/s (target ≥ {TARGET:g}) | median s per brief | "
          "worker CPU s per brief | peak RSS per process, MB | made | failed |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for row in rows:
        failed = ", ".join(Path(str(f)).name for f in row["failed"]) or "none"  # type: ignore[union-attr]
        print(f"| {row['method']} | {args.jobs} | {row['wall']:.1f} | {row['rate']:.2f} | {row['job_median']:.2f} | "
              f"{row['cpu_per_brief']:.2f} | "
              f"{', '.join(map(str, row['peaks_mb']))} | {row['made']}/{good} | {failed} |")
        ok &= row["made"] == good and row["pdfs"] == good and row["failed"] == [str(folder / "corrupt.txt")]
    for row in rows[:1]:
        for error in row["errors"]:  # type: ignore[union-attr]
            print(f"\ncorrupted input reported as: {error}")
    if args.phases or args.profile:
        totals = phases(articles, args.limit)
        n = totals.pop("briefs")
        whole = sum(totals.values())
        print(f"\n### One process, {n:g} briefs, seconds per brief\n")
        print("| phase | s per brief | share |")
        print("| --- | --- | --- |")
        for phase, seconds in totals.items():
            print(f"| {phase} | {seconds / n:.3f} | {seconds / whole:.0%} |")
        print(f"| total | {whole / n:.3f} | 100% |")
    if args.profile:
        profile(articles, args.limit or 10)
    if not ok:
        print("\nFAILED: expected every article made and only corrupt.txt failed")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
