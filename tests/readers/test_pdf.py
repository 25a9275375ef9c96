"""The PDF reader: reading order, headings, furniture, hyphens, refusals.

The fixture ``tests/fixtures/pdf/IF11043.3.pdf`` is a CRS In Focus brief
(U.S. government work, public domain; see ../shared/eval/SOURCES.tsv), three
pages in two columns.  The expectations below were read off the page by eye
(``pdftotext -layout`` and ``pdftoppm -r 50``): page 1's left column ends
"...approach to regulating research with identifiable private" and the right
column goes on "information and identifiable biospecimens. The revised...".
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from briefing.errors import InputError
from briefing.pipeline import read_path
from briefing.readers._pdflines import Line, join_lines, keep_hyphen
from briefing.readers.pdf import PdfReader, pdf_date
from tests.conftest import FIXTURES as ALL_FIXTURES

FIXTURES = ALL_FIXTURES / "pdf"
IN_FOCUS = FIXTURES / "IF11043.3.pdf"
TITLE = ("The Federal Policy for the Protection of Human Research Subjects (Common Rule): "
         "Overview and Issues")


@pytest.fixture(scope="module")
def in_focus():
    return read_path(IN_FOCUS)


def text_of(doc) -> str:
    return "\n".join(b.text for b in doc.blocks)


# --------------------------------------------------------------------------
# The CRS In Focus brief
# --------------------------------------------------------------------------


def test_two_columns_read_in_order(in_focus) -> None:
    text = text_of(in_focus)
    left = text.index("equitable selection of subjects")  # page 1, left column
    right = text.index("The 2018 Common Rule defines human subjects research")  # right column
    page2 = text.index("include either a statement that de-identified")  # page 2, left
    page2_right = text.index("secondary research falls within the scope of the broad")
    assert left < right < page2 < page2_right


def test_paragraph_cut_by_the_column_break_is_one_block(in_focus) -> None:
    joined = [b for b in in_focus.blocks
              if "approach to regulating research with identifiable private information and "
                 "identifiable biospecimens. The revised Common Rule" in b.text]
    assert len(joined) == 1 and joined[0].kind == "paragraph"
    # and across the page break: "...informed consent must" | "include either a statement"
    assert any("informed consent must include either a statement" in b.text
               for b in in_focus.blocks)


def test_title_date_and_author(in_focus) -> None:
    assert in_focus.title == TITLE
    assert in_focus.date == "2026-04-10"  # "Updated April 10, 2026" under the masthead
    assert in_focus.metadata["created"] == "2026-04-13"  # the document info
    assert in_focus.author == "Amanda K. Sarata"  # "Name, Specialist in ..." at the end
    assert in_focus.language == "en"


def test_headings_from_font_size_and_weight(in_focus) -> None:
    headings = {h.text: h.level for h in in_focus.headings}
    # 12.5 pt bold sections, 10 pt bold subsections (body text is 10 pt roman)
    assert headings["IRB Review and Informed Consent"] == 1
    assert headings["The Common Rule and Secondary Research"] == 1  # two lines, one heading
    assert headings["Potential Issues for Consideration"] == 1
    assert headings["Broad Consent"] == 2
    assert headings["Exemptions for Storage, Maintenance, and Secondary Research with Broad "
                    "Consent"] == 2
    assert TITLE not in headings


def test_running_headers_footers_and_page_numbers_are_gone(in_focus) -> None:
    text = text_of(in_focus)
    assert "crsreports.congress.gov" not in text  # footer of every page
    assert "IF11043" not in text  # the product number in small print
    assert text.count("Overview and Issues") == 0  # the running header repeats the title
    assert "This document was prepared by the Congressional Research Service" not in text
    assert "Disclaimer" in in_focus.chrome


def test_bullets_are_list_items(in_focus) -> None:
    items = [b.text for b in in_focus.blocks if b.kind == "list_item"]
    assert len(items) == 3
    assert items[0].startswith("Policymakers may consider whether protections under the 2018")
    assert not items[0].startswith("•")


def test_line_end_hyphen_of_a_compound_is_kept(in_focus) -> None:
    text = text_of(in_focus)
    assert "Provisions of the Revised Common Rule on FDA-Regulated Clinical" in text
    assert "(P.L. 114-255)" in text
    assert "\ufffe" not in text and "\u00ad" not in text


# --------------------------------------------------------------------------
# A PDF made here: columns, hyphenation, furniture, a table
# --------------------------------------------------------------------------


LEFT = [
    "The first column opens the report with a paragraph that",
    "runs over several lines and ends with a word broken by",
    "hyphenation, as typesetters do, in the middle of a docu-",
    "ment that the reader has to repair. A compound such as",
    "well-",
    "known stays hyphenated. The sentence carries on into the",
]
RIGHT = [
    "second column without a break in the text of the report.",
]
PAGE2 = [
    "The second page has a single paragraph of ordinary text that",
    "is long enough to count as body text for the reader's rules.",
]


def _report(path: Path) -> Path:
    from reportlab.lib.pagesizes import letter
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=letter, invariant=1)
    c.setTitle("")
    for page in (1, 2):
        c.setFont("Helvetica", 8)
        c.drawString(72, 760, "Test Report: Columns and Furniture")
        c.drawString(300, 30, str(page))
        y = 680
        if page == 1:
            c.setFont("Helvetica-Bold", 20)
            c.drawString(72, 715, "A Report Made for the Tests")
            c.setFont("Times-Roman", 10)
            for k, line in enumerate(LEFT):
                c.drawString(72, y - 12 * k, line)
            c.drawString(320, y, RIGHT[0])
            c.setFont("Times-Bold", 12)
            c.drawString(320, y - 24, "Second Section")
            c.setFont("Times-Roman", 10)
            for k in range(5):
                c.drawString(320, y - 40 - 12 * k,
                             f"Line {k + 1} of the second section in the right column.")
        else:
            c.setFont("Times-Roman", 10)
            for k, line in enumerate(PAGE2):
                c.drawString(72, y - 12 * k, line)
            c.setFont("Times-Bold", 10)
            c.drawString(72, y - 60, "Table 1. Exports by country")
            c.setFont("Times-Roman", 10)
            for k, row in enumerate([("Country", "2024", "2025"), ("Azerbaijan", "24.5", "25.1"),
                                     ("Kazakhstan", "12.0", "13.4")]):
                for x, cell in zip((72, 250, 400), row, strict=True):
                    c.drawString(x, y - 80 - 14 * k, cell)
        c.showPage()
    c.save()
    return path


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    return read_path(_report(tmp_path_factory.mktemp("pdf") / "report.pdf"))


def test_made_pdf_columns_and_continuation(report) -> None:
    text = text_of(report)
    assert report.title == "A Report Made for the Tests"
    assert text.index("opens the report") < text.index("second column without a break") \
        < text.index("The second page has a single paragraph")
    assert any("carries on into the second column without a break" in b.text for b in report.blocks)
    assert [h.text for h in report.headings] == ["Second Section"]


def test_made_pdf_hyphenation_repaired(report) -> None:
    text = text_of(report)
    assert "in the middle of a document that the reader has to repair" in text
    assert "docu-" not in text
    assert "A compound such as well-known stays hyphenated" in text


def test_made_pdf_furniture_removed(report) -> None:
    text = text_of(report)
    assert "Test Report: Columns and Furniture" not in text
    assert all(b.text not in ("1", "2") for b in report.blocks)


def test_made_pdf_table_with_its_caption(report) -> None:
    tables = [b.text for b in report.blocks if b.kind == "table"]
    assert tables == ["Table 1. Exports by country\nCountry | 2024 | 2025\n"
                      "Azerbaijan | 24.5 | 25.1\nKazakhstan | 12.0 | 13.4"]
    assert not any(b.text.startswith("Table 1.") for b in report.paragraphs if b.kind != "table")


# --------------------------------------------------------------------------
# Hyphen rules on their own
# --------------------------------------------------------------------------


def _line(text: str, hyphen: str = "") -> Line:
    return Line(text, 0, 100, 10, 0, 0, 10, False, 0, hyphen)


@pytest.mark.parametrize(("left", "right", "words", "compounds", "keep"), [
    ("docu", "ments", set(), set(), False),           # fragments: join
    ("FDA", "Regulated", set(), set(), True),          # capital after the hyphen
    ("non", "partisan", set(), set(), True),           # a prefix that keeps its hyphen
    ("second", "largest", {"second", "largest"}, set(), True),  # two words
    ("infor", "mation", {"information"}, set(), False),  # the joined word is known
    ("de", "identified", set(), {"de-identified"}, True),  # the compound is known
])
def test_keep_hyphen(left, right, words, compounds, keep) -> None:
    assert keep_hyphen(left, right, (words, compounds)) is keep


def test_soft_hyphen_always_joins() -> None:
    lines = [_line("a discretionary hy", "soft"), _line("phen and a dash—"), _line("then more")]
    assert join_lines(lines, (set(), set())) == "a discretionary hyphen and a dash—then more"


def test_pdf_dates() -> None:
    assert pdf_date("D:20260413134351-04'00'") == "2026-04-13"
    assert pdf_date("2025-08-09T10:00:00Z") == "2025-08-09"
    assert pdf_date("D:2026") == "2026"
    assert pdf_date("yesterday") is None


# --------------------------------------------------------------------------
# Refusals: one line, never an empty brief
# --------------------------------------------------------------------------


def _encrypted(user_password: str) -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter(clone_from=str(IN_FOCUS))
    writer.encrypt(user_password=user_password, owner_password="owner", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_encrypted_pdf_refused() -> None:
    with pytest.raises(InputError, match=r"^x\.pdf: encrypted: the PDF needs a password") as info:
        PdfReader().read(_encrypted("secret"), "x.pdf")
    assert "\n" not in str(info.value)


def test_pdf_with_only_an_owner_password_is_read() -> None:
    doc = PdfReader().read(_encrypted(""), "x.pdf")  # opens without a password
    assert doc.title == TITLE


def _image_only_pdf() -> bytes:
    from PIL import Image
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    image = Image.new("RGB", (200, 100), "white")
    for x in range(20, 180):  # some "scanned" ink
        image.putpixel((x, 50), (0, 0, 0))
    out = io.BytesIO()
    c = canvas.Canvas(out, invariant=1)
    c.drawImage(ImageReader(image), 72, 500, width=400, height=200)
    c.showPage()
    c.save()
    return out.getvalue()


def test_image_only_pdf_refused() -> None:
    with pytest.raises(InputError, match=r"^scan\.pdf: no text layer: run OCR first"):
        PdfReader().read(_image_only_pdf(), "scan.pdf")


def test_blank_pdf_refused() -> None:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(612, 792)
    out = io.BytesIO()
    writer.write(out)
    with pytest.raises(InputError, match="no text layer: run OCR first"):
        PdfReader().read(out.getvalue(), "blank.pdf")


@pytest.mark.parametrize(("data", "message"), [
    (b"Just some text, not a PDF at all.", "not a PDF file"),
    (IN_FOCUS.read_bytes()[:4000], "not a readable PDF"),
    (b"%PDF-1.7\n" + bytes(range(256)) * 20, "not a readable PDF"),
])
def test_broken_pdfs_refused(data: bytes, message: str) -> None:
    with pytest.raises(InputError, match=message):
        PdfReader().read(data, "broken.pdf")


# --------------------------------------------------------------------------
# Through the command line
# --------------------------------------------------------------------------


def test_cli_renders_the_in_focus_pdf(runner, tmp_path: Path) -> None:
    from briefing.cli import cli
    from tests import pdftools

    out = tmp_path / "brief.pdf"
    result = runner.invoke(cli, ["render", str(IN_FOCUS), "-o", str(out), "--date", "2026-11-27"])
    assert result.exit_code == 0, result.output
    text = " ".join(pdftools.text(out).split())
    assert "The Federal Policy for the Protection of Human Research" in text
    assert "Common Rule" in text and "informed consent" in text
