"""What to watch looks ahead, says from when, and is left out rather than padded (bottom-line issue, point 3)."""

from __future__ import annotations

import pytest

from briefing.compose import compose
from briefing.pipeline import read_data


def _brief(text: str, doc_date: str | None, date: str = "2026-11-27") -> object:
    doc = read_data(text.encode("utf-8"), "doc.txt")
    doc.date = doc_date
    return compose([doc], date=date)


def test_watch_items_look_ahead_from_the_documents_date_and_say_so() -> None:
    text = ("Port expansion\n\n"
            "The Kestrel Port Authority opened a second terminal in 2024. The Kestrel Port Authority will open a "
            "third terminal in March 2027. Ministers are expected to approve the dredging plan next year.\n\n"
            "In 2023 officials said the port would double in size. The port handled 3 million tonnes in 2025.\n")
    brief = _brief(text, "2026-04-09")
    outlook = brief.outlook  # type: ignore[attr-defined]
    assert outlook and all("2023" not in p.text and "2024" not in p.text for p in outlook)
    assert all(p.as_of == "2026-04-09" for p in outlook)  # the brief is dated later than the document
    same_day = _brief(text, "2026-11-27")
    assert all(p.as_of is None for p in same_day.outlook)  # type: ignore[attr-defined]


def test_an_issues_for_congress_section_feeds_the_watch_list() -> None:
    background = ("The Kestrel Port Authority inspected 400 ships in 2025, twice as many as in 2020. "
                  "Inspectors found faults on a third of the ships they boarded. "
                  "Most faults concerned fire safety and lifeboats. "
                  "Ship owners paid fines of $2 million in all. "
                  "The authority employs 40 inspectors at six ports. "
                  "Two ports have no inspector of their own. ")
    again = background.replace("Inspectors", "Its staff")
    text = ("Harbour safety\n\n## Background\n\n" + background + "\n\n" + again +
            "\n\n## Issues for Congress\n\nThe inspection programme has run since 2019 and covers every berth. "
            "Its funding ran out in 2025 and the authority now pays for it from fees. "
            "Congress may consider whether to extend the inspection programme. "
            "Members could require an annual report from the Kestrel Port Authority.\n")
    brief = compose([read_data(text.encode("utf-8"), "report.md")], date="2026-11-27")
    assert any("Congress may consider" in p.text for p in brief.outlook)


def test_nothing_that_looks_ahead_means_no_watch_list() -> None:
    text = ("History\n\nThe Kestrel Port Authority was founded in 1901. It built a second quay in 1950. "
            "The port closed for repairs in 1999 and reopened in 2001.\n")
    assert _brief(text, "2026-01-01").outlook == []  # type: ignore[attr-defined]


def test_the_documents_finding_is_takeaway_one() -> None:
    text = ("Ports\n\n"
            "The Kestrel port opened in 2019 on the northern coast. "
            "The Kestrel Institute's conclusion is that the port needs a second rail link before it can grow, "
            "because the single track already limits the cargo the port can move.\n\n"
            "Ships queue for days at its two berths. "
            "Rail wagons reach the port on a single track. Trucks carry a third of the cargo inland.\n\n"
            "The port authority plans a third berth. Shipping lines want faster customs checks at the port. "
            "Winter storms close the port for a week each year. Port fees rose in 2024.\n")
    brief = compose([read_data(text.encode("utf-8"), "report.txt")], date="2026-11-27")
    assert brief.takeaways[0].text.startswith("The Kestrel Institute's conclusion is that")


def test_without_a_stated_finding_the_lede_is_takeaway_one() -> None:
    lede = "The Kestrel Port Authority blocked the sale of the northern terminal to a rival operator on Monday."
    rest = " ".join(f"Terminal {n} handled {n * 10} ships last year, the authority said." for n in range(2, 30))
    brief = compose([read_data(f"Port sale blocked\n\n{lede} {rest}\n".encode(), "news.txt")],
                    date="2026-11-27")
    assert brief.takeaways[0].text == lede


def test_a_definition_is_never_a_takeaway() -> None:
    text = ("Grants\n\n"
            "Harbour grants are authorized in Section 203 of the Kestrel Act. The term harbour grant refers to a "
            "federal award for port works. The Kestrel Port Authority cancelled all harbour grants in April 2025. "
            "Twenty ports sued the authority in July. A judge restored the grants in December. "
            "The authority issued new rules in March. Ports received $1 billion in May. "
            "The authority appealed the ruling. Ports hired new staff. Shipping lines welcomed the decision. "
            "The authority will publish a new plan in 2027. Congress held a hearing on the grants.\n")
    brief = compose([read_data(text.encode("utf-8"), "grants.txt")], date="2026-11-27")
    assert not [p.text for p in brief.takeaways if "authorized in" in p.text or "refers to" in p.text]


def test_a_brief_of_several_sources_is_titled_by_the_story_not_a_list_of_themes() -> None:
    long = read_data(("Caspian freight\n\n" + "The Kestrel route carried more freight to Baku this year. " * 20)
                     .encode("utf-8"), "long.txt")
    short = read_data(b"Port deal\n\nThe Kestrel port signed a lease with a shipping line in Baku.\n", "short.txt")
    brief = compose([short, long], date="2026-11-27")
    assert brief.title == "Caspian freight" and "more" not in brief.title


def test_a_finding_reported_late_in_a_news_story_is_not_its_bottom_line() -> None:
    from briefing.compose.outlook import own_findings
    from briefing.compose.units import Unit

    units = [Unit("The authority blocked the sale on Monday.", 1, 1, 0, 0.0),
             Unit("The report found that fees would rise.", 1, 9, 0, 0.9),  # late in a story: someone else's report
             Unit("The report found that fees would rise.", 1, 9, 1, 0.9)]  # a report's conclusion: its own
    assert own_findings(units, [0, 1, 2], [False, False, True]) == [0, 2]


def test_recency_weighs_events_by_their_distance_from_the_documents_latest_development() -> None:
    from briefing.compose.outlook import recency
    from briefing.compose.units import Unit
    from briefing.model import Document

    doc = Document(title="t", date="2026-04-01")
    units = [Unit(text, 1, 1, 0, 0.0) for text in (
        "On March 6, 2026, the judge ordered the agency to restore the grants.",  # the latest development
        "In April 2025, the agency ended the programme.",  # eleven months before it
        "The programme began in 2020.",  # a year alone: no day, no month
        "The agency will report by June 30, 2026.",  # after the document: for what to watch
        "Grants pay for sea walls.")]
    got = recency(units, [doc])
    assert got[0] == 1.0 and 0.1 < got[1] < 0.2
    assert got[2] == got[3] == got[4] == 0.0
    assert recency(units, [Document(title="t")]) == [0.0] * 5  # an undated document


GRANTS = """Harbour grants

Harbour grants pay for sea walls, flood gates and dredging in small ports. The Kestrel Port Authority runs the \
harbour grants and picks the ports that receive them. Ports apply for harbour grants each spring, and the authority \
scores each application. Small ports depend on harbour grants for most of their building work. The harbour grants \
have paid for sea walls in forty ports since 2015.

The authority ended the harbour grants in April 2025 and cancelled the grants that ports had not yet spent. Twenty \
ports sued the authority over the harbour grants in July 2025. On March 6, 2026, a judge ordered the authority to \
pay the cancelled harbour grants to the ports within 21 days.

Ports say the harbour grants protect towns from storms. Engineers say sea walls paid by harbour grants last fifty \
years. The authority says the harbour grants cost too much for what they protect. Insurers lower their prices in \
towns whose ports have new sea walls. Shipping lines prefer ports with deep channels kept by dredging.
"""


def test_a_reports_latest_development_is_a_takeaway(monkeypatch: pytest.MonkeyPatch) -> None:
    import briefing.compose

    def takeaways() -> list[str]:
        doc = read_data(GRANTS.encode("utf-8"), "grants.txt")
        doc.date = "2026-04-01"
        return [p.text for p in compose([doc], date="2026-11-27").takeaways]

    assert any(t.startswith("On March 6, 2026, a judge ordered") for t in takeaways())
    monkeypatch.setattr(briefing.compose, "RECENT_WEIGHT", 0.0)  # without the weight it is background only
    assert not any(t.startswith("On March 6, 2026") for t in takeaways())


@pytest.mark.parametrize("sentence, done", [
    ("As a result of the meetings, the amendment was indeed suspended.", True),
    ("A Strategic Working Group has been established to address trade.", True),
    ("The two leaders signed a memorandum in Washington.", True),
    ("Although the Peace Agreement has not yet been signed, the meeting showed the will to achieve it.", False),
    ("Cooperation with the United States has provided real political support.", False),
])
def test_a_decisive_act_reported_as_done_is_an_event(sentence: str, done: bool) -> None:
    from briefing.compose.outlook import events
    from briefing.compose.units import Unit

    assert events([Unit(sentence, 1, 1, 0, 0.0)], "en") == [done]


ANALYSIS = """A new era in Kestrel–Ostrava cooperation-ANALYSIS

apa.az

After the war of 1920, Kestrel became a trading state on the northern coast and grew quickly.

Kestrel and Ostrava have cooperated on grain and ports for thirty years, and trade has grown every year.

The two leaders signed a cooperation charter in Ostrava, opening a new era of cooperation between the states. \
The charter covers ports, grain and rail.

A joint council has been established to plan the new rail link. One of the main demands was the repeal of the \
grain tax. As a result of the talks, this unjust tax was repealed.

Ports in both states will open new berths. Farmers in Kestrel grow wheat and barley for export. Rail wagons cross \
the border at two points. Ostrava builds ships for the region. Kestrel exports timber to Ostrava.
"""


def test_an_analysis_opens_with_the_point_its_title_names_and_its_judgements_are_the_outlets() -> None:
    doc = read_data(ANALYSIS.encode("utf-8"), "analysis.txt")
    assert doc.label == "ANALYSIS" and doc.site == "apa.az"
    brief = compose([doc], date="2026-11-27")
    texts = [p.text for p in brief.takeaways]
    assert texts[0].startswith("The two leaders signed a cooperation charter")  # the title's "new era … cooperation"
    assert not any(t.startswith("After the war of 1920") for t in texts)  # the setup is no news lede
    judged = [p for p in brief.takeaways if "unjust" in p.text]
    assert judged and judged[0].text.startswith("According to apa.az, one of the main demands")
    assert judged[0].edit is not None and "attributed to apa.az" in judged[0].edit


def test_the_reference_samples_takeaways_carry_its_news(reference_path) -> None:  # type: ignore[no-untyped-def]
    brief = compose([read_data(reference_path.read_bytes(), reference_path.name)], date="2026-11-27")
    text = " ".join(p.text for p in brief.takeaways)
    assert "Section 907" in text and "suspended" in text
    assert "strategic partnership" in text and "Strategic Working Group" in text
    assert "99-year" in text and "Zangazur" in text


def test_the_lede_is_a_news_storys_or_a_reports_act_never_an_analysis_setup() -> None:
    from briefing.compose import _news_lede
    from briefing.model import Document

    news, analysis = Document(title="t"), Document(title="t", label="ANALYSIS")
    assert _news_lede(news, 0, [False], report=False) == 0  # a news story opens with its news
    assert _news_lede(news, 0, [False], report=True) is None  # "Methane is the second-most-prevalent gas …"
    assert _news_lede(news, 0, [True], report=True) == 0  # "In March 2026 the authority suspended …"
    assert _news_lede(analysis, 0, [True], report=False) is None


def test_in_a_brief_of_several_a_summary_heading_gives_way_to_the_documents_title() -> None:
    def report(title: str, words: tuple[str, str, str], finance: str) -> object:
        a, b, c = words
        body = " ".join(f"{a.title()} {b} in {y} and the {c} followed." for y in range(2000, 2012))
        text = f"{title}\n\nSummary\n\n{body}\n\n{finance}\n\n{body}\n"
        return read_data(text.encode("utf-8"), f"{a}.txt")

    brief = compose([report("Harbour dues in the north", ("harbours", "dredged channels", "ferries"), "Port fees"),
                     report("Wheat quotas and prices", ("farmers", "harvested barley", "millers"), "Grain loans")],
                    date="2026-11-27")
    labels = [t.label for t in brief.themes]
    assert not [label for label in labels if label.startswith("Summary")], labels
    assert "Harbour dues in the north" in labels and "Wheat quotas and prices" in labels
