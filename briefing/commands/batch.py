"""``briefing batch``: one brief per document of a folder (and one per sub-folder)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from briefing.commands import format_option, handle_errors, load_style, render_options, warn
from briefing.errors import BriefingError


@click.command()
@click.argument("input_dir", metavar="INPUT_DIR")
@click.option("-o", "--output", "out_dir", required=True, metavar="OUT_DIR", help="Folder for the briefs.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), help="Worker processes [default: all cores].")
@format_option
@click.option("--executor", default="local", show_default=True, metavar="local|dask://HOST:PORT",
              help="Run here, or on an existing Dask distributed cluster.")
@click.option("--force", is_flag=True, help="Remake every brief, even those whose inputs did not change.")
@render_options
@handle_errors
def batch(input_dir: str, out_dir: str, jobs: int | None, fmt: str, executor: str, force: bool,
          template: str | None, style_file: str | None, paper: str | None, grayscale: bool | None,
          language: str | None, length: str | None, date: str | None) -> None:
    """Make one brief per document of INPUT_DIR (and one per sub-folder).

    Each document directly in INPUT_DIR gives a brief; each sub-folder gives
    one brief of all its documents.  Briefs whose inputs and options have not
    changed since the last run are skipped.  OUT_DIR/batch-report.json lists
    every input with its output, status, error and seconds; the exit status
    is 1 if any brief failed.
    """
    from briefing import batch as runner
    from briefing.batch.workers import dask_address
    from briefing.discovery import find_style
    from briefing.pipeline import brief_date

    found, _how = find_style(style_file)  # every worker gets the file found here
    style_file = None if found is None else str(found)
    load_style(style_file, paper=paper, grayscale=grayscale, language=language, length=length)  # fail once
    if executor != "local":
        dask_address(executor)
        if jobs is not None:
            warn("--jobs is ignored with a Dask executor: the cluster has its own workers")
    options = runner.Options(fmt=fmt, template=template, style_file=style_file, paper=paper,
                             grayscale=grayscale, language=language, length=length, date=brief_date(date))
    planned, warnings = runner.plan(input_dir, out_dir, options)
    for message in warnings:
        warn(message)
    if not planned:
        raise BriefingError(f"{input_dir}: holds no document briefing reads")
    stderr = sys.stderr
    bar: Any
    with click.progressbar(length=len(planned), label="briefs", file=stderr, show_pos=True) as bar:
        results = runner.run_batch(planned, out_dir, workers=jobs or runner.default_workers(), executor=executor,
                                   force=force, progress=lambda _result: bar.update(1))
    for result in results:
        for message in result.warnings:
            warn(f"{result.input}: {message}")
    click.echo(runner.summary_table(results), err=True)
    report = Path(out_dir) / runner.REPORT_NAME
    click.echo(str(report))
    failed = sum(r.status == "failed" for r in results)
    if failed:
        raise BriefingError(f"{failed} of {len(results)} briefs failed (see {report})")
