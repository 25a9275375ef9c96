"""House style: defaults, overrides, and errors that name the key and file."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.config import load_style
from briefing.errors import ConfigError


def test_default_style_has_bundled_fonts() -> None:
    style = load_style()
    assert style.paper == "a4"
    assert Path(style.fonts.text.regular).is_file()
    assert Path(style.fonts.heading.semibold).is_file()


def test_user_file_overrides_and_flag_wins(tmp_path: Path) -> None:
    path = tmp_path / "house.yaml"
    path.write_text("organisation: Ministry of Ports\npaper: letter\ncolours:\n  accent: '#7A1F2B'\n", encoding="utf-8")
    style = load_style(path)
    assert style.organisation == "Ministry of Ports"
    assert style.paper == "letter" and style.colours.accent == "#7a1f2b"
    assert style.colours.ink == load_style().colours.ink  # untouched keys keep defaults
    assert load_style(path, paper="a4").paper == "a4"


def test_toml_style(tmp_path: Path) -> None:
    path = tmp_path / "house.toml"
    path.write_text('marking = "For official use"\n[margins]\ninner = 30\n', encoding="utf-8")
    style = load_style(path)
    assert style.marking == "For official use" and style.margins.inner == 30


@pytest.mark.parametrize(
    ("content", "key"),
    [
        ("organisaton: X\n", "organisaton"),
        ("colours:\n  acent: '#000000'\n", "colours.acent"),
        ("colours:\n  accent: red\n", "colours.accent"),
        ("paper: a3\n", "paper"),
        ("margins:\n  top: 500\n", "margins.top"),
        ("fonts:\n  text:\n    regular: missing.ttf\n", "fonts.text.regular"),
    ],
)
def test_bad_key_or_value_names_key_and_file(tmp_path: Path, content: str, key: str) -> None:
    path = tmp_path / "house.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_style(path)
    message = str(info.value)
    assert str(path) in message and f"'{key}'" in message and "\n" not in message


def test_unparsable_style(tmp_path: Path) -> None:
    path = tmp_path / "house.yaml"
    path.write_text("colours: [unclosed\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="not valid YAML"):
        load_style(path)
