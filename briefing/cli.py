"""The ``briefing`` command line: the click group, thin; the commands are in :mod:`briefing.commands`.

Each command's module is imported only when the command runs (or ``--help``
lists it), and each imports its heavy work inside its body, so ``briefing
--help`` loads neither ReportLab nor matplotlib.  Errors meant for the user
are one line on stderr: exit code 2 for usage, 1 for bad input; tracebacks
only with ``--debug``.
"""

from __future__ import annotations

import sys
from typing import Any

import click

from briefing._version import __version__

#: Every command: its name and ``"module:attribute"`` in :mod:`briefing.commands`,
#: imported only when used or listed (those modules import nothing heavy at
#: module level).  Adding a command is one entry here.
COMMANDS = {
    "render": "briefing.commands.render:render",
    "draft": "briefing.commands.render:draft",
    "inspect": "briefing.commands.inspect:inspect",
    "summarize": "briefing.commands.inspect:summarize",
    "style": "briefing.commands.style:style",
    "email": "briefing.commands.deliver:email",
    "print": "briefing.commands.deliver:print_brief",
    "batch": "briefing.commands.batch:batch",
}


def _available(cmd_name: str) -> bool:
    from importlib.util import find_spec

    module_name = COMMANDS[cmd_name].partition(":")[0]
    try:
        return find_spec(module_name) is not None
    except ModuleNotFoundError:
        return False


class BriefingGroup(click.Group):
    """A click group whose usage errors are one line, like every other error.

    Commands in :data:`COMMANDS` are imported on first use.
    """

    def list_commands(self, ctx: click.Context) -> list[str]:
        """The names of the commands, those not imported yet included, sorted."""
        return sorted({*super().list_commands(ctx), *filter(_available, COMMANDS)})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        """The command ``cmd_name``, its module imported on first use."""
        if cmd_name in COMMANDS and cmd_name not in self.commands and _available(cmd_name):
            import importlib

            module_name, _, attribute = COMMANDS[cmd_name].partition(":")
            command = getattr(importlib.import_module(module_name), attribute)
            self.add_command(command, cmd_name)
        return super().get_command(ctx, cmd_name)

    def main(self, *args: Any, **kwargs: Any) -> Any:
        """Run the group; a usage error, a click error or Ctrl-C ends it with one line."""
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

    Read documents (.txt, .md, .html, .pdf, .docx, an https:// address),
    analyse them offline, and lay out a brief with key takeaways, themes with
    references to the source paragraphs, actors, a timeline, key figures and
    charts, as PDF, HTML, Markdown or JSON; draft it as YAML to edit first;
    email it, print it, or make many at once.
    """


def main() -> None:
    """Entry point of the ``briefing`` script.

    One command is one short process, most of whose objects (modules,
    classes, fonts, the language data) live until it ends, so the
    collector's full passes over all of them free next to nothing.  The
    oldest generation is collected a hundred times less often (the young
    ones, where short-lived cycles are, as usual), and when the command is
    done what is left is frozen (``gc.freeze``), so that the interpreter's
    shutdown frees it without collecting it again.  Together 0.13 s of a
    fresh ``briefing render`` of 0.8 s.
    """
    import gc

    young, middle, _old = gc.get_threshold()
    gc.set_threshold(young, middle, 1000)
    try:
        cli(prog_name="briefing")
    finally:
        gc.freeze()
