"""Writers: each takes only a Brief (never a Document) and writes one format.

:data:`FORMATS` is the registry of output formats, like the readers' one:
each :class:`Format` names its file suffix and its writer as a lazy
``"module:function"`` entry, imported only when a brief is written in that
format.  A writer function takes the Brief and keyword options (``template``,
``style``, ``warn``, ``charts``) and returns the file's bytes.  Adding a
format is one entry here (or one :func:`register` call).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from briefing.errors import OutputError
from briefing.writers.atomic import write_atomically

if TYPE_CHECKING:  # pragma: no cover
    from briefing.config import Style
    from briefing.model import Brief, ChartSpec

__all__ = ["FORMATS", "Format", "Writer", "get_format", "register", "render_bytes", "write_atomically",
           "write_brief"]


class Writer(Protocol):
    """What a format's writer function looks like."""

    def __call__(self, brief: Brief, *, template: str | Path | None = ..., style: Style | None = ...,
                 warn: Callable[[str], None] | None = ...,
                 charts: Sequence[ChartSpec] | None = ...) -> bytes:
        """The file of ``brief`` in this format; ``charts``, when given, instead of the brief's own."""


@dataclass(frozen=True)
class Format:
    """An output format: its name (``--format``), file suffix and writer (``"module:function"``)."""

    name: str
    suffix: str
    writer: str
    description: str = ""

    def load(self) -> Writer:
        """The writer function, imported on first use."""
        module_name, _, function = self.writer.partition(":")
        loaded: Writer = getattr(importlib.import_module(module_name), function)
        return loaded


#: Output formats of ``briefing render --format``, in the order ``--help`` lists them.
FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("pdf", ".pdf", "briefing.writers.pdf:pdf_bytes", "the laid-out brief"),
        Format("html", ".html", "briefing.writers.html:html_bytes", "a self-contained page"),
        Format("md", ".md", "briefing.writers.markdown:markdown_bytes", "Markdown"),
        Format("json", ".json", "briefing.writers.json:json_bytes", "the Brief, to edit and render again"),
    )
}


def register(fmt: Format) -> Format:
    """Add ``fmt`` to :data:`FORMATS` (or replace the format of that name)."""
    FORMATS[fmt.name] = fmt
    return fmt


def get_format(name: str) -> Format:
    """The format called ``name``; :class:`OutputError` naming the known ones otherwise."""
    try:
        return FORMATS[name]
    except KeyError:
        raise OutputError(f"unknown output format '{name}' (choose from {', '.join(FORMATS)})") from None


def render_bytes(brief: Brief, fmt: str = "pdf", *, template: str | Path | None = None, style: Style | None = None,
                 warn: Callable[[str], None] | None = None, charts: Sequence[ChartSpec] | None = None) -> bytes:
    """``brief`` in the format ``fmt``, as the bytes of its file."""
    return get_format(fmt).load()(brief, template=template, style=style, warn=warn, charts=charts)


def write_brief(brief: Brief, target: str | Path, *, fmt: str = "pdf", template: str | Path | None = None,
                style: Style | None = None, warn: Callable[[str], None] | None = None,
                charts: Sequence[ChartSpec] | None = None) -> Path:
    """Write ``brief`` to ``target`` in ``fmt`` (a key of :data:`FORMATS`), atomically."""
    data = render_bytes(brief, fmt, template=template, style=style, warn=warn, charts=charts)
    return write_atomically(target, data)
