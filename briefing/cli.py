"""The ``briefing`` command line: thin, it parses options and calls the API.

Everything heavy is imported inside the command that needs it, so
``briefing --help`` loads neither ReportLab nor matplotlib.  Errors meant for
the user are one line on stderr: exit code 2 for usage, 1 for bad input;
tracebacks only with ``--debug``.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Callable, Sequence
from functools import wraps
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from briefing import __version__
from briefing.errors import BriefingError, OutputError

if TYPE_CHECKING:  # pragma: no cover
    from briefing.model import Brief, Document

F = TypeVar("F", bound=Callable[..., Any])
BRIEF_SUFFIXES = {".yaml", ".yml", ".json"}
INPUT = click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")


def _fail(message: str, code: int = 1) -> None:
    click.echo(f"briefing: error: {message}", err=True)
    sys.exit(code)


def handle_errors(func: F) -> F:
    """Turn BriefingError (and, without --debug, any crash) into one line."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        debug = bool(click.get_current_context().find_root().params.get("debug"))
        try:
            return func(*args, **kwargs)
        except BriefingError as exc:
            if debug:
                raise
            _fail(str(exc), exc.exit_code)
        except (click.exceptions.Exit, click.ClickException, SystemExit):
            raise
        except Exception as exc:  # noqa: BLE001 - a bug: say so in one line
            if debug:
                raise
            first = str(exc).splitlines()[0] if str(exc) else ""
            _fail(f"internal error: {type(exc).__name__}: {first} (run with --debug for details)")

    return wrapper  # type: ignore[return-value]


def brief_date(value: str | None) -> str:
    """The brief's date: the flag, else SOURCE_DATE_EPOCH, else today."""
    if value:
        return value
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date().isoformat()
    return dt.date.today().isoformat()


def _validate_date(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise click.BadParameter(f"'{value}' is not a date like 2025-08-09") from None


def read_documents(inputs: Sequence[str]) -> list[Document]:
    """Read every input, report reading warnings, drop repeated files."""
    from briefing.errors import InputError
    from briefing.readers import expand, read_path
    from briefing.readers.url import is_url, read_url

    inputs, skipped = expand(list(inputs))
    for path in skipped:
        click.echo(f"briefing: warning: {path}: skipped, not a format briefing reads", err=True)
    if not inputs:
        raise InputError("the folder holds no document briefing can read")
    if list(inputs).count("-") > 1:
        raise click.UsageError("standard input ('-') can be read only once")
    documents: list[Document] = []
    seen: dict[str, str] = {}
    for path in inputs:
        doc = read_url(path) if is_url(path) else read_path(path)
        if doc.sha256 in seen:
            click.echo(f"briefing: warning: {path}: same content as {seen[doc.sha256]}, read once", err=True)
            continue
        seen[doc.sha256] = path
        for warning in doc.warnings:
            click.echo(f"briefing: warning: {doc.path}: {warning}", err=True)
        documents.append(doc)
    return documents


def load_or_compose(inputs: Sequence[str], date: str | None) -> Brief:
    """A brief file is loaded as it is; documents are read and analysed."""
    from briefing.readers.url import is_url

    briefs = [p for p in inputs if not is_url(p) and Path(p).suffix.lower() in BRIEF_SUFFIXES]
    if briefs:
        if len(inputs) > 1:
            raise click.UsageError("a brief file (.yaml/.json) is rendered on its own, not with other inputs")
        from briefing.serialise import load_brief

        return load_brief(briefs[0])
    from briefing.compose import compose

    return compose(read_documents(inputs), date=brief_date(date))


def output_path(output: str | None, brief: Brief, suffixes: Sequence[str], inputs: Sequence[str]) -> Path:
    """Where to write: ``-o`` (a file or a folder) or ``out/<slug-of-title>``.

    A name without a suffix is a folder; a file name must carry one of
    ``suffixes`` (the first is the default), so a PDF never lands in a
    file called ``brief.yaml``.
    """
    from briefing.textutil import slugify

    name = (slugify(brief.title) or "brief") + suffixes[0]
    if output is None:
        target = Path("out") / name
    elif output.endswith(("/", os.sep)) or Path(output).is_dir() or not Path(output).suffix:
        target = Path(output) / name
    elif Path(output).suffix.lower() in suffixes:
        target = Path(output)
    else:
        wanted = " or ".join(suffixes)
        raise click.UsageError(f"-o {output}: this command writes {wanted} files")
    resolved = target.resolve()
    for item in inputs:
        if item != "-" and Path(item).resolve() == resolved:
            raise OutputError(f"{target}: refusing to overwrite an input file")
    return target


#: Commands defined outside this module, imported only when used or listed
#: (their modules import nothing heavy at module level).
LAZY_COMMANDS = {
    "email": "briefing.deliver.commands:email",
    "print": "briefing.deliver.commands:print_brief",
    "batch": "briefing.deliver.commands:batch",
}


def _available(cmd_name: str) -> bool:
    from importlib.util import find_spec

    module_name = LAZY_COMMANDS[cmd_name].partition(":")[0]
    try:
        return find_spec(module_name) is not None
    except ModuleNotFoundError:
        return False


class BriefingGroup(click.Group):
    """A click group whose usage errors are one line, like every other error.

    Commands in :data:`LAZY_COMMANDS` are imported on first use.
    """

    def list_commands(self, ctx: click.Context) -> list[str]:  # noqa: D102 - click's API
        return sorted({*super().list_commands(ctx), *filter(_available, LAZY_COMMANDS)})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:  # noqa: D102
        if cmd_name in LAZY_COMMANDS and cmd_name not in self.commands and _available(cmd_name):
            import importlib

            module_name, _, attribute = LAZY_COMMANDS[cmd_name].partition(":")
            command = getattr(importlib.import_module(module_name), attribute)
            self.add_command(command, cmd_name)
        return super().get_command(ctx, cmd_name)

    def main(self, *args: Any, **kwargs: Any) -> Any:  # noqa: D102 - click's API
        kwargs["standalone_mode"] = False
        try:
            code = super().main(*args, **kwargs)
        except click.UsageError as exc:
            hint = f" (see '{exc.ctx.command_path} --help')" if exc.ctx is not None else ""
            click.echo(f"briefing: error: {exc.format_message()}{hint}", err=True)
            sys.exit(exc.exit_code)
        except click.ClickException as exc:
            click.echo(f"briefing: error: {exc.format_message()}", err=True)
            sys.exit(exc.exit_code)
        except click.exceptions.Abort:
            click.echo("briefing: aborted", err=True)
            sys.exit(1)
        sys.exit(code if isinstance(code, int) else 0)


@click.group(name="briefing", cls=BriefingGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="briefing", message="%(prog)s %(version)s")
@click.option("--debug", is_flag=True, help="Show full tracebacks on errors.")
def cli(debug: bool) -> None:
    """Turn source documents into a policy brief.

    Read documents (.txt, .md), analyse them offline, and lay out a brief with
    key takeaways, themes with references to the source paragraphs, actors,
    a timeline, key figures and charts.
    """


def render_options(func: F) -> F:
    """The layout options shared by render, email and batch."""
    options = [
        click.option("--template", metavar="NAME|DIR",
                     help="Packaged template (policy-brief, handout) or a template folder."),
        click.option("--style", "style_file", type=click.Path(dir_okay=False),
                     help="House-style file (YAML or TOML)."),
        click.option("--paper", type=click.Choice(["a4", "letter"]),
                     help="Paper size [default: from the style, A4]."),
        click.option("--grayscale", is_flag=True, default=None,
                     help="Lay out for a black-and-white printer."),
        click.option("--lang", "language", type=click.Choice(["en", "az", "ru"]),
                     help="Language of the template's own labels [default: from the style]."),
        click.option("--date", callback=_validate_date,
                     help="Date of the brief, YYYY-MM-DD [default: today]."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def warn(message: str) -> None:
    """Print a warning line on stderr."""
    click.echo(f"briefing: warning: {message}", err=True)


@cli.command()
@INPUT
@click.option("-o", "--output", metavar="PATH",
              help="Output file or folder [default: out/<title>.<format>].")
@click.option("-f", "--format", "fmt", type=click.Choice(["pdf", "html", "md", "json"]), default="pdf",
              show_default=True, help="Output format.")
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
    date: str | None,
) -> None:
    """Lay out a brief as PDF (or HTML, Markdown, JSON).

    INPUT is one or more documents (.txt, .md, .html, .pdf, .docx, a URL)
    or folders of them, or one brief file (.yaml, .json) written by
    `briefing draft` and perhaps edited.
    """
    from briefing.config import load_style
    from briefing.writers import FORMATS, write_brief

    style = load_style(style_file, paper=paper, grayscale=grayscale, language=language)
    brief = load_or_compose(inputs, date)
    target = output_path(output, brief, (FORMATS[fmt],), inputs)
    write_brief(brief, target, fmt=fmt, template=template, style=style, warn=warn)
    click.echo(str(target))


@cli.command()
@INPUT
@click.option("-o", "--output", metavar="PATH", help="YAML (or .json) file [default: out/<title>.yaml].")
@click.option("--date", callback=_validate_date, help="Date of the brief, YYYY-MM-DD [default: today].")
@handle_errors
def draft(inputs: tuple[str, ...], output: str | None, date: str | None) -> None:
    """Write the structured brief as YAML for a human to edit.

    Edit the file, then lay it out with `briefing render FILE.yaml`.
    """
    from briefing.compose import compose
    from briefing.serialise import dump_json, dump_yaml
    from briefing.writers import write_atomically

    brief = compose(read_documents(inputs), date=brief_date(date))
    target = output_path(output, brief, (".yaml", ".yml", ".json"), inputs)
    text = dump_json(brief) if target.suffix.lower() == ".json" else dump_yaml(brief, target.name)
    write_atomically(target, text.encode("utf-8"))
    click.echo(str(target))


@cli.command()
@click.argument("input_path", metavar="INPUT")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a readable report.")
@handle_errors
def inspect(input_path: str, as_json: bool) -> None:
    """Show what was read from INPUT: title, metadata, headings, chrome, counts."""
    from briefing.inspection import describe, report

    doc = read_documents([input_path])[0]
    if as_json:
        import json

        click.echo(json.dumps(describe(doc), ensure_ascii=False, indent=2))
    else:
        click.echo(report(doc))


@cli.command()
@click.argument("input_path", metavar="INPUT")
@click.option("--sentences", "-n", type=click.IntRange(min=1), help="Number of sentences [default: 3].")
@click.option("--words", "-w", type=click.IntRange(min=1), help="About this many words instead.")
@handle_errors
def summarize(input_path: str, sentences: int | None, words: int | None) -> None:
    """Print the best sentences of INPUT, one per line, in document order."""
    if sentences is not None and words is not None:
        raise click.UsageError("give --sentences or --words, not both")
    from briefing.analysis.summary import summarize as run

    doc = read_documents([input_path])[0]
    for line in run(doc, sentences=sentences, words=words):
        click.echo(line)


@cli.group()
def style() -> None:
    """House styles: start one for your organisation."""


@style.command("init")
@click.argument("folder", metavar="DIR", type=click.Path(file_okay=False))
@click.option("--force", is_flag=True, help="Overwrite files that already exist.")
@handle_errors
def style_init(folder: str, force: bool) -> None:
    """Write a commented starter style and a copy of the default template.

    DIR/style.yaml lists every setting with its default; DIR/template/ is the
    policy-brief template to customise.  Use them with
    `briefing render DOC --style DIR/style.yaml --template DIR/template`.
    """
    from briefing.resources import assets_dir, templates_dir
    from briefing.writers import write_atomically

    root = Path(folder)
    template = templates_dir() / "policy-brief"
    files = {root / "style.yaml": assets_dir() / "style-starter.yaml"}
    files |= {root / "template" / p.name: p for p in sorted(template.iterdir()) if p.is_file()}
    existing = [str(target) for target in files if target.exists()]
    if existing and not force:
        raise OutputError(f"{existing[0]}: already exists (use --force to overwrite)")
    for target, source in files.items():
        write_atomically(target, source.read_bytes())
    click.echo(f"{root / 'style.yaml'}\n{root / 'template'}/")


def main() -> None:
    """Entry point of the ``briefing`` script."""
    cli(prog_name="briefing")
