"""The whole batch: skip what is unchanged, run the rest, write the manifest and the report.

Jobs run in :mod:`briefing.batch.workers`: on long-lived local worker
processes that import the heavy modules once, or with ``dask://HOST:PORT`` on
an existing Dask distributed cluster, with the same job function (the
cluster's workers must see the same paths).  A failing document fails its
job only.  ``OUT_DIR/batch-report.json`` says what happened to every job.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from briefing._version import __version__
from briefing.batch.jobs import MANIFEST_NAME, REPORT_NAME, Interrupted, Job, Result, load_manifest, unchanged
from briefing.errors import OutputError


def run_batch(jobs: Sequence[Job], out_dir: str | Path, *, workers: int = 2, executor: str = "local",
              force: bool = False, progress: Callable[[Result], None] | None = None,
              start_method: str | None = None) -> list[Result]:
    """Skip what is unchanged, run the rest, write the manifest and the report.

    ``jobs`` come from :func:`plan`; ``start_method`` is the local pool's
    (default :data:`briefing.batch.workers.START_METHOD`).  Returns the
    results in job order; ``progress`` is called once per job as it
    finishes (skipped ones first).
    """
    out = Path(out_dir)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"{out}: cannot create the output folder ({exc.strerror})") from None
    manifest = {} if force else load_manifest(out)
    results: dict[str, Result] = {}
    todo = []
    for job in jobs:
        if unchanged(job, manifest):
            results[job.name] = Result(input=job.name, output=job.output, status="skipped",
                                       sha256=manifest[Path(job.output).name]["sha256"])
            if progress:
                progress(results[job.name])
        else:
            todo.append(job)
    started = time.perf_counter()
    if todo:
        from briefing.batch import workers as pool

        if executor == "local":
            runner = pool.run_local(todo, workers, start_method or pool.START_METHOD)
        else:
            runner = pool.run_dask(todo, pool.dask_address(executor))
        try:
            for result in runner:
                results[result.input] = result
                if progress:
                    progress(result)
        except KeyboardInterrupt:
            # Briefs already made are recorded, so running the batch again makes only the rest.
            done = [results[job.name] for job in jobs if job.name in results]
            _write_manifest(out, done, {job.name: job.key for job in jobs}, manifest)
            write_report(out, done, jobs[0].options.fmt, workers, executor, time.perf_counter() - started)
            made = sum(r.status == "ok" for r in done)
            raise Interrupted(f"interrupted: {made} of {len(todo)} briefs made and recorded; "
                              "run the same command again to make the rest") from None
    ordered = [results[job.name] for job in jobs]
    _write_manifest(out, ordered, {job.name: job.key for job in jobs}, manifest)
    fmt = jobs[0].options.fmt if jobs else ""
    write_report(out, ordered, fmt, workers, executor, time.perf_counter() - started)
    return ordered


def _write_manifest(out: Path, results: list[Result], keys: dict[str, str],
                    previous: dict[str, dict[str, str]]) -> None:
    from briefing.writers import write_atomically

    entries = dict(previous)
    for result in results:
        name = Path(result.output).name
        if result.status == "ok":
            entries[name] = {"key": keys[result.input], "sha256": result.sha256}
        elif result.status == "failed":
            entries.pop(name, None)
    data = {"tool": f"briefing {__version__}", "outputs": dict(sorted(entries.items()))}
    write_atomically(out / MANIFEST_NAME, (json.dumps(data, indent=2) + "\n").encode("utf-8"))


def write_report(out: Path, results: list[Result], fmt: str, workers: int, executor: str,
                 seconds: float) -> Path:
    """``OUT_DIR/batch-report.json``: the options, counts and one row per job."""
    from briefing.writers import write_atomically

    counts = {status: sum(r.status == status for r in results) for status in ("ok", "failed", "skipped")}
    rows = [{"input": r.input, "output": r.output, "status": r.status, "error": r.error or None,
             "seconds": r.seconds, "warnings": r.warnings} for r in results]
    report = {"tool": f"briefing {__version__}", "format": fmt, "executor": executor,
              "jobs": workers, "seconds": round(seconds, 3), "counts": counts, "results": rows}
    return write_atomically(out / REPORT_NAME, (json.dumps(report, ensure_ascii=False, indent=2) + "\n").encode())


def summary_table(results: list[Result]) -> str:
    """A plain-text table of the failures (input and reason), then the counts."""
    failed = [r for r in results if r.status == "failed"]
    counts = {status: sum(r.status == status for r in results) for status in ("ok", "skipped", "failed")}
    lines = []
    if failed:
        width = min(max(len(r.input) for r in failed), 48)
        lines.append(f"{'failed input':<{width}}  reason")
        lines.append(f"{'-' * width}  {'-' * 40}")
        lines += [f"{r.input:<{width}}  {r.error}" for r in failed]
        lines.append("")
    lines.append(f"{counts['ok']} made, {counts['skipped']} unchanged (skipped), {counts['failed']} failed")
    return "\n".join(lines)


def default_workers() -> int:
    """Worker processes by default: the cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)
