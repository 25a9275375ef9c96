"""The Brief as a file: JSON/YAML round trip and validation messages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from briefing.errors import BriefValidationError
from briefing.model import Brief, Point, Reference, Source, Theme
from briefing.serialise import dump_json, dump_yaml, load_brief


def small_brief() -> Brief:
    return Brief(
        title="Caspian energy: a new route",
        subtitle="What the pipeline deal changes — ə ş ğ ı",
        date="2025-08-09",
        sources=[Source(title="Pipeline news", site="example.org")],
        takeaways=[Point(text="Exports rise by 10%.", refs=[Reference(source=1, paragraph=3)])],
        themes=[Theme(id="energy", label="Energy", points=[Point(text="A point.", refs=[])])],
    )


def test_yaml_round_trip_is_lossless(tmp_path: Path) -> None:
    brief = small_brief()
    path = tmp_path / "brief.yaml"
    path.write_text(dump_yaml(brief), encoding="utf-8")
    assert load_brief(path) == brief


def test_json_round_trip_is_lossless(tmp_path: Path) -> None:
    brief = small_brief()
    path = tmp_path / "brief.json"
    path.write_text(dump_json(brief), encoding="utf-8")
    assert load_brief(path) == brief
    assert json.loads(path.read_text(encoding="utf-8"))["schema_version"] == 1


def test_sample_brief_round_trips(sample_brief: Brief, tmp_path: Path) -> None:
    for name, dump in (("b.yaml", dump_yaml), ("b.json", dump_json)):
        path = tmp_path / name
        path.write_text(dump(sample_brief), encoding="utf-8")
        assert load_brief(path) == sample_brief


def test_yaml_is_readable_unicode_with_a_header() -> None:
    text = dump_yaml(small_brief(), "x.yaml")
    assert text.startswith("# A brief drafted by briefing")
    assert "briefing render x.yaml" in text
    assert "ə ş ğ ı" in text  # not escaped


def _edit(tmp_path: Path, old: str, new: str) -> Path:
    path = tmp_path / "brief.yaml"
    text = dump_yaml(small_brief())
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def test_wrong_type_names_field_and_line(tmp_path: Path) -> None:
    path = _edit(tmp_path, "paragraph: 3", "paragraph: three")
    with pytest.raises(BriefValidationError) as info:
        load_brief(path)
    error = info.value
    assert error.field == "takeaways[0].refs[0].paragraph"
    line = next(i for i, text in enumerate(path.read_text().splitlines(), 1) if "paragraph: three" in text)
    assert error.line == line
    assert f"{path}:{line}" in str(error) and "\n" not in str(error)


def test_unknown_field_is_an_error(tmp_path: Path) -> None:
    path = _edit(tmp_path, "schema_version: 1", "schema_version: 1\ntitel: oops")
    with pytest.raises(BriefValidationError, match="field 'titel': unknown field"):
        load_brief(path)


def test_dates_must_be_iso_but_may_be_unquoted(tmp_path: Path) -> None:
    path = _edit(tmp_path, "date: '2025-08-09'", "date: 9 August")
    with pytest.raises(BriefValidationError, match="field 'date': '9 August' is not a date like 2025"):
        load_brief(path)
    path = _edit(tmp_path, "date: '2025-08-09'", "date: '2025-00-10'")
    with pytest.raises(BriefValidationError, match="not a real date"):
        load_brief(path)
    path = _edit(tmp_path, "date: '2025-08-09'", "date: 2025-00-10")  # YAML itself fails on it
    with pytest.raises(BriefValidationError, match="month must be in 1..12"):
        load_brief(path)
    path = _edit(tmp_path, "date: '2025-08-09'", "date: 2025-08-10")  # YAML reads a date object
    assert load_brief(path).date == "2025-08-10"


def test_missing_title(tmp_path: Path) -> None:
    data = yaml.safe_load(dump_yaml(small_brief()))
    del data["title"]
    path = tmp_path / "brief.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    with pytest.raises(BriefValidationError, match="field 'title'"):
        load_brief(path)


def test_duplicate_theme_ids(tmp_path: Path) -> None:
    brief = small_brief()
    brief.themes = brief.themes * 2
    path = tmp_path / "brief.yaml"
    path.write_text(dump_yaml(brief), encoding="utf-8")
    with pytest.raises(BriefValidationError, match=r"field 'themes\[1\].id': 'energy' is the id of an earlier theme"):
        load_brief(path)


def test_json_indented_with_tabs(tmp_path: Path) -> None:
    path = tmp_path / "brief.json"
    path.write_text(json.dumps(json.loads(dump_json(small_brief())), indent="\t"), encoding="utf-8")
    assert load_brief(path) == small_brief()


def test_schema_version_is_checked(tmp_path: Path) -> None:
    path = _edit(tmp_path, "schema_version: 1", "schema_version: 7")
    with pytest.raises(BriefValidationError, match="schema version 1"):
        load_brief(path)


def test_syntax_error_has_a_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text("schema_version: 1\ntitle: [unclosed\n", encoding="utf-8")
    with pytest.raises(BriefValidationError) as info:
        load_brief(path)
    assert info.value.line is not None


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(BriefValidationError, match="no such file"):
        load_brief(tmp_path / "nope.yaml")


def test_reference_to_a_missing_source(tmp_path: Path) -> None:
    brief = small_brief()
    brief.themes[0].points[0].refs = [Reference(source=2, paragraph=1)]
    path = tmp_path / "brief.yaml"
    path.write_text(dump_yaml(brief), encoding="utf-8")
    with pytest.raises(BriefValidationError, match=r"field 'themes\[0\].points\[0\].refs\[0\].source': "
                                                   r"there is no source 2 \(the brief lists 1\)"):
        load_brief(path)
