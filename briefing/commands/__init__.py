"""The click code of every command, one module per command or pair of commands.

:mod:`briefing.cli` holds the group and imports a command's module only when
that command runs or is listed.  This package holds what the commands share:
the input argument, the layout options, the one-line error handling and the
output path rule.  Only click and the standard library are imported at
module level; each command imports its work inside its body.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Callable, Sequence
from functools import wraps
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, ParamSpec, TypeVar

import click

from briefing.errors import BriefingError, OutputError, UsageError
from briefing.labels import LANGUAGES

if TYPE_CHECKING:  # pragma: no cover
    from briefing.config import Style
    from briefing.model import Brief

F = TypeVar("F", bound=Callable[..., Any])
P = ParamSpec("P")
R = TypeVar("R")

#: The ``INPUT...`` argument of the commands that take documents.
INPUT = click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")


def fail(message: str, code: int = 1) -> NoReturn:
    """Print ``briefing: error: message`` on stderr and exit with ``code``."""
    click.echo(f"briefing: error: {message}", err=True)
    sys.exit(code)


def handle_errors(func: Callable[P, R]) -> Callable[P, R]:
    """Turn BriefingError (and, without --debug, any crash) into one line."""

    @wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        debug = bool(click.get_current_context().find_root().params.get("debug"))
        try:
            return func(*args, **kwargs)
        except UsageError as exc:
            if debug:
                raise
            raise click.UsageError(str(exc)) from None
        except BriefingError as exc:
            if debug:
                raise
            fail(str(exc), exc.exit_code)
        except (click.exceptions.Exit, click.ClickException, SystemExit):
            raise
        except Exception as exc:  # a bug: say so in one line
            if debug:
                raise
            first = str(exc).splitlines()[0] if str(exc) else ""
            fail(f"internal error: {type(exc).__name__}: {first} (run with --debug for details)")

    return wrapper


def _validate_date(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise click.BadParameter(f"'{value}' is not a date like 2025-08-09") from None


#: ``--date`` of the commands that compose a brief.
DATE = click.option("--date", callback=_validate_date, help="Date of the brief, YYYY-MM-DD [default: today].")


#: ``--length`` of the commands that compose a brief.
LENGTH = click.option("--length", type=click.Choice(["short", "standard", "full"]),
                      help="How much the brief says: short (2 pages), standard (about 4 pages and a 2-page annex) "
                           "or full (every row) [default: from the style, standard].")


def format_option(func: F) -> F:
    """``-f/--format``, one of :data:`briefing.writers.FORMATS`."""
    from briefing.writers import FORMATS

    option = click.option("-f", "--format", "fmt", type=click.Choice(list(FORMATS)), default="pdf",
                          show_default=True, help="Output format.")
    return option(func)


def render_options(func: F) -> F:
    """The layout options shared by render, email, print and batch."""
    options = [
        click.option("--template", metavar="NAME|DIR",
                     help="Packaged template (policy-brief, handout) or a template folder."),
        click.option("--style", "style_file", type=click.Path(dir_okay=False),
                     help="House-style file (YAML or TOML) [default: BRIEFING_STYLE, a briefing.yaml "
                          "here or above, or the user's config folder; see `briefing style show`]."),
        click.option("--paper", type=click.Choice(["a4", "letter"]),
                     help="Paper size [default: from the style, A4]."),
        click.option("--grayscale", is_flag=True, default=None,
                     help="Lay out for a black-and-white printer."),
        click.option("--lang", "language", type=click.Choice(list(LANGUAGES)),
                     help="Language of the template's own labels [default: from the style]."),
        LENGTH,
        DATE,
    ]
    for option in reversed(options):
        func = option(func)
    return func


def warn(message: str) -> None:
    """Print a warning line on stderr."""
    click.echo(f"briefing: warning: {message}", err=True)


def warn_input(path: str, message: str) -> None:
    """Print a warning about one input on stderr."""
    warn(f"{path}: {message}")


def load_style(style_file: str | None, *, paper: str | None, grayscale: bool | None,
               language: str | None, length: str | None = None) -> Style:
    """The house style in force: ``--style``, else the one discovered (see :mod:`briefing.discovery`)."""
    from briefing.config import load_style as load
    from briefing.discovery import find_style

    path, _how = find_style(style_file)
    return load(path, paper=paper, grayscale=grayscale, language=language, length=length)


def brief_of(inputs: Sequence[str], date: str | None, length: str = "standard") -> Brief:
    """The brief of the command's inputs, dated by ``--date`` (else SOURCE_DATE_EPOCH, else today)."""
    from briefing.pipeline import brief_date, brief_from

    return brief_from(inputs, date=brief_date(date), warn=warn_input, length=length)


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
