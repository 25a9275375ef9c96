"""Writers: each takes only a Brief (never a Document) and writes one format."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from briefing.errors import OutputError

if TYPE_CHECKING:  # pragma: no cover
    from briefing.config import Style
    from briefing.model import Brief


def write_atomically(path: str | Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` through a temporary file and a rename.

    A reader of ``path`` sees the old file or the whole new one, never half
    of it; a failure leaves no temporary file behind.
    """
    target = Path(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise OutputError(f"{target}: cannot write here ({exc.strerror})") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise OutputError(f"{target}: cannot write here ({exc.strerror})") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target


#: Output formats of ``briefing render --format`` and their file suffixes.
FORMATS: dict[str, str] = {"pdf": ".pdf", "html": ".html", "md": ".md", "json": ".json"}


def write_brief(brief: Brief, target: str | Path, *, fmt: str = "pdf", template: str | None = None,
                style: Style | None = None, warn: Callable[[str], None] | None = None) -> Path:
    """Write ``brief`` to ``target`` in ``fmt`` (a key of :data:`FORMATS`)."""
    if fmt == "pdf":
        from briefing.writers.pdf import write_pdf

        return write_pdf(brief, target, template=template, style=style, warn=warn)
    if fmt == "html":
        from briefing.writers.html import render_html

        text = render_html(brief, style=style, template=template)
    elif fmt == "md":
        from briefing.writers.markdown import render_markdown

        text = render_markdown(brief, style=style)
    elif fmt == "json":
        from briefing.serialise import dump_json

        text = dump_json(brief)
    else:
        raise OutputError(f"unknown output format '{fmt}' (choose from {', '.join(FORMATS)})")
    return write_atomically(target, text.encode("utf-8"))
