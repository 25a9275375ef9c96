"""briefing: turn source documents into a polished policy-brief PDF.

The public API follows the pipeline (read -> analyse -> render), through
:mod:`briefing.pipeline` as the command line does.  Importing this package
is cheap: every heavy library is imported inside the function that needs it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from briefing._version import __version__

if TYPE_CHECKING:  # pragma: no cover
    from pathlib import Path

    from briefing.model import Brief, Document

__all__ = ["__version__", "read", "analyse", "render"]


def read(path: str | Path) -> Document:
    """Read one input file (or ``-`` for stdin) into a :class:`Document` with its sentences."""
    from briefing.pipeline import read_path

    return read_path(path)


def analyse(documents: list[Document], **options: Any) -> Brief:
    """Analyse documents and compose the :class:`Brief`."""
    from briefing.compose import compose

    return compose(documents, **options)


def render(brief: Brief, output: str | Path, **options: Any) -> Path:
    """Lay out ``brief`` at ``output`` (``fmt="pdf"`` by default; ``style``, ``template``); returns the path."""
    from briefing.pipeline import write

    return write(brief, output, **options)
