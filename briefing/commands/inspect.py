"""``briefing inspect`` and ``briefing summarize``: what was read, and its best sentences."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from briefing.commands import handle_errors, warn_input

if TYPE_CHECKING:  # pragma: no cover
    from briefing.model import Document


def _read_one(input_path: str) -> Document:
    from briefing.pipeline import read_documents

    return read_documents([input_path], warn_input)[0]


@click.command()
@click.argument("input_path", metavar="INPUT")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a readable report.")
@handle_errors
def inspect(input_path: str, as_json: bool) -> None:
    """Show what was read from INPUT: title, metadata, headings, chrome, counts."""
    from briefing.inspection import describe, report

    doc = _read_one(input_path)
    if as_json:
        import json

        click.echo(json.dumps(describe(doc), ensure_ascii=False, indent=2))
    else:
        click.echo(report(doc))


@click.command()
@click.argument("input_path", metavar="INPUT")
@click.option("--sentences", "-n", type=click.IntRange(min=1), help="Number of sentences [default: 3].")
@click.option("--words", "-w", type=click.IntRange(min=1), help="About this many words instead.")
@handle_errors
def summarize(input_path: str, sentences: int | None, words: int | None) -> None:
    """Print the best sentences of INPUT, one per line, in document order."""
    if sentences is not None and words is not None:
        raise click.UsageError("give --sentences or --words, not both")
    from briefing.analysis.summary import summarize as run

    doc = _read_one(input_path)
    for line in run(doc, sentences=sentences, words=words):
        click.echo(line)
