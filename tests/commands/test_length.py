"""``--length short|standard|full`` and the house style's ``length``: a brief is brief (page-budget issue)."""

from __future__ import annotations

from pathlib import Path

import yaml
from click.testing import CliRunner
from pypdf import PdfReader

from briefing.cli import cli
from briefing.compose.budget import BUDGETS
from tests.conftest import BRIEF_DATE, SAMPLE


def _draft(runner: CliRunner, tmp_path: Path, *extra: str) -> dict:  # type: ignore[type-arg]
    out = tmp_path / f"draft{len(extra)}{'-'.join(extra).replace('/', '_')}.yaml"
    result = runner.invoke(cli, ["draft", str(SAMPLE), "-o", str(out), "--date", BRIEF_DATE, *extra])
    assert result.exit_code == 0, result.output
    return yaml.safe_load(out.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def test_each_length_says_as_much_as_its_budget_and_full_says_most(runner: CliRunner, tmp_path: Path) -> None:
    briefs = {length: _draft(runner, tmp_path, "--length", length) for length in ("short", "standard", "full")}
    for length, brief in briefs.items():
        budget = BUDGETS[length]
        assert len(brief["takeaways"]) <= budget.takeaways
        if length == "short":
            assert len(brief["themes"]) <= budget.themes
        else:
            assert len(brief["themes"]) == len(briefs["full"]["themes"])  # a short document keeps every section
        assert all(len(t["points"]) + bool(t.get("lead")) <= budget.intro_points for t in brief["themes"])
        assert len(brief.get("timeline", [])) <= budget.events and len(brief.get("actors", [])) <= budget.actors
    assert len(briefs["short"].get("charts", [])) == 0
    assert [c["id"] for c in briefs["standard"].get("charts", [])] == ["figures-1"]  # the documents' own numbers
    assert len(briefs["full"]["actors"]) > len(briefs["standard"]["actors"])
    assert len(briefs["full"]["timeline"]) >= len(briefs["standard"]["timeline"])
    assert _draft(runner, tmp_path) == briefs["standard"]  # the default


def test_the_house_style_sets_the_default_and_the_flag_wins(runner: CliRunner, tmp_path: Path) -> None:
    style = tmp_path / "house.yaml"
    style.write_text("length: short\n", encoding="utf-8")
    pages = {}
    for name, extra in (("style", ["--style", str(style)]), ("flag", ["--style", str(style), "--length", "full"]),
                        ("default", [])):
        out = tmp_path / f"{name}.pdf"
        result = runner.invoke(cli, ["render", str(SAMPLE), "-o", str(out), "--date", BRIEF_DATE, *extra])
        assert result.exit_code == 0, result.output
        pages[name] = len(PdfReader(out).pages)
    assert pages["style"] < pages["default"] < pages["flag"]
    assert pages["default"] <= 6  # one document: body and annex in six pages at most


def test_a_bad_length_is_a_one_line_usage_error(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["render", str(SAMPLE), "-o", str(tmp_path / "x.pdf"), "--length", "huge"])
    assert result.exit_code == 2 and "huge" in result.output and not (tmp_path / "x.pdf").exists()
    style = tmp_path / "house.yaml"
    style.write_text("length: huge\n", encoding="utf-8")
    result = runner.invoke(cli, ["render", str(SAMPLE), "-o", str(tmp_path / "x.pdf"), "--style", str(style)])
    assert result.exit_code == 1 and "length" in result.output and len(result.output.strip().splitlines()) == 1


def test_a_long_report_keeps_its_most_telling_themes_within_the_budget() -> None:
    from briefing.compose import compose
    from briefing.pipeline import read_data

    topics = ["ports", "tariffs", "wheat", "ballots", "rail", "pipelines", "fisheries", "bridges"]
    text = "Eight topics\n\n" + "\n\n".join(
        f"{topic.title()} policy\n\n" + " ".join(f"The {topic} rules of year {y} changed how {topic} are run in "
                                                f"the region, and officials reviewed the {topic} budget." for y in
                                                range(2000, 2025))
        for topic in topics) + "\n"
    doc = read_data(text.encode("utf-8"), "report.txt")
    assert doc.word_count > 3000
    standard = compose([doc], date=BRIEF_DATE)
    full = compose([doc], date=BRIEF_DATE, length="full")
    assert len(full.themes) == 8 and len(standard.themes) == BUDGETS["standard"].themes
    kept = [t.label for t in standard.themes]
    assert kept == [t.label for t in full.themes if t.label in kept]  # in the document's order
    assert all(set(a.mentions) <= {t.id for t in standard.themes} for a in standard.actors)
