"""``briefing render`` and ``briefing draft``: a brief laid out, or written as YAML to edit."""

from __future__ import annotations

import click

from briefing.commands import (
    DATE,
    INPUT,
    LENGTH,
    brief_of,
    format_option,
    handle_errors,
    load_style,
    output_path,
    render_options,
    warn,
    warn_input,
)


@click.command()
@INPUT
@click.option("-o", "--output", metavar="PATH",
              help="Output file or folder [default: out/<title>.<format>].")
@format_option
@render_options
@handle_errors
def render(
    inputs: tuple[str, ...],
    output: str | None,
    fmt: str,
    template: str | None,
    style_file: str | None,
    paper: str | None,
    grayscale: bool | None,
    language: str | None,
    length: str | None,
    date: str | None,
) -> None:
    """Lay out a brief as PDF (or HTML, Markdown, JSON).

    INPUT is one or more documents (.txt, .md, .html, .pdf, .docx, an https://
    address, - for standard input) or folders of them, or one brief file
    (.yaml, .json) written by `briefing draft` and perhaps edited.
    """
    from briefing import pipeline
    from briefing.writers import get_format

    style = load_style(style_file, paper=paper, grayscale=grayscale, language=language, length=length)
    brief = brief_of(inputs, date, style.length)
    target = output_path(output, brief, (get_format(fmt).suffix,), inputs)
    pipeline.write(brief, target, fmt, template=template, style=style, warn=warn)
    click.echo(str(target))


@click.command()
@INPUT
@click.option("-o", "--output", metavar="PATH", help="YAML (or .json) file [default: out/<title>.yaml].")
@LENGTH
@DATE
@handle_errors
def draft(inputs: tuple[str, ...], output: str | None, length: str | None, date: str | None) -> None:
    """Write the structured brief as YAML for a human to edit.

    Edit the file, then lay it out with `briefing render FILE.yaml`.
    """
    from briefing.pipeline import brief_date, compose_documents
    from briefing.serialise import BRIEF_SUFFIXES, dump_json, dump_yaml
    from briefing.writers import write_atomically

    length = load_style(None, paper=None, grayscale=None, language=None, length=length).length
    brief = compose_documents(inputs, date=brief_date(date), warn=warn_input, length=length)
    target = output_path(output, brief, BRIEF_SUFFIXES, inputs)
    text = dump_json(brief) if target.suffix.lower() == ".json" else dump_yaml(brief, target.name)
    write_atomically(target, text.encode("utf-8"))
    click.echo(str(target))
