"""Colours as ``#rrggbb`` strings: luminance and the grey a printer shows.

One formula for every place that needs it (the PDF and HTML writers under
``--grayscale``, the charts, the heat map's label contrast): the luma of
ITU-R BT.601, so the accent stays darker than the rules and tints, as on
screen.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from briefing.config import Style


def luminance(value: str) -> float:
    """The BT.601 luma of ``value`` (``#rrggbb``), from 0 (black) to 255 (white)."""
    r, g, b = (int(value.lstrip("#")[i : i + 2], 16) for i in (0, 2, 4))
    return 0.299 * r + 0.587 * g + 0.114 * b


def gray(value: str) -> str:
    """``value`` as the grey of its luminance, ``#yyyyyy``."""
    level = round(luminance(value))
    return f"#{level:02x}{level:02x}{level:02x}"


def print_ready(style: Style) -> Style:
    """``style`` as it is laid out: every colour grey when it asks for grayscale."""
    if not style.grayscale:
        return style
    colours = style.colours.model_copy(update={k: gray(v) for k, v in style.colours.model_dump().items()})
    return style.model_copy(update={"colours": colours})
