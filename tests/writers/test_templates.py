"""Templates: packaged name, a user's folder, extending the packaged one, errors."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from briefing.errors import TemplateError
from briefing.model import Brief, Point, Reference, Source, Theme
from briefing.resources import templates_dir
from briefing.writers.pdf import write_pdf
from briefing.writers.templating import packaged_templates, template_folder
from tests.pdftools import fonts, text


def brief() -> Brief:
    return Brief(
        title="Caspian gas: the new route",
        sources=[Source(title="Gas", site="example.org")],
        takeaways=[Point(text="Exports to Europe will rise.", refs=[Reference(source=1, paragraph=2)])],
        themes=[Theme(id="gas", label="Gas", points=[Point(text="Baku signed the deal.", refs=[])])],
    )


def test_default_template_is_packaged() -> None:
    assert "policy-brief" in packaged_templates()
    assert template_folder(None) == templates_dir() / "policy-brief"


def test_users_copy_of_the_template(tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    shutil.copytree(templates_dir() / "policy-brief", folder)
    main = folder / "brief.rml.j2"
    main.write_text(main.read_text(encoding="utf-8").replace("{{ labels.key_takeaways }}", "Bottom line"),
                    encoding="utf-8")
    out = write_pdf(brief(), tmp_path / "b.pdf", template=str(folder))
    body = text(out)
    assert "Bottom line" in body and "Key takeaways" not in body


def test_template_extending_the_packaged_one(tmp_path: Path) -> None:
    folder = tmp_path / "ext"
    folder.mkdir()
    (folder / "brief.rml.j2").write_text(
        '{% extends "policy-brief/brief.rml.j2" %}\n'
        "{% block cover %}{{ super() }}<para style=\"meta\">Prepared for the Tuesday meeting</para>{% endblock %}\n",
        encoding="utf-8",
    )
    out = write_pdf(brief(), tmp_path / "b.pdf", template=str(folder))
    body = text(out)
    assert "Prepared for the Tuesday meeting" in body and "Caspian gas" in body


def test_unknown_template_and_bad_folder(tmp_path: Path) -> None:
    with pytest.raises(TemplateError, match="no template 'nope'.*policy-brief"):
        template_folder("nope")
    with pytest.raises(TemplateError, match="needs a brief.rml.j2"):
        template_folder(str(tmp_path))


def test_template_errors_name_the_file_and_line(tmp_path: Path) -> None:
    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / "brief.rml.j2").write_text("<document>\n{% if %}\n</document>", encoding="utf-8")
    with pytest.raises(TemplateError, match=r"brief.rml.j2:2"):
        write_pdf(brief(), tmp_path / "b.pdf", template=str(folder))
    (folder / "brief.rml.j2").write_text("<document>{{ brief.no_such_field }}</document>", encoding="utf-8")
    with pytest.raises(TemplateError, match="no_such_field"):
        write_pdf(brief(), tmp_path / "b.pdf", template=str(folder))
    (folder / "brief.rml.j2").write_text("<document>{{ brief.title | no_such_filter }}</document>",
                                         encoding="utf-8")
    with pytest.raises(TemplateError, match="no_such_filter"):
        write_pdf(brief(), tmp_path / "b.pdf", template=str(folder))
    assert not (tmp_path / "b.pdf").exists()


def test_at_a_glance_leaves_out_what_it_has_not_got(tmp_path: Path) -> None:
    """No figures, no actors: no empty "Key figures" and "Main actors" columns."""
    from briefing.model import Event

    dated = brief().model_copy(update={"timeline": [
        Event(date="2024-03-12", label="12 March 2024", text="Baku signed the deal."),
        Event(date="2025-01-09", label="9 January 2025", text="Gas began to flow.")]})
    target = write_pdf(dated, tmp_path / "b.pdf")
    body = text(target)
    assert "AT A GLANCE" in body and "PERIOD COVERED" in body and "2024 – 2025" in body
    assert "KEY FIGURES" not in body and "MAIN ACTORS" not in body


def test_unknown_rml_tag_fails(tmp_path: Path) -> None:
    folder = tmp_path / "tag"
    shutil.copytree(templates_dir() / "policy-brief", folder)
    main = folder / "brief.rml.j2"
    main.write_text(main.read_text(encoding="utf-8").replace("<spacer length=\"10\"/>", "<spacr length=\"10\"/>", 1),
                    encoding="utf-8")
    with pytest.raises(TemplateError, match="spacr"):
        write_pdf(brief(), tmp_path / "b.pdf", template=str(folder))


def test_azerbaijani_turkish_and_cyrillic_glyphs(tmp_path: Path) -> None:
    words = "Ə ə Ş ş Ğ ğ I ı İ i Ç ç Ö ö Ü ü — Россия Україна Қазақстан"
    b = brief()
    b.title = f"Azərbaycan: {words}"
    b.takeaways[0].text = f"Xəbər: {words}."
    out = write_pdf(b, tmp_path / "glyphs.pdf")
    flat = " ".join(text(out).split())
    assert words in flat
    assert all(fonts(out).values())
