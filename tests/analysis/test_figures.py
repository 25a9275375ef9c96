"""Tests for briefing.analysis.figures, and its agreement with dates."""

from __future__ import annotations

import pytest

from briefing.analysis.dates import find_dates
from briefing.analysis.figures import FigureMention, find_figures
from tests.conftest import SAMPLE


def figures(text: str) -> list[tuple[str, str, float | None, str | None]]:
    return [(f.value, f.kind, f.number, f.unit) for f in find_figures(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("In Washington, a 99-year cooperation agreement was signed.", ("99-year", "duration", 99.0, "year")),
        ("The end of the 30-year conflict.", ("30-year", "duration", 30.0, "year")),
        ("Over the past thirty years, cooperation grew.", ("thirty years", "duration", 30.0, "year")),
        ("It took twenty-five years.", ("twenty-five years", "duration", 25.0, "year")),
        ("It took a dozen years.", ("a dozen years", "duration", 12.0, "year")),
        ("A five-year plan.", ("five-year", "duration", 5.0, "year")),
        ("For 18 months it waited.", ("18 months", "duration", 18.0, "month")),
        ("The $4.5 billion deal.", ("$4.5 billion", "amount", 4.5e9, "USD")),
        ("It cost €200m.", ("€200m", "amount", 2e8, "EUR")),
        ("It cost £3bn.", ("£3bn", "amount", 3e9, "GBP")),
        ("It cost US$1.2 trillion.", ("US$1.2 trillion", "amount", 1.2e12, "USD")),
        ("It cost 500 million manat.", ("500 million manat", "amount", 5e8, "AZN")),
        ("It cost AZN 300.", ("AZN 300", "amount", 300.0, "AZN")),
        ("It cost 2 billion rubles.", ("2 billion rubles", "amount", 2e9, "RUB")),
        ("It cost $2000.", ("$2000", "amount", 2000.0, "USD")),
        ("Growth was 30%.", ("30%", "percentage", 30.0, "%")),
        ("Growth was 30 percent.", ("30 percent", "percentage", 30.0, "%")),
        ("Growth was 30 per cent.", ("30 per cent", "percentage", 30.0, "%")),
        ("Up 2.5 percentage points.", ("2.5 percentage points", "percentage", 2.5, "percentage points")),
        ("It ships 10 million barrels.", ("10 million barrels", "quantity", 1e7, "barrels")),
        ("It ships 1.2 million barrels per day.",
         ("1.2 million barrels per day", "quantity", 1.2e6, "barrels per day")),
        ("It ships 20 bcm a year.", ("20 bcm a year", "quantity", 20.0, "bcm")),  # the rate belongs to the value
        ("It ships 16 billion cubic metres.", ("16 billion cubic metres", "quantity", 1.6e10, "cubic metres")),
        ("A 1,768-kilometre pipeline.", ("1,768-kilometre", "quantity", 1768.0, "km")),
        ("Some 1,200 soldiers served.", ("1,200 soldiers", "count", 1200.0, "soldiers")),
        ("Some 1,200 Azerbaijani soldiers served.", ("1,200 Azerbaijani soldiers", "count", 1200.0, "soldiers")),
        ("They sent 1992 troops.", ("1992 troops", "count", 1992.0, "troops")),
        ("Delegates from 15 countries came.", ("15 countries", "count", 15.0, "countries")),
        ("Some 3 million people fled.", ("3 million people", "count", 3e6, "people")),
    ],
)
def test_figures(text: str, expected: tuple[str, str, float, str]) -> None:
    assert figures(text) == [expected]
    (f,) = find_figures(text)
    assert text[f.start:f.end] == f.value


@pytest.mark.parametrize(
    "text",
    [
        "One of the main factors was Section 907.",
        "Article 5 and Resolution 2334 apply; see No. 12.",
        "It was added in 1992 by Congress.",
        "Following the attacks of September 11, 2001, Azerbaijan helped.",
        "After the events of September 11, Congress acted.",
        "The G20, the F-16 and COVID-19.",
        "The 2nd and 21st meetings.",
        "1. First item",
        "87",
        "10Mənbələr",
        "The world's number one capital and the two countries.",
        "It happened two years ago, 3 days ago.",
        "One of the main expectations.",
    ],
)
def test_not_figures(text: str) -> None:
    assert find_figures(text) == []


def test_section_907_is_neither_figure_nor_date() -> None:
    text = "One of the main factors was Section 907, added in 1992 by Congress."
    assert find_figures(text) == []
    assert [d.surface for d in find_dates(text)] == ["1992"]


def test_durations_are_figures_not_dates() -> None:
    text = "A 99-year agreement ended the 30-year conflict of the past thirty years."
    assert [f.value for f in find_figures(text)] == ["99-year", "30-year", "thirty years"]
    assert find_dates(text) == []


def _never_both(text: str) -> None:
    spans = [(d.start, d.end) for d in find_dates(text)]
    for f in find_figures(text):
        assert all(f.end <= a or b <= f.start for a, b in spans), (text, f)


@pytest.mark.parametrize(
    "text",
    [
        "In 1992 troops arrived; 2001 saw $2000 spent on 11 September 2001 and 30% of 2020.",
        "From 1992–1994, 1,200 soldiers and 1800 km over 30 years since March 2023.",
    ],
)
def test_a_span_is_never_both_a_date_and_a_figure(text: str) -> None:
    _never_both(text)


def test_order_and_types() -> None:
    found = find_figures("It cost $5 billion, 30% more, over 10 years for 2,000 workers.")
    assert [f.kind for f in found] == ["amount", "percentage", "duration", "count"]
    assert all(isinstance(f, FigureMention) for f in found)
    assert all(a.end <= b.start for a, b in zip(found, found[1:], strict=False))


def test_sample_figures() -> None:
    from briefing.analysis.sentences import split

    text = SAMPLE.read_text(encoding="utf-8")
    sentences = [s.text for para in text.split("\n\n") for s in split(para.strip())]
    found = [(f.value, f.kind) for s in sentences for f in find_figures(s)]
    # the figures the text states plainly, in document order (others may come between)
    expected = iter([
        ("Three years", "duration"), ("2.7 million tonnes", "quantity"), ("65 percent", "percentage"),
        ("4.5 million tonnes", "quantity"), ("10 million tonnes a year", "quantity"), ("eight days", "duration"),
        ("23 days", "duration"), ("14 days", "duration"), ("15 days", "duration"), ("40 days", "duration"),
        ("$1.2 billion", "amount"), ("25 million tonnes a year", "quantity"), ("$0.6 billion", "amount"),
        ("$1.1 billion", "amount"), ("$1.9 billion", "amount"),
        ("$18 billion", "amount"), ("€2.5 billion", "amount"), ("30 percent", "percentage"),
        ("41 percent", "percentage"), ("12 percent", "percentage"), ("eighteen months", "duration"),
    ])
    missing: tuple[str, str] | None = next(expected)
    for figure in found:
        if figure == missing:
            missing = next(expected, None)
    assert missing is None, (missing, found)
    values = {value for value, _ in found}
    # years, the chrome counters ("124", "38") and the "8Sources" badge are not figures
    assert not values & {"2021", "2022", "2023", "2024", "2025", "2026", "2028", "2030", "124", "38", "8"}
    for sentence in sentences:
        _never_both(sentence)


@pytest.mark.parametrize("text, value, expected", [
    ("The 99-year cooperation agreement on the Zangazur Corridor was signed.", "99-year",
     "cooperation agreement on the Zangazur Corridor"),
    ("Last year the budget rose by 15%.", "15%", "rise in the budget"),
    ("The tariff rate of 50% applies to copper.", "50%", "tariff rate"),
    ("Norway provided MIS with an additional $5 million.", "$5 million", ""),  # a clause cut in the middle
    ("Congress appropriated $1.2 billion.", "$1.2 billion", "appropriated by Congress"),
    ("What happened to the Boeing 777 and the 239 passengers and crew on board.", "239 passengers", ""),
    ("The recorder captures four audio channels for a maximum of two hours before overwriting.", "two hours", ""),
])
def test_a_figure_s_label_never_dangles(text: str, value: str, expected: str) -> None:
    from briefing.analysis.figures import gist

    figure = next(f for f in find_figures(text) if f.value == value)
    assert gist(figure, text) == expected
