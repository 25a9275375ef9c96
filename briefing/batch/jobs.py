"""The jobs of a batch: what to make from INPUT_DIR, and what is unchanged since the last run.

Grouping rule: every document file directly in INPUT_DIR is one brief; every
sub-folder of INPUT_DIR is one brief made from all the documents in it (a
folder per meeting, say).  A brief file (.yaml/.json) is laid out as it is.
Hidden files and formats no reader takes are skipped with a warning.

Re-running skips a brief whose inputs (sha256 of their bytes) and options are
unchanged and whose output is still the file that was written: the manifest
``OUT_DIR/.briefing-batch.json`` records both.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

from briefing._version import __version__
from briefing.errors import BriefingError, InputError, OutputError


class Interrupted(BriefingError):
    """Ctrl-C during a batch: what was finished is recorded, the rest is not."""

    exit_code = 130


REPORT_NAME = "batch-report.json"
MANIFEST_NAME = ".briefing-batch.json"


@dataclass(frozen=True)
class Options:
    """Everything besides the inputs that changes a brief's bytes."""

    fmt: str = "pdf"
    template: str | None = None
    style_file: str | None = None
    paper: str | None = None
    grayscale: bool | None = None
    language: str | None = None
    length: str | None = None
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
            ok = suffix.lstrip(".") in READERS or suffix in _brief_suffixes()
            (taken if ok else skipped).append(child)
    return taken, skipped


def plan(input_dir: str | Path, out_dir: str | Path, options: Options) -> tuple[list[Job], list[str]]:
    """The jobs for ``input_dir`` (see the module's grouping rule) and warnings."""
    from briefing.writers import get_format

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
        docs = [d for d in docs if d.suffix.lower() not in _brief_suffixes()]
        skipped += sub_skipped
        if docs:
            groups.append((sub.name + os.sep, docs))
        else:
            warnings.append(f"{sub}: skipped, holds no document briefing reads")
    warnings += [f"{path}: skipped, not a format briefing reads" for path in skipped]
    stems = [Path(name).stem for name, _ in groups]
    suffix = get_format(options.fmt).suffix
    jobs = []
    for (name, docs), stem in zip(groups, stems, strict=True):
        if stems.count(stem) > 1:  # a.txt and a.md: keep both, named in full
            stem = name.rstrip(os.sep).replace(".", "-")
        inputs = tuple(str(d.resolve()) for d in docs)
        job = Job(name=str(source / name), inputs=inputs, output=str(target / f"{stem}{suffix}"), options=options)
        jobs.append(replace(job, key=job_key(job)))
    return jobs, warnings


def _brief_suffixes() -> tuple[str, ...]:
    from briefing.serialise import BRIEF_SUFFIXES

    return BRIEF_SUFFIXES


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
