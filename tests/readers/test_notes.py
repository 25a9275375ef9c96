"""Notes, sources and captions are marked as notes, and no fact of a brief comes from them."""

from __future__ import annotations

import pytest

from briefing.compose import compose
from briefing.notes import is_note, is_prose
from briefing.pipeline import read_data

REPORT = """# Harbour safety

The Maritime Inspection Service (MIS) inspected 4,200 vessels in 2023, and MIS inspectors found faults on
a third of them. The Port Authority of Lisbon said inspections would double by 2026.[^1]

Table 1. Inspections by port, 1998-2001

Source: Calculated by the Kestrel Bureau from the 1987 Harbour Yearbook, 17 ports.

Note: Figures for 1999 were revised by the Ostrava Commission.

The MIS also reviewed 640 incident reports in 2024, and the Port Authority of Lisbon published them.

## References

[^1]: Alan Smithfield, *Ports and Power*, Oxford, 1964, pp. 12-19. https://example.org/1964/ports

Jane Harrow, "Inspections at sea", Journal of Shipping 12 (3), 1977.
"""


def test_the_reader_marks_notes_captions_and_reference_lists() -> None:
    doc = read_data(REPORT.encode("utf-8"), "report.md")
    kinds = {b.text[:12]: b.kind for b in doc.blocks}
    assert kinds["Table 1. Ins"] == kinds["Source: Calc"] == kinds["Note: Figure"] == "note"
    assert kinds["Jane Harrow,"] == "note"  # under "References"
    assert kinds["The Maritime"] == kinds["The MIS also"] == "paragraph"
    assert all(b.number is not None for b in doc.blocks if b.kind == "note")  # still citable


def test_no_actor_date_or_figure_comes_from_a_note() -> None:
    brief = compose([read_data(REPORT.encode("utf-8"), "report.md")], date="2026-11-27")
    names = {a.name for a in brief.actors}
    assert "Maritime Inspection Service" in names and "Port Authority of Lisbon" in names
    assert not names & {"Kestrel Bureau", "Ostrava Commission", "Alan Smithfield", "Jane Harrow"}
    assert {e.date[:4] for e in brief.timeline} <= {"2023", "2024", "2026"}
    assert not {f.value for f in brief.figures} & {"17 ports"}
    statements = [p.text for p in (*brief.takeaways, *(p for t in brief.themes for p in t.points))]
    assert not [s for s in statements if s.startswith(("Source:", "Note:", "Table 1"))]


@pytest.mark.parametrize("text, note", [
    ("Table 1. National BRIC Obligations as of March 29, 2026", True),
    ("Figure 2: Imports by year", True),
    ("Source: CRS analysis of FEMA data.", True),
    ("Mənbə: Dövlət Statistika Komitəsi", True),
    ("Источник: Росстат", True),
    ("[^3]: Lasha Kiknadze, Where the grid money goes, 2024.", True),
    ("12. See id. at 425.", True),
    ("Table 1 compares the timeline of the copper investigation to the steel one.", False),
    ("Sources close to the ministry said the talks would resume.", False),
])
def test_what_reads_as_a_note(text: str, note: bool) -> None:
    assert is_note(text) is note


TABLE_REPORT = """# Methane charge

## Scope

The charge applies to oil and gas facilities that report their emissions to the agency every year.

Table 1. Facilities Subject to the Charge

Data from the Agency's 2024 Regulatory Analysis

| | A | B | Facility Type | Number of Facilities |

Notes: Several of the numbers above are rounded.

a. In its analysis, the agency said that one facility may hold several operations.

U.S. Methane Emissions and Sources

Methane is the main component of natural gas, and leaks from wells and pipelines add to the total.
"""


def test_a_captions_second_line_and_a_tables_lettered_notes_are_notes_not_headings_or_prose() -> None:
    doc = read_data(TABLE_REPORT.encode("utf-8"), "report.md")
    kinds = {b.text[:12]: b.kind for b in doc.blocks}
    assert kinds["Data from th"] == "note"  # between "Table 1." and the table: the caption goes on
    assert kinds["a. In its an"] == "note"
    assert not is_prose(next(b for b in doc.blocks if b.text.startswith("| |")))
    # An initialism is no sentence end: this line is a heading.
    assert kinds["U.S. Methane"] == "heading"
    assert [b.number for b in doc.blocks if b.kind != "heading"] == list(range(1, 8))  # the caption line is numbered
