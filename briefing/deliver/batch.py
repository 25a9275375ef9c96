"""Many briefs at once: one job per document, run by long-lived workers.

Grouping rule: every document file directly in INPUT_DIR is one brief; every
sub-folder of INPUT_DIR is one brief made from all the documents in it (a
folder per meeting, say).  A brief file (.yaml/.json) is laid out as it is.
Hidden files and formats no reader takes are skipped with a warning.

Jobs run in :mod:`briefing.deliver.workers`: on long-lived local worker
processes that import the heavy modules once, or with ``dask://HOST:PORT`` on
an existing Dask distributed cluster, with the same job function (the
cluster's workers must see the same paths).  A failing document fails its
job only.

Re-running skips a brief whose inputs (sha256 of their bytes) and options are
unchanged and whose output is still the file that was written: the manifest
``OUT_DIR/.briefing-batch.json`` records both.  ``OUT_DIR/batch-report.json``
says what happened to every job.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

from briefing import __version__
from briefing.errors import BriefingError, InputError, OutputError

class Interrupted(BriefingError):
    """Ctrl-C during a batch: what was finished is recorded, the rest is not."""

    exit_code = 130


REPORT_NAME = "batch-report.json"
MANIFEST_NAME = ".briefing-batch.json"
BRIEF_SUFFIXES = {".yaml", ".yml", ".json"}


@dataclass(frozen=True)
class Options:
    """Everything besides the inputs that changes a brief's bytes."""

    fmt: str = "pdf"
    template: str | None = None
    style_file: str | None = None
    paper: str | None = None
    grayscale: bool | None = None
    language: str | None = None
    date: str = ""


@dataclass(frozen=True)
class Job:
    """One brief to make: its inputs (absolute paths), output file and options."""

    name: str  # what the report calls the input (file or folder, relative to INPUT_DIR)
    inputs: tuple[str, ...]
    output: str
    options: Options
    key: str = ""  # digest of inputs and options (the manifest's test for "unchanged")


@dataclass
class Result:
    """What became of one job (a row of the report)."""

    input: str
    output: str
    status: str  # "ok", "failed" or "skipped" (unchanged since the last run)
    error: str = ""
    seconds: float = 0.0
    warnings: list[str] = field(default_factory=list)
    sha256: str = ""  # of the output written
    worker: int = 0  # process id of the worker that made it


# --------------------------------------------------------------------------
# Planning: which jobs, which can be skipped
# --------------------------------------------------------------------------


def _documents(folder: Path, skip: Path | None) -> tuple[list[Path], list[Path]]:
    from briefing.readers import READERS

    taken: list[Path] = []
    skipped: list[Path] = []
    for child in sorted(folder.iterdir()):
        if child.name.startswith(".") or (skip is not None and child.resolve() == skip):
            continue
        if child.is_file():
            suffix = child.suffix.lower()
            ok = suffix.lstrip(".") in READERS or suffix in BRIEF_SUFFIXES
            (taken if ok else skipped).append(child)
    return taken, skipped


def plan(input_dir: str | Path, out_dir: str | Path, options: Options) -> tuple[list[Job], list[str]]:
    """The jobs for ``input_dir`` (see the module's grouping rule) and warnings."""
    from briefing.writers import FORMATS

    source = Path(input_dir)
    target = Path(out_dir)
    if not source.is_dir():
        raise InputError(f"{input_dir}: not a folder")
    if target.resolve() == source.resolve():
        raise OutputError(f"-o {out_dir}: the output folder must not be the input folder")
    out_resolved = target.resolve()
    warnings: list[str] = []
    groups: list[tuple[str, list[Path]]] = []
    files, skipped = _documents(source, out_resolved)
    groups += [(f.name, [f]) for f in files]
    for sub in sorted(p for p in source.iterdir() if p.is_dir() and not p.name.startswith(".")):
        if sub.resolve() == out_resolved:
            continue
        docs, sub_skipped = _documents(sub, out_resolved)
        docs = [d for d in docs if d.suffix.lower() not in BRIEF_SUFFIXES]
        skipped += sub_skipped
        if docs:
            groups.append((sub.name + os.sep, docs))
        else:
            warnings.append(f"{sub}: skipped, holds no document briefing reads")
    warnings += [f"{path}: skipped, not a format briefing reads" for path in skipped]
    stems = [Path(name).stem for name, _ in groups]
    suffix = FORMATS[options.fmt]
    jobs = []
    for (name, docs), stem in zip(groups, stems, strict=True):
        if stems.count(stem) > 1:  # a.txt and a.md: keep both, named in full
            stem = name.rstrip(os.sep).replace(".", "-")
        inputs = tuple(str(d.resolve()) for d in docs)
        job = Job(name=str(source / name), inputs=inputs, output=str(target / f"{stem}{suffix}"), options=options)
        jobs.append(replace(job, key=job_key(job)))
    return jobs, warnings


def file_sha256(path: str | Path) -> str:
    """The sha256 of a file's bytes, read in chunks."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _tree_digest(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(folder)).encode() + b"\0" + file_sha256(path).encode())
    return digest.hexdigest()


def job_key(job: Job) -> str:
    """A digest of everything that decides the output's bytes.

    The inputs' content (not their dates), the options, the tool version and
    the content of a style file or template folder named by path.  An input
    that cannot be read gives a key that never matches, so it is retried.
    """
    parts: dict[str, Any] = {"version": __version__, "options": asdict(job.options)}
    try:
        parts["inputs"] = [[Path(p).name, file_sha256(p)] for p in job.inputs]
        if job.options.style_file:
            parts["style"] = file_sha256(job.options.style_file)
        if job.options.template and Path(job.options.template).is_dir():
            parts["template"] = _tree_digest(Path(job.options.template))
    except OSError:
        return ""
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()


def load_manifest(out_dir: Path) -> dict[str, dict[str, str]]:
    """The previous run's manifest (output name -> key, sha256), or empty."""
    try:
        data = json.loads((out_dir / MANIFEST_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    entries = data.get("outputs") if isinstance(data, dict) else None
    return entries if isinstance(entries, dict) else {}


def unchanged(job: Job, manifest: dict[str, dict[str, str]]) -> bool:
    """True if the manifest holds ``job``'s key and its output is still that file."""
    entry = manifest.get(Path(job.output).name)
    if not job.key or not isinstance(entry, dict) or entry.get("key") != job.key:
        return False
    try:
        return file_sha256(job.output) == entry.get("sha256")
    except OSError:
        return False


# --------------------------------------------------------------------------
# The whole batch
# --------------------------------------------------------------------------


def run_batch(jobs: Sequence[Job], out_dir: str | Path, *, workers: int = 2, executor: str = "local",
              force: bool = False, progress: Callable[[Result], None] | None = None,
              start_method: str | None = None) -> list[Result]:
    """Skip what is unchanged, run the rest, write the manifest and the report.

    ``jobs`` come from :func:`plan`; ``start_method`` is the local pool's
    (default :data:`briefing.deliver.workers.START_METHOD`).  Returns the
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
        from briefing.deliver import workers as pool

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
