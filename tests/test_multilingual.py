"""Every NTREX language renders through the CLI with every glyph present.

One article per language folder of the NTREX fixtures (``tests/fixtures/ntrex``)
(Azerbaijani, Turkish, Russian, Ukrainian, Georgian, Armenian, Kazakh,
Persian, Arabic, English): all fonts embedded, no replacement character, and
the article's headline comes back out of the PDF.  Georgian, Armenian and
Azerbaijani must come back exactly; right-to-left text comes back from
pypdf in logical or visual order, so its words are checked either way.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from briefing.cli import cli
from tests.conftest import BRIEF_DATE, FIXTURES
from tests.pdftools import fonts, text

ARTICLE = "bbc.381680.txt"
LANGUAGES = ["aze-Latn", "eng", "tur", "rus", "ukr", "kaz", "kat", "hye", "fas", "arb"]
RTL = {"fas", "arb"}


@pytest.fixture(scope="module")
def ntrex() -> Path:
    return FIXTURES / "ntrex"


def test_every_language_folder_is_covered(ntrex: Path) -> None:
    assert sorted(p.name for p in ntrex.iterdir() if p.is_dir()) == sorted(LANGUAGES)


def _one_line(value: str) -> str:
    return " ".join(value.split())


@pytest.mark.parametrize("language", LANGUAGES)
def test_article_renders_with_every_glyph(language: str, ntrex: Path, runner, tmp_path: Path) -> None:
    source = ntrex / language / ARTICLE
    if not source.is_file():  # every folder has the same articles; take the first if not this one
        source = sorted((ntrex / language).glob("*.txt"))[0]
    out = tmp_path / f"{language}.pdf"
    result = runner.invoke(cli, ["render", str(source), "-o", str(out), "--date", BRIEF_DATE])
    assert result.exit_code == 0, result.output
    assert "cannot show" not in result.output and "no bundled font" not in result.output
    found = fonts(out)
    assert found and all(found.values()), found
    body = text(out)
    assert "\ufffd" not in body
    headline = _one_line(source.read_text(encoding="utf-8").splitlines()[0]).rstrip(".")  # titles drop it
    if language in RTL:
        flat = unicodedata.normalize("NFKC", body)
        words = [w.strip("«»\"'.,:؛،") for w in headline.split()]
        absent = [w for w in words if w and w not in flat and w[::-1] not in flat]
        assert not absent, absent
        assert any("NotoNaskhArabic" in name for name in found)
    else:
        assert headline in _one_line(body)
    if language == "kat":
        assert any("NotoSansGeorgian" in name for name in found)
    if language == "hye":
        assert any("NotoSansArmenian" in name for name in found)
