"""House style in the output: logo, colours, fonts, paper, marking, labels,
binding margin, grayscale; `briefing style init`."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from briefing.cli import cli
from briefing.config import load_style
from briefing.errors import ConfigError
from briefing.labels import LANGUAGES, labels
from briefing.model import Brief
from briefing.resources import assets_dir
from briefing.writers.pdf import pdf_bytes
from tests.pdftools import fonts

LOGO_SVG = """<svg xmlns="http://www.w3.org/2000/svg" width="200" height="50">
  <rect x="0" y="0" width="50" height="50" fill="#7a1f2b"/>
  <text x="60" y="32" font-family="Helvetica" font-size="20">INSTITUTE</text>
</svg>"""


def _pdf(data: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(data))


def _colours(reader: PdfReader) -> set[tuple[float, float, float]]:
    """Every RGB fill and stroke colour the pages' content streams set."""
    found: set[tuple[float, float, float]] = set()
    for page in reader.pages:
        content = page.get_contents()
        data = content.get_data().decode("latin-1") if content is not None else ""
        for r, g, b in re.findall(r"(\d*\.?\d+) (\d*\.?\d+) (\d*\.?\d+) (?:rg|RG)\b", data):
            found.add((round(float(r), 2), round(float(g), 2), round(float(b), 2)))
    return found


def _rgb(hex_colour: str) -> tuple[float, float, float]:
    return tuple(round(int(hex_colour[i:i + 2], 16) / 255, 2) for i in (1, 3, 5))  # type: ignore[return-value]


def _images(reader: PdfReader) -> int:
    return sum(len(page.images) for page in reader.pages)


@pytest.fixture(scope="module")
def house(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("house")
    (folder / "logo.svg").write_text(LOGO_SVG, encoding="utf-8")
    fonts_dir = assets_dir() / "fonts"
    (folder / "house.yaml").write_text(
        f"""organisation: Caspian Policy Institute
series: Policy memo
marking: For official use
paper: letter
logo: logo.svg
colours: {{accent: "#7a1f2b"}}
fonts:
  text:
    regular: {fonts_dir}/NotoSans-Regular.ttf
    italic: {fonts_dir}/NotoSans-Italic.ttf
    bold: {fonts_dir}/NotoSans-Bold.ttf
    bold_italic: {fonts_dir}/NotoSans-Bold.ttf
""",
        encoding="utf-8",
    )
    return folder / "house.yaml"


@pytest.fixture(scope="module")
def house_pdf(sample_brief: Brief, house: Path) -> PdfReader:
    return _pdf(pdf_bytes(sample_brief, style=load_style(house)))


@pytest.fixture(scope="module")
def default_pdf(sample_brief: Brief) -> PdfReader:
    return _pdf(pdf_bytes(sample_brief))


def test_house_style_changes_paper_fonts_colours_and_marking(house_pdf: PdfReader, default_pdf: PdfReader) -> None:
    box = house_pdf.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)
    assert round(float(default_pdf.pages[0].mediabox.height)) == 842
    names = {str(f["/BaseFont"]) for page in house_pdf.pages for f in page["/Resources"]["/Font"].values()}
    assert not any("Serif" in n for n in names), "the house text face replaces Noto Serif"
    default_names = {str(f["/BaseFont"]) for f in default_pdf.pages[0]["/Resources"]["/Font"].values()}
    assert any("Serif" in n for n in default_names)
    assert _rgb("#7a1f2b") in _colours(house_pdf)
    assert _rgb("#7a1f2b") not in _colours(default_pdf)
    for page in house_pdf.pages:
        body = page.extract_text()
        assert body.count("FOR OFFICIAL USE") == 2, "marking at the top and the foot of every page"
        assert "Caspian Policy Institute" in body
    assert "POLICY MEMO" in house_pdf.pages[0].extract_text()
    assert "OFFICIAL" not in default_pdf.pages[0].extract_text()


def test_svg_logo_is_vector_and_its_text_uses_embedded_fonts(house_pdf: PdfReader, tmp_path: Path) -> None:
    assert _images(house_pdf) == 0, "an SVG logo stays vector"
    assert "INSTITUTE" in house_pdf.pages[0].extract_text()
    for page in house_pdf.pages:
        for font in page["/Resources"]["/Font"].values():
            assert "/FontFile2" in font.get_object().get("/FontDescriptor", {}) or "/DescendantFonts" in font, font


def test_png_and_jpeg_logos(sample_brief: Brief, tmp_path: Path) -> None:
    from PIL import Image

    for suffix in ("png", "jpg"):
        logo = tmp_path / f"logo.{suffix}"
        Image.new("RGB", (120, 40), (122, 31, 43)).save(logo)
        style_file = tmp_path / f"{suffix}.yaml"
        style_file.write_text(f"logo: logo.{suffix}\n", encoding="utf-8")
        reader = _pdf(pdf_bytes(sample_brief, style=load_style(style_file)))
        assert len(reader.pages[0].images) == 1
        assert sum(len(p.images) for p in reader.pages[1:]) == 0, "the logo is in the first page's masthead"


def test_logo_must_be_an_image(tmp_path: Path) -> None:
    (tmp_path / "logo.png").write_text("not an image", encoding="utf-8")
    (tmp_path / "s.yaml").write_text("logo: logo.png\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"s\.yaml: 'logo': logo\.png is not a PNG, JPEG or SVG"):
        load_style(tmp_path / "s.yaml")
    (tmp_path / "t.yaml").write_text("logo: missing.svg\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="t.yaml: 'logo': no image file"):
        load_style(tmp_path / "t.yaml")


def test_misspelt_key_names_key_and_file(tmp_path: Path, runner: CliRunner, sample_path: Path) -> None:
    (tmp_path / "typo.yaml").write_text("colours:\n  acent: '#000000'\n", encoding="utf-8")
    result = runner.invoke(cli, ["render", str(sample_path), "--style", str(tmp_path / "typo.yaml"),
                                 "-o", str(tmp_path / "x.pdf")])
    assert result.exit_code == 1
    assert "typo.yaml" in result.stderr and "colours.acent" in result.stderr and "unknown key" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "x.pdf").exists()


@pytest.mark.parametrize("language, heading, month", [("az", "Əsas nəticələr", "noyabr"),
                                                      ("ru", "Главные выводы", "ноября")])
def test_label_languages(sample_brief: Brief, language: str, heading: str, month: str) -> None:
    reader = _pdf(pdf_bytes(sample_brief, style=load_style(language=language)))
    body = "\n".join(p.extract_text() for p in reader.pages)
    assert heading in body and f"27 {month} 2026" in body
    assert "Key takeaways" not in body and "Page 1 of" not in body
    assert labels(language)["page_of"].format(page=1, pages=len(reader.pages)) in body
    if language == "az":
        assert "QISA BAXIŞ" in body and "İZLƏNİLMƏLİ MƏQAMLAR" not in body  # dotted capital İ where needed
        assert "ƏHATƏ OLUNAN DÖVR" in body


def test_label_sets_are_complete() -> None:
    english = labels("en")
    for language in LANGUAGES:
        words = labels(language)
        assert words.keys() == english.keys(), language
        for key, text in english.items():
            assert sorted(re.findall(r"{\w+}", words[key])) == sorted(re.findall(r"{\w+}", text)), (language, key)
        assert len(words["months"].split()) == 12


def _left_edges(data: bytes) -> list[float]:
    """The smallest x at which text starts, per page (pdfminer's layout)."""
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LTTextContainer

    return [min(box.x0 for box in page if isinstance(box, LTTextContainer) and box.get_text().strip())
            for page in extract_pages(io.BytesIO(data))]


def test_binding_margin_mirrors_pages(sample_brief: Brief, tmp_path: Path) -> None:
    (tmp_path / "duplex.yaml").write_text("margins: {inner: 20, outer: 20, binding: 12}\n", encoding="utf-8")
    edges = _left_edges(pdf_bytes(sample_brief, style=load_style(tmp_path / "duplex.yaml")))
    assert len(edges) >= 3
    mm = 72 / 25.4
    odd, even = edges[0::2], edges[1::2]
    assert all(abs(x - 32 * mm) < 2 for x in odd), odd  # inner 20 + binding 12 on the left of odd pages
    assert all(abs(x - 20 * mm) < 2 for x in even), even  # the binding is on the right of even pages


def test_grayscale_has_no_colour(sample_brief: Brief, default_pdf: PdfReader) -> None:
    reader = _pdf(pdf_bytes(sample_brief, style=load_style(grayscale=True)))
    colours = _colours(reader)
    assert colours and all(r == g == b for r, g, b in colours), sorted(c for c in colours if len(set(c)) > 1)
    assert any(len(set(c)) > 1 for c in _colours(default_pdf))


def test_style_init_writes_a_working_starter(tmp_path: Path, runner: CliRunner, sample_path: Path) -> None:
    folder = tmp_path / "house"
    result = runner.invoke(cli, ["style", "init", str(folder)])
    assert result.exit_code == 0, result.stderr
    assert (folder / "style.yaml").is_file() and (folder / "template" / "brief.rml.j2").is_file()
    starter = (folder / "style.yaml").read_text(encoding="utf-8")
    assert "# logo:" in starter and "binding:" in starter and "language:" in starter
    edited = starter.replace("Example Institute", "Baku Analysis Centre")
    (folder / "style.yaml").write_text(edited, encoding="utf-8")
    template = folder / "template" / "brief.rml.j2"
    template.write_text(template.read_text(encoding="utf-8").replace("{{ labels.key_takeaways }}", "Bottom line"),
                        encoding="utf-8")
    out = tmp_path / "b.pdf"
    result = runner.invoke(cli, ["render", str(sample_path), "--style", str(folder / "style.yaml"),
                                 "--template", str(folder / "template"), "-o", str(out), "--date", "2026-11-27"])
    assert result.exit_code == 0, result.stderr
    first = PdfReader(out).pages[0].extract_text()
    assert "Baku Analysis Centre" in first and "Bottom line" in first
    again = runner.invoke(cli, ["style", "init", str(folder)])
    assert again.exit_code == 1 and "already exists" in again.stderr
    assert "Baku Analysis Centre" in (folder / "style.yaml").read_text(encoding="utf-8")


def test_every_font_embedded_with_house_style(house_pdf: PdfReader, tmp_path: Path) -> None:
    path = tmp_path / "h.pdf"
    writer_bytes = io.BytesIO()
    from pypdf import PdfWriter

    writer = PdfWriter(clone_from=house_pdf)
    writer.write(writer_bytes)
    path.write_bytes(writer_bytes.getvalue())
    embedded = fonts(path)
    assert embedded and all(embedded.values()), embedded
