"""The one path from inputs to files: read, segment, compose, redraw charts, write."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing import pipeline
from briefing.errors import BriefValidationError, InputError, UsageError
from briefing.model import Brief, ChartSpec
from tests.conftest import BRIEF_DATE, FIXTURES, SAMPLE

STORY = FIXTURES / "story"


def test_read_path_gives_language_and_sentences_the_reader_alone_does_not() -> None:
    from briefing.readers import read_path as reader_only

    bare = reader_only(STORY / "a.txt")
    assert bare.language is None and not any(p.sentences for p in bare.paragraphs)
    doc = pipeline.read_path(STORY / "a.txt")
    assert doc.language == "en"
    assert all(p.sentences for p in doc.paragraphs)


def test_read_documents_expands_folders_and_reads_a_repeated_file_once(tmp_path: Path) -> None:
    (tmp_path / "one.txt").write_bytes((STORY / "a.txt").read_bytes())
    (tmp_path / "two.txt").write_bytes((STORY / "a.txt").read_bytes())
    (tmp_path / "notes.xyz").write_text("not a document")
    heard: list[tuple[str, str]] = []
    docs = pipeline.read_documents([str(tmp_path)], lambda path, message: heard.append((Path(path).name, message)))
    assert [Path(d.path).name for d in docs] == ["one.txt"]
    assert ("notes.xyz", "skipped, not a format briefing reads") in heard
    assert any(name == "two.txt" and message.startswith("same content as") for name, message in heard)


def test_standard_input_twice_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="only once"):
        pipeline.read_documents(["-", "-"])


def test_an_empty_folder_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no document"):
        pipeline.read_documents([str(tmp_path)])


def test_brief_from_composes_documents_and_loads_a_brief_file(tmp_path: Path) -> None:
    brief = pipeline.brief_from([str(STORY / "a.txt"), str(STORY / "b.txt")], date=BRIEF_DATE)
    assert brief.date == BRIEF_DATE and len(brief.sources) == 2
    file = tmp_path / "brief.json"
    file.write_bytes(pipeline.render(brief, "json"))
    assert pipeline.brief_from([str(file)]) == brief
    with pytest.raises(UsageError, match="on its own"):
        pipeline.brief_from([str(file), str(STORY / "a.txt")])


def test_a_brief_file_with_an_unknown_chart_kind_names_the_field(tmp_path: Path) -> None:
    brief = Brief(title="T", charts=[ChartSpec(id="x", kind="radar", title="R", caption="c")])
    file = tmp_path / "brief.json"
    file.write_bytes(pipeline.render(brief, "json"))
    with pytest.raises(BriefValidationError, match=r"charts\[0\]\.kind.*unknown chart kind 'radar'"):
        pipeline.brief_from([str(file)])


def test_charts_are_redrawn_from_the_brief_s_current_data() -> None:
    from briefing.config import load_style

    brief = pipeline.brief_from([str(SAMPLE)], date=BRIEF_DATE, length="full")
    kinds = {c.id for c in brief.charts}
    assert "timeline" in kinds
    edited = brief.model_copy(update={"timeline": brief.timeline[:2]})  # two events: no timeline chart
    assert "timeline" not in {c.id for c in pipeline.chart_specs(edited, load_style())}
    html = pipeline.render(edited, "html").decode("utf-8")
    assert html.count("<figure") == len(pipeline.chart_specs(edited, load_style()))


def test_the_format_registry_takes_a_new_format(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from briefing import writers

    monkeypatch.setitem(writers.FORMATS, "title", writers.Format("title", ".txt", "tests.test_pipeline:title_bytes"))
    target = pipeline.write(Brief(title="Grain talks"), tmp_path / "t.txt", "title")
    assert target.read_text(encoding="utf-8") == "Grain talks\n"
    with pytest.raises(Exception, match="unknown output format 'nope'"):
        pipeline.render(Brief(title="x"), "nope")


def title_bytes(brief: Brief, **_options: object) -> bytes:
    return (brief.title + "\n").encode("utf-8")


def test_the_media_type_registry_knows_every_reader_format() -> None:
    from briefing.readers import MEDIA_TYPES, media_reader
    from briefing.readers.docx import DocxReader
    from briefing.readers.html import HtmlReader
    from briefing.readers.pdf import PdfReader

    assert media_reader("application/pdf") is PdfReader
    assert media_reader("TEXT/HTML") is HtmlReader
    assert media_reader(
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document") is DocxReader
    assert media_reader("image/png") is None
    assert {"text/plain", "text/markdown"} <= set(MEDIA_TYPES)


def test_the_chart_kind_registry_places_and_describes_a_new_kind(monkeypatch: pytest.MonkeyPatch) -> None:
    from briefing import charts

    monkeypatch.setitem(charts.KINDS, "dots", charts.Kind("dots", "tests.test_pipeline:place_dots",
                                                          "tests.test_pipeline:describe_dots"))
    spec = ChartSpec(id="d", kind="dots", title="Dots", caption="c", labels=["a", "b"], values=[[1.0], [2.0]])
    assert charts.describe(spec) == "Dots: 2 dots."
    scene = charts.scene(spec, width_pt=200)
    assert scene.height == 40
    with pytest.raises(InputError, match="unknown chart kind"):
        charts.scene(spec.model_copy(update={"kind": "radar"}), width_pt=200)


def place_dots(spec: ChartSpec, width: float, height: float | None, style: object) -> object:
    from briefing.charts.marks import Scene

    return Scene(width, 40)


def describe_dots(spec: ChartSpec) -> str:
    return f"{spec.title}: {len(spec.labels)} dots."
