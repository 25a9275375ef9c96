"""The house style is found, not typed.

Render picks up briefing.yaml, `style show` says where each setting came from.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefing.cli import cli
from tests.conftest import BRIEF_DATE, FIXTURES
from tests.pdftools import text as pdf_text

STORY = FIXTURES / "story" / "a.txt"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository folder with a briefing.yaml, a sub-folder as the current folder, no user style."""
    root = tmp_path / "repo"
    (root / ".git").mkdir(parents=True)
    (root / "briefing.yaml").write_text('organisation: "Centre for Caspian Studies"\npaper: letter\n',
                                        encoding="utf-8")
    work = root / "notes"
    work.mkdir()
    monkeypatch.chdir(work)
    monkeypatch.delenv("BRIEFING_STYLE", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setattr("platformdirs.user_config_dir", lambda *a, **k: str(tmp_path / "config" / "briefing"))
    return root


def test_render_uses_the_briefing_yaml_of_the_repository(project: Path, runner: CliRunner) -> None:
    result = runner.invoke(cli, ["render", str(STORY), "-o", "brief.pdf", "--date", BRIEF_DATE])
    assert result.exit_code == 0, result.output
    from pypdf import PdfReader

    box = PdfReader("brief.pdf").pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)  # Letter, from the file
    assert "Centre for Caspian Studies" in pdf_text(Path("brief.pdf"))


def test_style_flag_wins_over_the_found_file(project: Path, runner: CliRunner, tmp_path: Path) -> None:
    other = tmp_path / "other.yaml"
    other.write_text("paper: a4\n", encoding="utf-8")
    result = runner.invoke(cli, ["render", str(STORY), "-o", "a4.pdf", "--style", str(other), "--date", BRIEF_DATE])
    assert result.exit_code == 0, result.output
    from pypdf import PdfReader

    assert round(float(PdfReader("a4.pdf").pages[0].mediabox.height)) == 842


def test_style_show_names_the_file_and_each_origin(project: Path, runner: CliRunner) -> None:
    result = runner.invoke(cli, ["style", "show", "--lang", "az"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert str(project / "briefing.yaml") in lines[0]
    by_key = {line.split()[0]: line for line in lines[1:] if line.strip()}
    assert str(project / "briefing.yaml") in by_key["organisation"] and "Centre for Caspian Studies" in by_key[
        "organisation"]
    assert str(project / "briefing.yaml") in by_key["paper"] and "letter" in by_key["paper"]
    assert "--lang" in by_key["language"] and "az" in by_key["language"]
    assert "default" in by_key["colours.accent"]


def test_briefing_style_variable_is_used_and_a_missing_one_is_one_line(project: Path, runner: CliRunner,
                                                                      tmp_path: Path) -> None:
    named = tmp_path / "desk.toml"
    named.write_text('organisation = "Desk"\n', encoding="utf-8")
    result = runner.invoke(cli, ["style", "show"], env={**os.environ, "BRIEFING_STYLE": str(named)})
    assert result.exit_code == 0 and "BRIEFING_STYLE" in result.output.splitlines()[0]
    result = runner.invoke(cli, ["render", str(STORY), "-o", "x.pdf"],
                           env={**os.environ, "BRIEFING_STYLE": str(tmp_path / "missing.yaml")})
    assert result.exit_code == 1
    assert result.output.count("\n") == 1 and "BRIEFING_STYLE" in result.output


def test_help_texts_describe_today_s_features(runner: CliRunner) -> None:
    top = runner.invoke(cli, ["--help"]).output
    assert ".docx" in top and ".pdf" in top and "(.txt, .md)" not in top
    for name in ("render", "draft", "inspect", "summarize", "style", "email", "print", "batch"):
        assert name in top
    render = runner.invoke(cli, ["render", "--help"]).output
    assert "BRIEFING_STYLE" in render and "json" in render
    assert "show" in runner.invoke(cli, ["style", "--help"]).output
