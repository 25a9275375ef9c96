"""Page geometry and face names, as PDF templates see them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from briefing.config import Style
    from briefing.model import ChartSpec

MM = 72 / 25.4
FONT_TEXT = "BriefingSerif-"
FONT_HEADING = "BriefingSans-"


@dataclass(frozen=True)
class Page:
    """Page geometry in points, as templates see it."""

    width: float
    height: float
    left: float
    right: float
    top: float
    bottom: float
    band: float  # height of the masthead band on the first page
    masthead: float  # room the masthead takes above the first frame
    mirrored: bool = False  # True with a binding margin: even pages swap left and right

    @property
    def frame_width(self) -> float:
        """Width of the text frame: the page less its side margins."""
        return round(self.width - self.left - self.right, 2)


@dataclass(frozen=True)
class Chart:
    """A chart as templates see it: its spec and the height it will take."""

    spec: ChartSpec
    height: float


def page_geometry(style: Style) -> Page:
    """Page size, margins and masthead room of ``style``, in points."""
    width, height = style.page_size
    m = style.margins
    band = 24 * MM
    return Page(
        width=round(width, 3),
        height=round(height, 3),
        left=round((m.inner + m.binding) * MM, 2),
        right=round(m.outer * MM, 2),
        top=round(m.top * MM, 2),
        bottom=round(m.bottom * MM, 2),
        band=round(band, 2),
        masthead=round(band - m.top * MM + 6 * MM, 2) if band + 6 * MM > m.top * MM else 0.0,
        mirrored=m.binding > 0,
    )


def face_names(style: Style) -> dict[str, str]:
    """ReportLab face names for the style's text and heading families.

    The names carry a digest of the font files, so two house styles with
    different fonts never meet under one name in ReportLab's global registry.
    """
    import hashlib

    def name(prefix: str, face: Any) -> str:
        digest = hashlib.sha256("\0".join(str(p) for _, p in face).encode()).hexdigest()[:8]
        return f"{prefix}{digest}"

    return {"text": name(FONT_TEXT, style.fonts.text), "heading": name(FONT_HEADING, style.fonts.heading)}
