"""Takeaways, leads and watch items stand alone; every edit is recorded (bottom-line issue, point 2)."""

from __future__ import annotations

import pytest

from briefing.compose import compose
from briefing.compose.standalone import stand_alone
from briefing.pipeline import read_data
from briefing.serialise import dump_yaml


@pytest.mark.parametrize("sentence, language, text, edit", [
    ("However, the route now carries 2.7 million tonnes of cargo a year.", "en",
     "The route now carries 2.7 million tonnes of cargo a year.", "opening “However” dropped"),
    ("Однако Россия продвигает собственный маршрут на юг.", "ru", "Россия продвигает собственный маршрут на юг.",
     "opening “Однако” dropped"),
    ("Bundan başqa, Azərbaycan limanın gücünü artırır və yeni gəmilər alır.", "az",
     "Azərbaycan limanın gücünü artırır və yeni gəmilər alır.", "opening “Bundan başqa” dropped"),
    ("**Any agreement would trigger congressional review.", "en", "Any agreement would trigger congressional review.",
     "markup removed"),
    ("The operator signed a 15-year agreement on Tuesday.", "en", "The operator signed a 15-year agreement on Tuesday.",
     None),
    ("As discussed above, the agency estimated that the charge would cover 0.3% of emissions.", "en",
     "The agency estimated that the charge would cover 0.3% of emissions.", "opening “As discussed above” dropped"),
    ("For example, the final rule extended the deadline for state plans to January 2027.", "en",
     "The final rule extended the deadline for state plans to January 2027.", "opening “For example” dropped"),
])
def test_connectives_and_markup_go_and_the_edit_says_so(sentence: str, language: str, text: str,
                                                          edit: str | None) -> None:
    assert stand_alone(sentence, None, None, language)[:2] == (text, edit)


def test_a_pronoun_or_a_continued_quote_gets_its_speaker_in_brackets() -> None:
    assert stand_alone("He said the deal was done.", "Andrew Moss quit.", "Andrew Moss")[:2] == (
        "[Andrew Moss] said the deal was done.", "“He” is Andrew Moss")
    assert stand_alone("“We will wait,” she said.", "Leyla Mammadova spoke.", "Leyla Mammadova")[:2] == (
        "“We will wait,” [Leyla Mammadova] said.", "“she” is Leyla Mammadova")
    assert stand_alone("“A corridor is only as fast as its slowest border post.”", "x", "Anna Kowalczyk")[:2] == (
        "“A corridor is only as fast as its slowest border post.” — [Anna Kowalczyk]",
        "speaker added: Anna Kowalczyk")


@pytest.mark.parametrize("sentence, previous", [
    ("This agreement is the first of its kind.", None),  # nothing before it to take along
    ("“We will wait,” he said.", "The talks ended."),  # whose words?
    ("“A corridor is only as fast as its slowest border post.”", None),
    ("The question is no longer whether the route works.", None),  # it only sets up the next sentence
    ("Moss ceased to be chief executive yesterday, but .", None),  # cut
    ("he will not officially leave until the end of the month.", None),  # split off its start
])
def test_what_cannot_be_read_alone_is_not_standalone(sentence: str, previous: str | None) -> None:
    assert stand_alone(sentence, previous, None) is None


def test_a_demonstrative_takes_the_sentence_before_it_along() -> None:
    got = stand_alone("This agreement is the first of its kind.", "Baku and Washington signed a charter.", None)
    assert got == ("Baku and Washington signed a charter. This agreement is the first of its kind.",
                   "the sentence before it taken along", True)


def test_no_takeaway_opens_by_pointing_back_and_the_draft_shows_each_edit() -> None:
    text = ("Harbour deal\n\n"
            "The Kestrel Port Authority signed a 20-year lease with the Baltic Shipping Company on Monday. "
            "However, the Baltic Shipping Company will pay nothing for the first two years of the lease. "
            "This arrangement is unusual for ports in the region. Officials said the terms were fair.\n\n"
            "The port handled 3 million tonnes in 2025. Its operator expects 5 million tonnes by 2028. "
            "The Kestrel Port Authority will publish the contract in March.\n")
    brief = compose([read_data(text.encode("utf-8"), "deal.txt")], date="2026-11-27")
    shown = [*brief.takeaways, *(t.lead for t in brief.themes if t.lead), *brief.outlook]
    assert not [p.text for p in shown if p.text.startswith(("However", "This ", "Its "))]
    edited = [p for p in shown if p.edit]
    assert edited and all(p.original and p.original != p.text for p in edited)
    draft = dump_yaml(brief)
    assert all(p.original in draft.replace("\n", " ") or p.original[:40] in draft for p in edited)
    assert "edit:" in draft


def test_the_sentence_taken_along_reads_alone_too() -> None:
    got = stand_alone("This arrangement is unusual for ports in the region.",
                      "However, the shipping company will pay nothing for the first two years of the lease.", None)
    assert got is not None
    assert got.text == ("The shipping company will pay nothing for the first two years of the lease. "
                        "This arrangement is unusual for ports in the region.")
    assert got.edit == "the sentence before it taken along (opening “However” dropped)"


def test_a_framing_opener_is_dropped_and_such_as_points_nowhere() -> None:
    got = stand_alone("Within this framework, a working group has been established to address issues such as "
                      "trade and energy.", None, None)
    assert got is not None and got.text.startswith("A working group has been established")
    assert got.edit == "opening “Within this framework” dropped"


def test_a_judgement_is_said_in_the_outlets_name() -> None:
    from briefing.compose.standalone import attributed

    assert attributed("This unjust amendment was suspended.", "apa.az") == (
        "According to apa.az, this unjust amendment was suspended.", "attributed to apa.az: it holds a judgement")
    assert attributed("The amendment was suspended.", "apa.az") is None
    assert attributed("This unjust amendment was suspended.", "") is None  # no known outlet: left as it is
