"""Timeline rows are events and key figures are figures (defect classes of the facts issue)."""

from __future__ import annotations

import datetime as dt

import pytest

from briefing.analysis.dates import find_dates
from briefing.analysis.figures import find_figures, gist
from briefing.compose import compose
from briefing.compose.facts import MAX_EVENTS, MAX_FIGURES
from briefing.pipeline import read_data


@pytest.mark.parametrize("text", [
    "Dumping is barred by 33 U.S.C. §§1901-1915 and the agency enforces it.",
    "The court agreed, 412 F.3d 118 (2d Cir. 2005), and the agency complied.",
    "Section 232 of the Trade Expansion Act of 1962 (19 U.S.C. §1862) authorizes the President to act.",
    "Members introduced bills (S. 1272, H.R. 1903, H.R. 2012) to limit it.",
    "Review is required under the 2015 Iran Nuclear Agreement Review Act (P.L. 114-17).",
    "The data are at https://example.org/2019/report and were checked.",
    "1920'li yılların başlarında denge değişti.",  # a decade, not a year
])
def test_citations_laws_urls_and_decades_give_no_dates(text: str) -> None:
    assert find_dates(text) == []


def test_a_duration_with_next_year_is_no_date_but_next_year_alone_is() -> None:
    ref = dt.date(2012, 5, 8)
    assert find_dates("He will be paid £80,000 a month for the next year.", ref) == []
    assert [d.iso for d in find_dates("The port opens next year.", ref)] == ["2013"]


def _brief(text: str, name: str = "doc.txt") -> object:
    return compose([read_data(text.encode("utf-8"), name)], date="2026-11-27")


def test_a_timeline_row_names_an_actor_and_the_brief_keeps_the_best_its_length_allows() -> None:
    from briefing.compose.budget import BUDGETS

    lines = [f"In {1990 + i}, the Kestrel Commission opened port number {i + 1}." for i in range(20)]
    text = "Ports\n\n" + " ".join(lines) + "\n\nIn 2015 the weather was mild and nothing was built.\n"
    brief = _brief(text)
    assert len(brief.timeline) == BUDGETS["standard"].events <= MAX_EVENTS  # type: ignore[attr-defined]
    full = compose([read_data(text.encode("utf-8"), "doc.txt")], date="2026-11-27", length="full")
    assert len(full.timeline) == 20  # every row
    assert "2015" not in {e.date for e in full.timeline}  # a row names an actor
    assert all("Kestrel Commission" in e.text for e in brief.timeline)  # type: ignore[attr-defined]
    assert [e.date for e in brief.timeline] == sorted(e.date for e in brief.timeline)  # type: ignore[attr-defined]


def test_a_relative_date_resolves_against_the_documents_date() -> None:
    doc = read_data(b"Resignation\n\nBy Jo Reporter, 8 May 2012\n\nAndrew Moss, who quit as chief executive "
                    b"of Aviva yesterday, will be paid for the next year. Aviva said the board agreed.\n", "news.txt")
    doc.date = "2012-05-08"
    brief = compose([doc], date="2026-11-27")
    assert [e.date for e in brief.timeline] == ["2012-05-07"]


def test_a_baseline_year_is_not_the_event_date() -> None:
    brief = _brief("Cargo\n\nThe Kestrel Commission said the route handled 2.7 million tonnes in 2023, "
                   "up 65 percent from 2021.\n")
    assert [e.date for e in brief.timeline] == ["2023"]  # type: ignore[attr-defined]


@pytest.mark.parametrize("text", [
    "The fee is set out in §30145 of the code.",
    "Figure 2 shows the trend.",
    "DOD Directive 3000.09 defines autonomous weapon systems.",
    "Table 0 provides the detail.",
])
def test_section_and_document_numbers_are_not_figures(text: str) -> None:
    assert find_figures(text) == []


def test_a_duration_keeps_its_minutes() -> None:
    assert [f.value for f in find_figures("The flight lasted 1 hour 17 minutes.")] == ["1 hour 17 minutes"]


@pytest.mark.parametrize("text, value, label", [
    ("Norway provided MIS with an additional $5 million.", "$5 million", ""),
    ("The tariff rate of 50% applies to copper.", "50%", "tariff rate"),
    ("A group of lenders is weighing loans of up to €2.5 billion for ports, rolling stock and borders.",
     "€2.5 billion", "loans for ports"),
    ("Azerbaijan has committed about $1.2 billion to expand its port.", "$1.2 billion", "committed by Azerbaijan"),
    ("The corridor could carry 10 million tonnes a year by 2030.", "10 million tonnes a year", ""),
])
def test_a_figure_label_is_a_phrase_or_nothing(text: str, value: str, label: str) -> None:
    figure = next(f for f in find_figures(text) if f.value == value)
    assert gist(figure, text) == label


def test_key_figures_have_labels_no_duplicates_and_at_most_eight() -> None:
    sentences = [f"The Kestrel Commission approved ${i + 1} million for port {i}." for i in range(12)]
    sentences += ["The Kestrel Commission approved $1 million for port 99.", "It met for two weeks."]
    brief = _brief("Money\n\n" + " ".join(sentences) + "\n")
    figures = brief.figures  # type: ignore[attr-defined]
    assert 0 < len(figures) <= MAX_FIGURES
    assert len({f.value for f in figures}) == len(figures)
    assert all(f.label for f in figures) and "two weeks" not in {f.value for f in figures}


def test_one_person_under_two_spellings_is_one_actor() -> None:
    brief = _brief("Talks\n\nMinister Philip Moss said the talks would go on. Later, Minister Phillip Moss "
                   "said the talks had ended. Moss said so again.\n")
    people = [a for a in brief.actors if a.kind == "person"]  # type: ignore[attr-defined]
    assert [(a.name, a.total) for a in people] == [("Philip Moss", 3)] or \
        [(a.name, a.total) for a in people] == [("Phillip Moss", 3)]


def test_a_table_read_as_a_paragraph_gives_no_event_and_the_period_spans_the_events() -> None:
    from briefing.writers.views import glance

    text = ("Grants\n\nThe Kestrel Commission awarded the first grants in 2019. "
            "The Kestrel Commission stopped the programme in 2025.\n\n"
            "| Fiscal Year | Kestrel Commission awards | 1901 | 1902 | 1903 |\n\n"
            "Under 33 U.S.C. §1901 the Kestrel Commission must report.\n")
    brief = _brief(text)
    assert [e.date for e in brief.timeline] == ["2019", "2025"]  # type: ignore[attr-defined]
    panel = glance(brief)  # type: ignore[arg-type]
    assert (panel.first, panel.last) == ("2019", "2025")
