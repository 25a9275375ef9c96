"""The command line: every command, its --help, exit codes and messages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from briefing import __version__
from briefing.cli import cli
from tests.conftest import BRIEF_DATE
from tests.pdftools import text as pdf_text

COMMANDS = ["render", "draft", "inspect", "summarize"]


def test_version(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["--version"])
    assert result.exit_code == 0
    assert result.output.strip() == f"briefing {__version__}"


@pytest.mark.parametrize("command", [[]] + [[c] for c in COMMANDS])
def test_help(runner: CliRunner, command: list[str]) -> None:
    result = runner.invoke(cli, [*command, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage: briefing" in result.output
    for c in COMMANDS if not command else []:
        assert c in result.output


def test_usage_error_exits_2(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["render"])
    assert result.exit_code == 2
    result = runner.invoke(cli, ["render", "x.txt", "--paper", "a3"])
    assert result.exit_code == 2


def test_missing_input_is_one_line_exit_1(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["render", str(tmp_path / "missing.txt")])
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("briefing: error:")
    assert "missing.txt" in lines[0]
    assert "Traceback" not in result.output


def test_unknown_format(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "notes.xyz"
    path.write_text("hello", encoding="utf-8")
    result = runner.invoke(cli, ["inspect", str(path)])
    assert result.exit_code == 1
    assert ".xyz" in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_render_writes_default_output(
    runner: CliRunner, sample_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(cli, ["render", str(sample_path), "--date", BRIEF_DATE])
    assert result.exit_code == 0, result.output
    written = Path(result.stdout.strip())
    assert written.parent == Path("out")
    assert written.name == "the-middle-corridor-s-second-act.pdf"  # the title, not the subtitle
    assert written.read_bytes().startswith(b"%PDF-")
    assert sorted(p.name for p in Path("out").iterdir()) == [written.name]


def test_render_refuses_to_overwrite_input(runner: CliRunner, tmp_path: Path) -> None:
    doc = tmp_path / "doc.txt"
    doc.write_text("Title line\n\nA sentence about Baku and Washington. Another one follows here.\n", encoding="utf-8")
    before = doc.read_bytes()
    link = tmp_path / "brief.pdf"
    link.symlink_to(doc)  # the output name is fine, but it is the input
    result = runner.invoke(cli, ["render", str(doc), "-o", str(link)])
    assert result.exit_code == 1
    assert "overwrite" in result.stderr
    assert doc.read_bytes() == before


def test_draft_edit_render(runner: CliRunner, sample_path: Path, tmp_path: Path) -> None:
    brief_file = tmp_path / "brief.yaml"
    result = runner.invoke(cli, ["draft", str(sample_path), "-o", str(brief_file), "--date", BRIEF_DATE])
    assert result.exit_code == 0, result.output
    data = yaml.safe_load(brief_file.read_text(encoding="utf-8"))
    old = data["takeaways"][0]["text"]
    text = brief_file.read_text(encoding="utf-8")
    edited = "Analysts judge the joint through-tariff the turning point of the route."
    assert old in text
    brief_file.write_text(text.replace(old, edited), encoding="utf-8")
    pdf = tmp_path / "edited.pdf"
    result = runner.invoke(cli, ["render", str(brief_file), "-o", str(pdf)])
    assert result.exit_code == 0, result.output
    flat = " ".join(pdf_text(pdf).split())
    assert edited in flat
    assert " ".join(old.split()) not in flat


def test_render_yaml_with_wrong_type_names_field(runner: CliRunner, sample_path: Path, tmp_path: Path) -> None:
    brief_file = tmp_path / "brief.yaml"
    runner.invoke(cli, ["draft", str(sample_path), "-o", str(brief_file)])
    text = brief_file.read_text(encoding="utf-8")
    head, tail = text.split("\ntakeaways:", 1)
    tail = tail.replace("paragraph: ", "paragraph: many ", 1)
    brief_file.write_text(head + "\ntakeaways:" + tail, encoding="utf-8")
    result = runner.invoke(cli, ["render", str(brief_file), "-o", str(tmp_path / "x.pdf")])
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "field 'takeaways[0].refs[0].paragraph'" in lines[0]
    assert not (tmp_path / "x.pdf").exists()


def test_inspect_json(runner: CliRunner, sample_path: Path) -> None:
    result = runner.invoke(cli, ["inspect", str(sample_path), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["title"] == "The Middle Corridor’s second act"
    assert len(data["headings"]) == 5
    assert data["paragraphs"] == 17 and data["sentences"] > data["paragraphs"]
    assert any("Featured" in line for line in data["chrome"])
    assert data["metadata"]["site"] == "caspianreview.example"


def test_inspect_text(runner: CliRunner, sample_path: Path) -> None:
    result = runner.invoke(cli, ["inspect", str(sample_path)])
    assert result.exit_code == 0, result.output
    assert "headings (5)" in result.stdout
    assert "Featured" in result.stdout and "8Sources" in result.stdout  # listed as chrome


def test_summarize_sentences_in_document_order(runner: CliRunner, sample_path: Path) -> None:
    result = runner.invoke(cli, ["summarize", str(sample_path), "--sentences", "4"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 4
    body = " ".join(sample_path.read_text(encoding="utf-8").split())
    positions = [body.find(" ".join(line.split())) for line in lines]
    assert all(p >= 0 for p in positions)
    assert positions == sorted(positions)


def test_summarize_words(runner: CliRunner, sample_path: Path) -> None:
    result = runner.invoke(cli, ["summarize", str(sample_path), "--words", "100"])
    assert result.exit_code == 0, result.output
    words = len(result.stdout.split())
    assert 100 <= words <= 100 + 70


def test_summarize_both_is_usage_error(runner: CliRunner, sample_path: Path) -> None:
    result = runner.invoke(cli, ["summarize", str(sample_path), "-n", "2", "-w", "50"])
    assert result.exit_code == 2


def test_usage_errors_are_one_line(runner: CliRunner) -> None:
    for args in (["render"], ["render", "x.txt", "--paper", "a3"], ["nope"]):
        result = runner.invoke(cli, args)
        assert result.exit_code == 2
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("briefing: error:"), lines


def test_output_suffix_must_match_the_format(runner: CliRunner, tmp_path: Path) -> None:
    doc = tmp_path / "doc.txt"
    doc.write_text("Gas deal\n\nAzerbaijan signed a gas deal with Georgia on Monday. Exports will rise.\n",
                   encoding="utf-8")
    result = runner.invoke(cli, ["draft", str(doc), "-o", str(tmp_path / "x.pdf")])
    assert result.exit_code == 2 and ".yaml" in result.stderr
    result = runner.invoke(cli, ["render", str(doc), "-o", str(tmp_path / "y.yaml")])
    assert result.exit_code == 2 and ".pdf" in result.stderr
    assert not (tmp_path / "x.pdf").exists() and not (tmp_path / "y.yaml").exists()
    result = runner.invoke(cli, ["render", str(doc), "-o", str(tmp_path / "briefs")])  # no suffix: a folder
    assert result.exit_code == 0, result.output
    assert (tmp_path / "briefs" / "gas-deal.pdf").is_file()


def test_stdin_twice_and_repeated_files(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["draft", "-", "-"], input="Title\n\nText here. More text.\n")
    assert result.exit_code == 2
    doc = tmp_path / "doc.txt"
    doc.write_text("Gas deal\n\nAzerbaijan signed a gas deal with Georgia on Monday. Exports will rise.\n",
                   encoding="utf-8")
    copy = tmp_path / "copy.txt"
    copy.write_bytes(doc.read_bytes())
    out = tmp_path / "b.yaml"
    result = runner.invoke(cli, ["draft", str(doc), str(copy), "-o", str(out)])
    assert result.exit_code == 0
    assert "same content" in result.stderr
    assert len(yaml.safe_load(out.read_text(encoding="utf-8"))["sources"]) == 1


def test_document_without_sentences_is_bad_input(runner: CliRunner, tmp_path: Path) -> None:
    doc = tmp_path / "table.md"
    doc.write_text("# Figures\n\n| a | b |\n|---|---|\n| 1 | 2 |\n", encoding="utf-8")
    result = runner.invoke(cli, ["render", str(doc), "-o", str(tmp_path / "t.pdf")])
    assert result.exit_code == 1, result.output
    assert "internal error" not in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_a_folder_is_every_document_in_it(runner: CliRunner, tmp_path: Path) -> None:
    from tests.compose.test_compose import FIXTURES

    folder = tmp_path / "docs"
    folder.mkdir()
    for path in sorted((FIXTURES / "story").glob("*.txt")):
        (folder / path.name).write_bytes(path.read_bytes())
    (folder / "notes.xyz").write_text("not a document", encoding="utf-8")
    out = tmp_path / "b.yaml"
    result = runner.invoke(cli, ["draft", str(folder), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "notes.xyz: skipped" in result.stderr
    sources = yaml.safe_load(out.read_text(encoding="utf-8"))["sources"]
    assert [Path(s["path"]).name for s in sources] == ["a.txt", "b.txt", "c.txt"]
    empty = tmp_path / "empty"
    empty.mkdir()
    result = runner.invoke(cli, ["draft", str(empty), "-o", str(out)])
    assert result.exit_code == 1 and "no document" in result.stderr
