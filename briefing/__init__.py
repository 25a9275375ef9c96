"""briefing: turn source documents into a polished policy-brief PDF.

The public API follows the pipeline (read -> analyse -> render).  Importing
this package is cheap: every heavy library is imported inside the function
that needs it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:  # pragma: no cover
    from pathlib import Path

    from briefing.model import Brief, Document

__all__ = ["__version__", "read", "analyse", "render"]


def read(path: str | Path) -> Document:
    """Read one input file (or ``-`` for stdin) into a :class:`Document`."""
    from briefing.readers import read_path

    return read_path(path)


def analyse(documents: list[Document], **options: Any) -> Brief:
    """Analyse documents and compose the :class:`Brief`."""
    from briefing.compose import compose

    return compose(documents, **options)


def render(brief: Brief, output: str | Path, **options: Any) -> Path:
    """Lay out ``brief`` as a PDF at ``output``; returns the path written."""
    from briefing.writers.pdf import write_pdf

    return write_pdf(brief, output, **options)
