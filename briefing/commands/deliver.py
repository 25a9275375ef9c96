"""``briefing email`` and ``briefing print``: the brief sent or printed.

INPUT is a PDF that briefing made (sent or printed as it is) or anything
``render`` takes, rendered first; the work is in :mod:`briefing.deliver`.
"""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import click

from briefing.commands import INPUT, brief_of, handle_errors, load_style, render_options, warn
from briefing.errors import BriefingError

if TYPE_CHECKING:  # pragma: no cover
    from briefing.config import Style
    from briefing.model import Brief


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
    from briefing import pipeline
    from briefing.textutil import slugify

    brief = brief_of(inputs, date, style.length)
    data = pipeline.render(brief, "pdf", template=template, style=style, warn=warn)
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
          grayscale: bool | None, language: str | None, length: str | None, date: str | None) -> None:
    """Email the brief: text and HTML body with the key takeaways, the PDF attached.

    INPUT is a PDF made by briefing (sent as it is) or what `briefing render`
    takes (documents, folders, a brief file), rendered first.  The mail server
    comes from the house style's smtp section and BRIEFING_SMTP_HOST, _PORT,
    _USER, _SECURITY (starttls, ssl, or none for a loopback host), _CA_FILE
    and _FROM; the password from BRIEFING_SMTP_PASSWORD or ~/.netrc, never a
    flag.  Transient failures are retried.
    """
    from briefing.deliver import email as mail
    from briefing.deliver import smtp
    from briefing.model import Brief

    recipients = mail.parse_addresses(to)
    copies = mail.parse_addresses(cc)
    style = load_style(style_file, paper=paper, grayscale=grayscale, language=language, length=length)
    settings = smtp.smtp_settings(style.smtp)
    if dry_run is None:
        smtp.check_settings(settings)  # before the work of rendering
    sender = mail.parse_address(settings.sender) if settings.sender else None
    finished = _finished_pdf(inputs)
    if finished is not None:
        from briefing.writers.pdf.attach import embedded_brief

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
                grayscale: bool | None, language: str | None, length: str | None, date: str | None) -> None:
    """Print the brief through CUPS (lp).

    INPUT is a PDF made by briefing (printed as it is) or what `briefing
    render` takes, rendered first; --grayscale and the house style's binding
    margin make a brief for an office printer.
    """
    from briefing.deliver.printing import print_pdf

    finished = _finished_pdf(inputs)
    if finished is not None:
        job = print_pdf(finished[0], printer=printer, copies=copies, duplex=duplex, pages=pages)
        name = finished[0].name
    else:
        from briefing.writers import write_atomically

        style = load_style(style_file, paper=paper, grayscale=grayscale, language=language, length=length)
        _brief, data, name = _render_pdf(inputs, date, style, template)
        with tempfile.TemporaryDirectory(prefix="briefing-print-") as folder:
            path = write_atomically(Path(folder) / name, data)
            job = print_pdf(path, printer=printer, copies=copies, duplex=duplex, pages=pages)
    click.echo(f"printed {name} on {printer or 'the default printer'}"
               + (f" (request {job.request_id})" if job.request_id else ""))
