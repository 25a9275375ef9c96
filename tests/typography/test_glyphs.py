"""Glyph coverage, per-run font fallback and right-to-left order."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from lxml import etree

from briefing.model import Brief, ChartSpec, Point
from briefing.resources import font_path
from briefing.typography import bidi, fallback, glyphs
from briefing.writers.pdf import pdf_bytes, write_pdf
from tests.pdftools import fonts, text

SERIF = font_path("NotoSerif-Regular.ttf")
SANS_BOLD = font_path("NotoSans-Bold.ttf")


def _families(parts: list[tuple[fallback.Fallback | None, str]]) -> list[tuple[str | None, str]]:
    return [(fb.family if fb else None, chunk) for fb, chunk in parts]


def test_bundled_fonts_cover_the_scripts_the_brief_must_show() -> None:
    samples = "Azərbaycan ğışçö Ελλάδα Россия Україна Қазақстан საქართველო Հայաստան עברית العربية فارسی"
    assert all(fallback.renderable(c, (SERIF,)) for c in samples if not c.isspace())
    assert not fallback.renderable("東", (SERIF,))
    assert not fallback.renderable("\U0001F600", (SERIF,))


def test_runs_split_only_where_the_face_lacks_glyphs() -> None:
    assert _families(fallback.runs("Azərbaycan və Россия", SERIF)) == [(None, "Azərbaycan və Россия")]
    parts = _families(fallback.runs("Tbilisi (თბილისი) and Yerevan Երևան.", SERIF))
    # The Georgian and Armenian fonts have no brackets or full stop: those stay.
    assert parts == [(None, "Tbilisi ("), ("Georgian", "თბილისი"), (None, ") and Yerevan "),
                     ("Armenian", "Երևան"), (None, ".")]
    # Noto Naskh has « » and the Arabic comma: they go with the Arabic word,
    # so a word is never drawn in two fonts.
    assert _families(fallback.runs("BBC «ما»، 12", SERIF)) == [(None, "BBC "), ("Arabic", "«ما»،"), (None, " 12")]


def test_a_space_between_two_words_of_one_fallback_joins_them() -> None:
    parts = _families(fallback.runs("EU: ევროკავშირი და ნატო", SERIF))
    assert parts == [(None, "EU: "), ("Georgian", "ევროკავშირი და ნატო")]


def test_characters_no_font_has_become_a_visible_replacement() -> None:
    parts = fallback.runs("Tokyo 東京 \U0001F600", SERIF)
    assert "".join(chunk for _, chunk in parts) == "Tokyo \ufffd\ufffd \ufffd"
    # Zero-width joiners have nothing to draw: they stay, and are not reported.
    assert "".join(c for _, c in fallback.runs("a\u200db", SERIF)) == "a\u200db"


def test_bold_faces_fall_back_to_bold_files() -> None:
    (fb, _), = [p for p in fallback.runs("ნატო", SANS_BOLD, bold=True) if p[0]]
    assert fb.face_for(True).endswith("-Bold") and fb.path_for(True).name == "NotoSansGeorgian-Bold.ttf"


def test_string_width_measures_fallback_runs_with_their_fonts() -> None:
    georgian = fallback.metrics(str(font_path("NotoSansGeorgian-Regular.ttf"))).stringWidth("საქართველო", 10)
    assert fallback.metrics(str(SERIF)).stringWidth("საქართველო", 10) != georgian  # .notdef widths
    assert fallback.string_width("Tbilisi საქართველო", SERIF, 10) == (
        fallback.metrics(str(SERIF)).stringWidth("Tbilisi ", 10) + georgian)


_RML = """<document filename="x.pdf"><docinit>
<registerTTFont faceName="T" fileName="{serif}"/><registerTTFont faceName="T-Bold" fileName="{bold}"/>
<registerFontFamily name="T" normal="T" bold="T-Bold" italic="T" boldItalic="T-Bold"/></docinit>
<template><pageTemplate id="p"><pageGraphics><setFont name="T" size="9"/>
<drawRightString x="500" y="800">Brief: საქართველო</drawRightString>\
<drawString x="10" y="10">Page <pageNumber/></drawString>
</pageGraphics><frame id="f" x1="10" y1="10" width="500" height="700"/></pageTemplate></template>
<stylesheet><paraStyle name="body" fontName="T"/><paraStyle name="child" parent="body"/></stylesheet>
<story><para style="child">Text <b>ნატო</b> and <i>Հայ</i> end</para></story></document>"""


def _rml() -> etree._Element:
    return etree.fromstring(_RML.format(serif=SERIF, bold=font_path("NotoSerif-Bold.ttf")).encode())


def test_rml_paragraph_runs_are_wrapped_in_fallback_fonts() -> None:
    root = _rml()
    fallback.apply(root)
    para = root.find(".//para")
    assert etree.tostring(para, encoding=str) == (
        '<para style="child">Text <b><font name="BriefingFallback-Georgian-Bold">ნატო</font></b> and '
        '<i><font name="BriefingFallback-Armenian">Հայ</font></i> end</para>'
    )
    declared = {e.get("faceName") for e in root.iter("registerTTFont")}
    assert {"BriefingFallback-Georgian", "BriefingFallback-Georgian-Bold", "BriefingFallback-Armenian"} <= declared
    assert "BriefingFallback-Arabic" not in declared  # only what is used


def test_canvas_strings_are_split_into_runs_that_keep_their_alignment() -> None:
    root = _rml()
    fallback.apply(root)
    graphics = root.find(".//pageGraphics")
    strings = [(e.tag, e.text) for e in graphics if e.tag.startswith("draw")]
    assert strings[:2] == [("drawString", "Brief: "), ("drawString", "საქართველო")]
    first, second = [e for e in graphics if e.tag == "drawString"][:2]
    width = sum(fallback.metrics(str(p)).stringWidth(t, 9) for p, t in
                ((SERIF, "Brief: "), (font_path("NotoSansGeorgian-Regular.ttf"), "საქართველო")))
    assert abs(float(first.get("x")) - (500 - width)) < 0.01  # right-aligned as a whole
    assert float(second.get("x")) > float(first.get("x"))
    fonts_set = [e.get("name") for e in graphics if e.tag == "setFont"]
    assert fonts_set[-1] == "T" and "BriefingFallback-Georgian" in fonts_set
    assert graphics.findall("drawString")[-1].find("pageNumber") is not None  # untouched


def test_visual_order_follows_the_bidi_algorithm() -> None:
    # Right-to-left paragraph: a Latin pair keeps its order; a number after a
    # Latin word joins it (W7), a number after an Arabic word stands alone.
    assert bidi.visual_order(["R", "WS", "R", "WS", "L", "WS", "L", "WS", "EN"], rtl=True) == [
        4, 5, 6, 7, 8, 3, 2, 1, 0]
    assert bidi.visual_order(["R", "WS", "L", "WS", "R", "WS", "EN"], rtl=True) == [6, 5, 4, 3, 2, 1, 0]
    assert bidi.visual_order(["L", "WS", "R", "WS", "R"], rtl=False) == [0, 1, 4, 3, 2]


def test_a_right_to_left_word_is_drawn_reversed_with_mirrored_brackets() -> None:
    assert bidi.reorder_words(["(سلام)", "BBC"], rtl=True) == ["BBC", "(مالس)"]
    assert bidi.visual_line("abc") == "abc"
    line = bidi.visual_line("شهر Baku")
    assert line.startswith("Baku ") and unicodedata.normalize("NFKC", line).endswith("رهش")


def test_missing_names_only_what_no_bundled_font_has() -> None:
    brief = Brief(title="საქართველო, Հայաստան, العربية, 東京 and \U0001F600",
                  takeaways=[Point(text="Ελλάδα")])
    lacking = glyphs.missing(brief, [SERIF])
    assert lacking == "".join(sorted("東京\U0001F600"))
    note = glyphs.describe(lacking)
    assert "U+6771" in note and "U+1F600" in note and "Han" in note and "\ufffd" in note
    assert "東" not in note  # the note itself must be drawable


def test_a_georgian_brief_has_every_glyph_and_one_warning_for_cjk(tmp_path: Path) -> None:
    brief = Brief(title="საქართველო და ევროკავშირი", subtitle="Հայաստան · Ελλάδα · Россия",
                  takeaways=[Point(text="თბილისი და ბრიუსელი შეხვდნენ. Tokyo 東京.")])
    warnings: list[str] = []
    out = write_pdf(brief, tmp_path / "ka.pdf", warn=warnings.append)
    assert len(warnings) == 1 and "Han" in warnings[0]
    body = " ".join(text(out).split())
    for phrase in ("საქართველო და ევროკავშირი", "Հայաստան · Ελλάδα · Россия", "თბილისი და ბრიუსელი შეხვდნენ."):
        assert phrase in body
    assert "Tokyo \ufffd\ufffd." in body
    found = fonts(out)
    assert all(found.values()) and any("Georgian" in name for name in found)


def test_right_to_left_brief_is_deterministic_and_embeds_its_fonts(tmp_path: Path) -> None:
    brief = Brief(title="برگزیت و اتحادیه اروپا",
                  takeaways=[Point(text="او افزود: «ما نیاز به یک توافق داریم» BBC 2019.")])
    first, second = pdf_bytes(brief), pdf_bytes(brief)
    assert first == second
    out = tmp_path / "fa.pdf"
    out.write_bytes(first)
    found = fonts(out)
    assert all(found.values()) and any("NotoNaskhArabic" in name for name in found)
    body = unicodedata.normalize("NFKC", text(out))
    for word in ("برگزیت", "اتحادیه", "توافق"):
        assert word in body or word[::-1] in body


def test_chart_labels_fall_back_per_run(tmp_path: Path) -> None:
    from reportlab.graphics import renderPDF

    from briefing import charts

    spec = ChartSpec(id="t", kind="bar", title="t", caption="c",
                     labels=["Tbilisi თბილისი", "تهران", "Ереван"], values=[[3], [2], [1]])
    d = charts.drawing(spec, width_pt=300)
    faces = {s.fontName for s in d.getContents()[-1].contents} | {
        s.fontName for g in d.getContents() for s in getattr(g, "contents", [])}
    assert {"BriefingFallback-Georgian", "BriefingFallback-Arabic"} <= faces
    out = tmp_path / "chart.pdf"
    renderPDF.drawToFile(d, str(out))
    body = text(out)
    assert "თბილისი" in body and "Ереван" in body and "?" not in body
    assert all(fonts(out).values())
