"""``briefing style``: start a house style, and show the one in force."""

from __future__ import annotations

from pathlib import Path

import click

from briefing.commands import handle_errors
from briefing.errors import OutputError
from briefing.labels import LANGUAGES


@click.group()
def style() -> None:
    """House styles: start one for your organisation, see the one in force.

    The style is looked for in this order: --style, the BRIEFING_STYLE
    variable, a briefing.yaml (.yml, .toml) in the current folder or a parent
    up to the repository or home folder, then style.yaml in the user's config
    folder; else the packaged defaults.
    """


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


@style.command("show")
@click.option("--style", "style_file", type=click.Path(dir_okay=False), help="House-style file (YAML or TOML).")
@click.option("--paper", type=click.Choice(["a4", "letter"]), help="Paper size, as render takes it.")
@click.option("--grayscale", is_flag=True, default=None, help="As render takes it.")
@click.option("--lang", "language", type=click.Choice(list(LANGUAGES)), help="As render takes it.")
@handle_errors
def style_show(style_file: str | None, paper: str | None, grayscale: bool | None, language: str | None) -> None:
    """Print every setting in force and where it comes from (a file, a flag or the defaults)."""
    from briefing.discovery import describe, find_style, format_rows

    path, how = find_style(style_file)
    rows = describe(path, how, paper=paper, grayscale=grayscale, language=language)
    click.echo(format_rows(rows, path, how))
