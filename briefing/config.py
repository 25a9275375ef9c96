"""House style: packaged defaults < the user's file < command-line flags.

The style file is YAML or TOML.  It is validated once, here, at the edge:
unknown keys and bad values fail with a message naming the key and the file.
Paths inside it (fonts, logo) are relative to the file that names them.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Final, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from briefing.errors import ConfigError
from briefing.labels import Language
from briefing.resources import assets_dir

#: How much a brief says (``--length``, the style's ``length``; the budgets are ``compose.budget``).
Length = Literal["short", "standard", "full"]
LENGTHS: Final[tuple[str, ...]] = get_args(Length)

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
    marking: str = "#9b1c1c"

    @field_validator("*")
    @classmethod
    def _hex(cls, value: str) -> str:
        if not _HEX.match(value):
            raise ValueError(f"'{value}' is not a colour like '#1f3a5f'")
        return value.lower()


class Margins(_Strict):
    """Page margins in millimetres.

    ``inner`` is the edge a binding goes on (the left of odd pages, the right
    of even pages); ``binding`` is extra room added there for duplex
    printing, so pages mirror: with a binding margin, even pages swap sides.
    """

    top: float = Field(default=22, ge=5, le=80)
    bottom: float = Field(default=20, ge=5, le=80)
    inner: float = Field(default=22, ge=5, le=80)
    outer: float = Field(default=20, ge=5, le=80)
    binding: float = Field(default=0, ge=0, le=40)


class Smtp(_Strict):
    """Mail server for ``briefing email``; environment variables override it.

    The password is never stored here: it comes from
    ``BRIEFING_SMTP_PASSWORD`` or the user's ``~/.netrc``.
    """

    host: str = ""
    port: int | None = Field(default=None, ge=1, le=65535)
    user: str = ""
    security: Literal["starttls", "ssl", "none"] = "starttls"
    ca_file: Path | None = None
    sender: str = ""
    timeout: float = Field(default=30, gt=0, le=600)


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
    length: Length = "standard"  # how much the brief says (compose.budget)
    language: Language = "en"
    logo: Path | None = None
    grayscale: bool = False
    margins: Margins = Margins()
    colours: Colours = Colours()
    fonts: Fonts
    smtp: Smtp = Smtp()

    @property
    def page_size(self) -> tuple[float, float]:
        """Width and height of the paper in points."""
        return PAPER_SIZES_PT[self.paper]


def read_style_file(path: Path) -> dict[str, Any]:
    """The mapping one style file sets, before defaults, paths or validation."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read style file ({exc.strerror})") from None
    try:
        if path.suffix.lower() == ".toml":
            import tomllib

            data: object = tomllib.loads(text)
        else:
            import yaml

            data = yaml.safe_load(text)
    except Exception as exc:  # any parser error is the user's file
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


def _resolve_paths(data: dict[str, Any], base: Path) -> None:
    _resolve_fonts(data, base)
    if isinstance(data.get("logo"), str) and data["logo"]:
        data["logo"] = str((base / data["logo"]).resolve())
    smtp = data.get("smtp")
    if isinstance(smtp, dict) and isinstance(smtp.get("ca_file"), str):
        smtp["ca_file"] = str((base / smtp["ca_file"]).resolve())


def load_style(path: str | Path | None = None, *, paper: str | None = None,
               grayscale: bool | None = None, language: str | None = None, length: str | None = None) -> Style:
    """The default house style, overlaid with ``path`` and then the flags."""
    default_file = assets_dir() / "style.yaml"
    data = read_style_file(default_file)
    _resolve_fonts(data, default_file.parent)
    source = default_file
    if path is not None:
        source = Path(path)
        user = read_style_file(source)
        _resolve_paths(user, source.parent)
        data = _merge(data, user)
    if paper is not None:
        data["paper"] = paper
    if grayscale is not None:
        data["grayscale"] = grayscale
    if language is not None:
        data["language"] = language
    if length is not None:
        data["length"] = length
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
    if style.logo is not None:
        _check_logo(style.logo, source)
    if style.smtp.ca_file is not None and not style.smtp.ca_file.is_file():
        raise ConfigError(f"{source}: 'smtp.ca_file': no file at {style.smtp.ca_file}")
    return style


_LOGO_MAGIC = {b"\x89PNG\r\n\x1a\n": "png", b"\xff\xd8\xff": "jpeg"}


def _check_logo(logo: Path, source: Path) -> None:
    """The logo exists and is a PNG, JPEG or SVG file (by content, not name)."""
    try:
        head = logo.read_bytes()[:512]
    except OSError:
        raise ConfigError(f"{source}: 'logo': no image file at {logo}") from None
    if any(head.startswith(magic) for magic in _LOGO_MAGIC):
        return
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if text.startswith((b"<svg", b"<?xml")) and logo.suffix.lower() == ".svg":
        return
    raise ConfigError(f"{source}: 'logo': {logo.name} is not a PNG, JPEG or SVG image")
