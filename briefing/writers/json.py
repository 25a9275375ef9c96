"""Brief → JSON: the Brief itself, as ``briefing draft -o x.json`` and the PDF's attachment hold it."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from briefing.config import Style
    from briefing.model import Brief, ChartSpec


def json_bytes(brief: Brief, *, template: str | Path | None = None, style: Style | None = None,
               warn: Callable[[str], None] | None = None, charts: Sequence[ChartSpec] | None = None) -> bytes:
    """The brief as UTF-8 JSON with its ``schema_version`` (layout options do not apply)."""
    from briefing.serialise import dump_json

    return dump_json(brief).encode("utf-8")
