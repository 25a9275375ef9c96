"""Tests for briefing.analysis.dates."""

from __future__ import annotations

import datetime as dt

import pytest

from briefing.analysis.dates import DateMention, find_dates
from tests.conftest import SAMPLE

REF = dt.date(2025, 8, 20)  # a Wednesday


def isos(text: str, reference: dt.date | None = None) -> list[tuple[str, str]]:
    """(surface, iso) of the dates in ``text``."""
    return [(d.surface, d.iso) for d in find_dates(text, reference)]


@pytest.mark.parametrize(
    ("text", "surface", "iso", "label"),
    [
        ("After September 11, 2001, things changed.", "September 11, 2001", "2001-09-11", "11 September 2001"),
        ("After 11 September 2001 things changed.", "11 September 2001", "2001-09-11", "11 September 2001"),
        ("After Sept. 11, 2001 things changed.", "Sept. 11, 2001", "2001-09-11", "11 September 2001"),
        ("On the 11th of September, 2001 it began.", "11th of September, 2001", "2001-09-11", "11 September 2001"),
        ("Dated 2001-09-11 in the file.", "2001-09-11", "2001-09-11", "11 September 2001"),
        ("Signed on 08.08.2025 in Washington.", "08.08.2025", "2025-08-08", "8 August 2025"),
        ("It was added in 1992 by Congress.", "1992", "1992", "1992"),
        ("Growth since 2020 was slow.", "2020", "2020", "2020"),
        ("It opened in March 2023.", "March 2023", "2023-03", "March 2023"),
        ("It opened in September of 2001.", "September of 2001", "2001-09", "September 2001"),
        ("The 2011-12 season.", "2011", "2011", "2011"),
        ("11 sentyabr 2001-ci il", "11 sentyabr 2001", "2001-09-11", "11 September 2001"),
        ("11 Eylül 2001 günü", "11 Eylül 2001", "2001-09-11", "11 September 2001"),
        ("11 сентября 2001 г.", "11 сентября 2001", "2001-09-11", "11 September 2001"),
    ],
)
def test_explicit_dates(text: str, surface: str, iso: str, label: str) -> None:
    (d,) = find_dates(text)
    assert (d.surface, d.iso, d.label, d.approximate) == (surface, iso, label, False)
    assert text[d.start:d.end] == d.surface


@pytest.mark.parametrize(
    "text",
    [
        "In Washington, a 99-year cooperation agreement was signed.",
        "Thanks to the end of the 30-year conflict, peace came.",
        "Over the past thirty years, cooperation grew.",
        "One of the main factors was Section 907.",
        "See Article 2001 and Resolution 2334.",
        "They sent 1992 troops to the border.",
        "It cost $2000 and €1999.",
        "It is 1800 km long, 2001% up.",
        "The 2000-year-old city and the F-2000 rifle.",
        "The 1990s were hard.",
        "May the talks succeed. The Mayor came.",
        "Seçilən 87 50 apa.az 10Mənbələr",
    ],
)
def test_not_dates(text: str) -> None:
    assert find_dates(text) == []
    assert find_dates(text, REF) == []


def test_year_ranges_give_both_years() -> None:
    assert isos("From 1992–1994 the war went on.") == [("1992", "1992"), ("1994", "1994")]


def test_yearless_day_month_needs_a_year_source() -> None:
    text = "Officials met on September 11 in Baku."
    assert find_dates(text) == []  # no year known: skipped
    (d,) = find_dates(text, REF)
    assert (d.iso, d.label, d.approximate) == ("2024-09-11", "11 September 2024", True)  # latest not after REF
    (d,) = find_dates("They met on 5 May.", REF)
    assert (d.surface, d.iso, d.approximate) == ("5 May", "2025-05-05", True)


def test_yearless_day_month_takes_the_year_of_the_same_day_in_the_text() -> None:
    found = find_dates("After September 11, 2001, and since September 11, nothing was the same.")
    assert [(d.surface, d.iso, d.approximate) for d in found] == [
        ("September 11, 2001", "2001-09-11", False), ("September 11", "2001-09-11", True)]


@pytest.mark.parametrize("reference", [None, REF])
def test_the_events_of_september_11(reference: dt.date | None) -> None:
    for text, surface in [
        ("Nevertheless, after the events of September 11, Congress granted the authority.", "September 11"),
        ("The attacks of September 11 changed it.", "September 11"),
        ("The September 11 attacks changed it.", "September 11"),
        ("After 9/11, everything changed.", "9/11"),
    ]:
        (d,) = find_dates(text, reference)
        assert (d.surface, d.iso, d.label, d.approximate) == (surface, "2001-09-11", "11 September 2001", True)


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("In recent days, we have witnessed it.", "2025-08-20"),
        ("It happened yesterday.", "2025-08-19"),
        ("It happened last week.", "2025-08-13"),
        ("It happened earlier this month.", "2025-08"),
        ("It happened last month.", "2025-07"),
        ("It happened last year.", "2024"),
        ("It happened this year.", "2025"),
        ("It happened on Monday.", "2025-08-18"),
        ("It happened last Wednesday.", "2025-08-13"),
        ("It happened two years ago.", "2023"),
        ("It happened 3 days ago.", "2025-08-17"),
        ("It happened in recent weeks.", "2025-08"),
    ],
)
def test_relative_dates_need_a_reference(text: str, iso: str) -> None:
    assert find_dates(text) == []
    (d,) = find_dates(text, REF)
    assert (d.iso, d.approximate) == (iso, True)


def test_today_as_nowadays_is_not_a_date() -> None:
    assert find_dates("The changes taking place in the region today matter.", REF) == []


def test_results_are_ordered_and_disjoint() -> None:
    found = find_dates("In 1992, on 11 September 2001 and in March 2023, then last year.", REF)
    assert [d.iso for d in found] == ["1992", "2001-09-11", "2023-03", "2024"]
    assert all(a.end <= b.start for a, b in zip(found, found[1:], strict=False))
    assert all(isinstance(d, DateMention) for d in found)


def test_sample_dates() -> None:
    from briefing.analysis.sentences import split

    text = SAMPLE.read_text(encoding="utf-8")
    sentences = [s.text for para in text.split("\n\n") for s in split(para.strip())]
    found = [(d.surface, d.iso, d.approximate) for s in sentences for d in find_dates(s)]
    expected = [
        "2022", "2023",  # the easy gains of 2022 and 2023 ("since the 1990s" is no date)
        "2022", "2023", "2021", "2025", "2030", "2021", "2023", "2024",  # cargo volumes, containers
        "2024", "2024",  # wagon shortages in the second half of 2024, transit time in 2024
        ("14 May 2025", "2025-05-14"), ("January 2026", "2026-01"),  # the Baku meeting, the new rules
        "2021", "2023", "2024", "2030",  # investment, and what is needed by 2030
        "2024", "2021",  # Steppe Rail Logistics' share of containers
        "2030",  # the heading "What to watch before 2030"
        ("January 2026", "2026-01"),  # the joint tariff
        "2025", "2026",  # the winter of 2025–2026
        "2026", "2028", "2030",  # new ships, sea capacity, the conclusion
    ]
    assert found == [(*(e if isinstance(e, tuple) else (e, e)), False) for e in expected]
    # a reference date adds relative dates at most: the explicit ones stay as they are
    with_ref = [(d.surface, d.iso, d.approximate) for s in sentences for d in find_dates(s, REF)]
    assert [d for d in with_ref if not d[2]] == found
