"""The ``email``, ``print`` and ``batch`` commands (loaded lazily by the CLI).

Only click and the standard library are imported here at module level, so
``briefing --help`` stays light; the work is in the sibling modules.
"""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from briefing.cli import INPUT, brief_date, handle_errors, load_or_compose, render_options, warn
from briefing.errors import BriefingError

if TYPE_CHECKING:  # pragma: no cover
    from briefing.config import Style
    from briefing.model import Brief

FORMAT_CHOICE = click.Choice(["pdf", "html", "md", "json"])


def _finished_pdf(inputs: Sequence[str]) -> tuple[Path, str] | None:
    """``(path, title)`` when the only input is a PDF that briefing made."""
    if len(inputs) != 1:
        return None
    from briefing.deliver import briefing_pdf

    title = briefing_pdf(inputs[0])
    return (Path(inputs[0]), title) if title is not None else None


def _render_pdf(inputs: Sequence[str], date: str | None, style: Style,
                template: str | None) -> tuple[Brief, bytes, str]:
    """Read and compose (or load) the brief and lay it out: brief, PDF bytes, file name."""
    from briefing.textutil import slugify
    from briefing.writers.pdf import pdf_bytes

    brief = load_or_compose(inputs, date)
    data = pdf_bytes(brief, template=template, style=style, warn=warn)
    return brief, data, (slugify(brief.title) or "brief") + ".pdf"


@click.command()
@INPUT
@click.option("--to", "to", multiple=True, required=True, metavar="ADDR",
              help="Recipient (repeat for more): user@example.org or 'Name <user@example.org>'.")
@click.option("--cc", multiple=True, metavar="ADDR", help="Copy to (repeatable).")
@click.option("--subject", help="Subject line [default: the brief's title].")
@click.option("--dry-run", "dry_run", type=click.Path(dir_okay=False), metavar="FILE.eml",
              help="Write the message to FILE.eml instead of sending it.")
@render_options
@handle_errors
def email(inputs: tuple[str, ...], to: tuple[str, ...], cc: tuple[str, ...], subject: str | None,
          dry_run: str | None, template: str | None, style_file: str | None, paper: str | None,
          grayscale: bool | None, language: str | None, date: str | None) -> None:
    """Email the brief: text and HTML body with the key takeaways, the PDF attached.

    INPUT is a PDF made by briefing (sent as it is) or what `briefing render`
    takes (documents, folders, a brief file), rendered first.  The mail server
    comes from the house style's smtp section and BRIEFING_SMTP_HOST, _PORT,
    _USER, _SECURITY (starttls, ssl, or none for a loopback host), _CA_FILE
    and _FROM; the password from BRIEFING_SMTP_PASSWORD or ~/.netrc, never a
    flag.  Transient failures are retried.
    """
    from briefing.config import load_style
    from briefing.deliver import email as mail
    from briefing.deliver import smtp
    from briefing.model import Brief

    recipients = mail.parse_addresses(to)
    copies = mail.parse_addresses(cc)
    style = load_style(style_file, paper=paper, grayscale=grayscale, language=language)
    settings = smtp.smtp_settings(style.smtp)
    if dry_run is None:
        smtp.check_settings(settings)  # before the work of rendering
    sender = mail.parse_address(settings.sender) if settings.sender else None
    finished = _finished_pdf(inputs)
    if finished is not None:
        from briefing.writers.attach import embedded_brief

        path, title = finished
        # The PDF carries its brief (brief.json): the body gets the takeaways; else the title alone.
        brief: Brief = embedded_brief(path) or Brief(title=title)
        data, name = path.read_bytes(), path.name
    else:
        brief, data, name = _render_pdf(inputs, date, style, template)
    html, images = mail.html_body(brief, style=style, template=template)
    message = mail.build_message(sender=sender, to=recipients, cc=copies, subject=subject or brief.title,
                                 text=mail.text_body(brief, name, style.language), html=html, images=images,
                                 pdf=data, pdf_name=name)
    if dry_run is not None:
        if sender is None:
            warn("no sender address configured: the message has no From header")
        click.echo(str(mail.write_eml(message, dry_run)))
        return
    delivery = smtp.send_message(message, settings, on_retry=warn)
    click.echo(f"sent {name} to {', '.join(delivery.accepted)}")


def _check_pages(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    from briefing.deliver.printing import page_ranges

    try:
        return page_ranges(value)
    except BriefingError as exc:
        raise click.BadParameter(str(exc).removeprefix(f"--pages '{value}': ")) from None


@click.command("print")
@INPUT
@click.option("--printer", "-d", metavar="NAME", help="CUPS printer [default: the system default].")
@click.option("--copies", "-n", type=click.IntRange(1, 100), default=1, show_default=True, help="Copies.")
@click.option("--duplex/--simplex", default=None,
              help="Print on both sides (bound on the long edge) or one [default: the printer's setting].")
@click.option("--pages", metavar="RANGE", callback=_check_pages, help="Pages to print, e.g. 1-2,4.")
@render_options
@handle_errors
def print_brief(inputs: tuple[str, ...], printer: str | None, copies: int, duplex: bool | None,
                pages: str | None, template: str | None, style_file: str | None, paper: str | None,
                grayscale: bool | None, language: str | None, date: str | None) -> None:
    """Print the brief through CUPS (lp).

    INPUT is a PDF made by briefing (printed as it is) or what `briefing
    render` takes, rendered first; --grayscale and the house style's binding
    margin make a brief for an office printer.
    """
    from briefing.config import load_style
    from briefing.deliver.printing import print_pdf

    finished = _finished_pdf(inputs)
    if finished is not None:
        job = print_pdf(finished[0], printer=printer, copies=copies, duplex=duplex, pages=pages)
        name = finished[0].name
    else:
        from briefing.writers import write_atomically

        style = load_style(style_file, paper=paper, grayscale=grayscale, language=language)
        _brief, data, name = _render_pdf(inputs, date, style, template)
        with tempfile.TemporaryDirectory(prefix="briefing-print-") as folder:
            path = write_atomically(Path(folder) / name, data)
            job = print_pdf(path, printer=printer, copies=copies, duplex=duplex, pages=pages)
    click.echo(f"printed {name} on {printer or 'the default printer'}"
               + (f" (request {job.request_id})" if job.request_id else ""))


@click.command()
@click.argument("input_dir", metavar="INPUT_DIR")
@click.option("-o", "--output", "out_dir", required=True, metavar="OUT_DIR", help="Folder for the briefs.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), help="Worker processes [default: all cores].")
@click.option("-f", "--format", "fmt", type=FORMAT_CHOICE, default="pdf", show_default=True,
              help="Output format.")
@click.option("--executor", default="local", show_default=True, metavar="local|dask://HOST:PORT",
              help="Run here, or on an existing Dask distributed cluster.")
@click.option("--force", is_flag=True, help="Remake every brief, even those whose inputs did not change.")
@render_options
@handle_errors
def batch(input_dir: str, out_dir: str, jobs: int | None, fmt: str, executor: str, force: bool,
          template: str | None, style_file: str | None, paper: str | None, grayscale: bool | None,
          language: str | None, date: str | None) -> None:
    """Make one brief per document of INPUT_DIR (and one per sub-folder).

    Each document directly in INPUT_DIR gives a brief; each sub-folder gives
    one brief of all its documents.  Briefs whose inputs and options have not
    changed since the last run are skipped.  OUT_DIR/batch-report.json lists
    every input with its output, status, error and seconds; the exit status
    is 1 if any brief failed.
    """
    from briefing.config import load_style
    from briefing.deliver import batch as runner
    from briefing.deliver.workers import dask_address

    load_style(style_file, paper=paper, grayscale=grayscale, language=language)  # fail once, not per brief
    if executor != "local":
        dask_address(executor)
        if jobs is not None:
            warn("--jobs is ignored with a Dask executor: the cluster has its own workers")
    options = runner.Options(fmt=fmt, template=template, style_file=style_file, paper=paper,
                             grayscale=grayscale, language=language, date=brief_date(date))
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
