"""How a chart looks: its two fonts and colours, and their ReportLab faces."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from briefing.errors import ConfigError

if TYPE_CHECKING:  # pragma: no cover
    from briefing.config import Style

REGULAR_FACE = "BriefingSans"
BOLD_FACE = "BriefingSans-Bold"
GRID = "#e3e6ea"


@dataclass(frozen=True)
class ChartStyle:
    """Fonts and colours of a chart; ``grayscale`` draws it for mono print."""

    font_regular: Path
    font_bold: Path
    face_regular: str = REGULAR_FACE  # ReportLab face names of the two files
    face_bold: str = BOLD_FACE
    accent: str = "#1f3a5f"
    ink: str = "#222222"
    muted: str = "#6b7280"
    grayscale: bool = False

    @classmethod
    def default(cls) -> ChartStyle:
        """The bundled Noto Sans faces and the default colours."""
        from briefing.resources import font_path

        return cls(font_path("NotoSans-Regular.ttf"), font_path("NotoSans-Bold.ttf"))

    @classmethod
    def of(cls, style: Style, **faces: str) -> ChartStyle:
        """The charts of a house style: its heading font and its colours.

        ``faces`` may name the ReportLab faces the PDF registered the two files as
        (``face_regular``, ``face_bold``).
        """
        return cls(
            font_regular=Path(style.fonts.heading.regular),
            font_bold=Path(style.fonts.heading.bold),
            accent=style.colours.accent,
            ink=style.colours.ink,
            muted=style.colours.muted,
            grayscale=style.grayscale,
            **faces,
        )

    def colour(self, value: str) -> str:
        """``value`` as drawn: unchanged, or as its luminance grey."""
        if not self.grayscale:
            return value
        from briefing.colour import gray

        return gray(value)

    def font(self, bold: bool) -> Path:
        """The file of the bold or the regular face."""
        return self.font_bold if bold else self.font_regular


def register_rml_fonts(style: ChartStyle | None = None) -> tuple[str, str]:
    """Register the chart fonts with ReportLab as ``BriefingSans`` (-Bold).

    These are the face names the PDF writer registers too: registering the
    same files again is a no-op; a *different* file under the name is a
    configuration error (the chart would be measured with one font and drawn
    with another).  Returns the two face names.
    """
    from briefing.typography.fontcache import register, registered_file

    style = style or ChartStyle.default()
    for face, path in ((style.face_regular, style.font_regular), (style.face_bold, style.font_bold)):
        known = registered_file(face)
        if known is not None and Path(known).resolve() != Path(path).resolve():
            raise ConfigError(
                f"font '{face}' is registered from {known}, the chart style asks for {path}"
            )
        register(face, str(path))  # parsed once per process
    return style.face_regular, style.face_bold
