"""Figures that belong together become a chart quoting their sentence."""

from __future__ import annotations

from pathlib import Path

from briefing.analysis.figures import find_figures
from briefing.compose import compose
from briefing.compose.series import _amount_series, _share_series
from briefing.pipeline import read_path
from briefing.writers.pdf import pdf_bytes


def series(text: str) -> tuple[list[str], list[float], str] | None:
    figures = find_figures(text)
    return _amount_series(text, figures) or _share_series(text, figures)


def test_amounts_over_years() -> None:
    assert series("Congress appropriated $1.2 billion in FY2022, $1.5 billion in FY2023 and "
                  "$2.1 billion in FY2024.") == (["FY2022", "FY2023", "FY2024"], [1.2, 1.5, 2.1], "USD billion")
    assert series("Trade rose from $400 million in 2019 to $650 million in 2021 and $1.1 billion "
                  "in 2023.") == (["2019", "2021", "2023"], [0.4, 0.65, 1.1], "USD billion")


def test_shares() -> None:
    assert series("Oil accounts for 35% of exports, gas for 40% and other goods for 25%.") == (
        ["Oil", "gas", "other goods"], [35.0, 40.0, 25.0], "%")


def test_what_is_not_a_series() -> None:
    assert series("The budget rose by $2 billion in 2023 and $3 billion in 2024.") is None  # two points
    assert series("Turnout was 45% in Baku, 60% in Ganja and 52% in Sumgait.") is None  # not shares of a whole
    assert series("It cost $2 billion, €3 billion and $4 billion in 2021.") is None  # mixed currencies, one year


def test_series_chart_in_the_brief_and_one_key_figure_per_sentence(tmp_path: Path) -> None:
    doc = tmp_path / "aid.txt"
    doc.write_text(
        "Aid to the Caspian region\n\nThe programme grew quickly. Congress appropriated $1.2 billion in FY2022, "
        "$1.5 billion in FY2023 and $2.1 billion in FY2024 for the programme.\n\nOfficials in Baku said the "
        "trend would continue.\n\nAnalysts in Washington expect further growth in energy trade.\n",
        encoding="utf-8")
    brief = compose([read_path(doc)], date="2026-11-27")
    chart = next(c for c in brief.charts if c.id == "figures-1")
    assert chart.labels == ["FY2022", "FY2023", "FY2024"] and chart.values == [[1.2], [1.5], [2.1]]
    assert "Congress appropriated $1.2 billion" in chart.caption and "¶1" in chart.source_note
    rows = [f for f in brief.figures if "Congress appropriated" in f.context]
    assert [(f.value, f.label) for f in rows] == [("$1.2 billion", "appropriated by Congress, FY2022")]
    import io

    from pypdf import PdfReader

    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf_bytes(brief))).pages)
    assert "By year, in USD billion" in text and "FY2023" in text
