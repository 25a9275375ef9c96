"""House style: packaged defaults < the user's file < command-line flags.

The style file is YAML or TOML.  It is validated once, here, at the edge:
unknown keys and bad values fail with a message naming the key and the file.
Paths inside it (fonts, logo) are relative to the file that names them.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from briefing.errors import ConfigError
from briefing.resources import assets_dir

_HEX = re.compile(r"^#[0-9a-fA-F]{6}$")
PAPER_SIZES_PT = {"a4": (595.276, 841.89), "letter": (612.0, 792.0)}


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Colours(_Strict):
    """The house colours, as ``#rrggbb``."""

    accent: str = "#1f3a5f"
    ink: str = "#1d1d1f"
    muted: str = "#5f6670"
    rule: str = "#c9ced6"
    tint: str = "#eef2f7"

    @field_validator("*")
    @classmethod
    def _hex(cls, value: str) -> str:
        if not _HEX.match(value):
            raise ValueError(f"'{value}' is not a colour like '#1f3a5f'")
        return value.lower()


class Margins(_Strict):
    """Page margins in millimetres; ``inner`` is the binding edge."""

    top: float = Field(22, ge=5, le=80)
    bottom: float = Field(20, ge=5, le=80)
    inner: float = Field(22, ge=5, le=80)
    outer: float = Field(20, ge=5, le=80)


class TextFace(_Strict):
    """The four TrueType files of the text face."""

    regular: Path
    italic: Path
    bold: Path
    bold_italic: Path


class HeadingFace(_Strict):
    """The TrueType files of the heading face."""

    regular: Path
    italic: Path
    bold: Path
    semibold: Path


class Fonts(_Strict):
    """The text face and the heading face."""

    text: TextFace
    heading: HeadingFace


class Style(_Strict):
    """A validated house style; font paths are absolute."""

    organisation: str = ""
    series: str = "Policy brief"
    marking: str = ""
    disclaimer: str = ""
    footer: str = ""
    paper: Literal["a4", "letter"] = "a4"
    margins: Margins = Margins()
    colours: Colours = Colours()
    fonts: Fonts

    @property
    def page_size(self) -> tuple[float, float]:
        """Width and height of the paper in points."""
        return PAPER_SIZES_PT[self.paper]


def _load_mapping(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read style file ({exc.strerror})") from None
    try:
        if path.suffix.lower() == ".toml":
            import tomllib

            data = tomllib.loads(text)
        else:
            import yaml

            data = yaml.safe_load(text)
    except Exception as exc:  # noqa: BLE001 - any parser error is the user's file
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise ConfigError(f"{path}: not valid {'TOML' if path.suffix == '.toml' else 'YAML'}: {first}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: a style file must be a mapping of keys to values")
    return data


def _resolve_fonts(data: dict[str, Any], base: Path) -> None:
    fonts = data.get("fonts")
    if not isinstance(fonts, dict):
        return
    for face in fonts.values():
        if isinstance(face, dict):
            for key, value in face.items():
                if isinstance(value, str):
                    face[key] = str((base / value).resolve())


def _merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def load_style(path: str | Path | None = None, *, paper: str | None = None) -> Style:
    """The default house style, overlaid with ``path`` and then the flags."""
    default_file = assets_dir() / "style.yaml"
    data = _load_mapping(default_file)
    _resolve_fonts(data, default_file.parent)
    source = default_file
    if path is not None:
        source = Path(path)
        user = _load_mapping(source)
        _resolve_fonts(user, source.parent)
        data = _merge(data, user)
    if paper is not None:
        data["paper"] = paper
    try:
        style = Style.model_validate(data)
    except ValidationError as exc:
        error = exc.errors()[0]
        key = ".".join(str(p) for p in error["loc"])
        message = "unknown key" if error["type"] == "extra_forbidden" else error["msg"]
        raise ConfigError(f"{source}: '{key}': {message}") from None
    for face_name in ("text", "heading"):
        for name, font in getattr(style.fonts, face_name):
            if not Path(font).is_file():
                raise ConfigError(f"{source}: 'fonts.{face_name}.{name}': no font file at {font}")
    return style
