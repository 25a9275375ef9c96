"""Where packaged templates, fonts and the default house style live.

In a wheel, ``templates/`` and ``assets/`` are installed inside the package
(``briefing/templates``, ``briefing/assets``); in a source checkout they sit
beside the package.  Everything else asks this module.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


@cache
def _root(name: str) -> Path:
    for candidate in (_PACKAGE / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"packaged folder '{name}' is missing from the installation")


def assets_dir() -> Path:
    """The folder of fonts, logos and the default house style."""
    return _root("assets")


def templates_dir() -> Path:
    """The folder holding one sub-folder per packaged template."""
    return _root("templates")


def font_path(filename: str) -> Path:
    """Path of a bundled font file."""
    return assets_dir() / "fonts" / filename


def data_path(filename: str) -> Path:
    """Path of a curated data table shipped in ``briefing/data``."""
    return _PACKAGE / "data" / filename
