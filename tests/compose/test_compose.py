"""The Brief composed from the sample: sensible and faithful."""

from __future__ import annotations

from pathlib import Path

from briefing.compose import compose
from briefing.compose.budget import BUDGETS
from briefing.compose.facts import EXCERPT_LIMIT
from briefing.model import Brief, Document, Point
from briefing.pipeline import read_path
from tests.conftest import BRIEF_DATE, FIXTURES


def _paragraph(doc: Document, number: int) -> str:
    return next(b.text for b in doc.paragraphs if b.number == number)


def _all_points(brief: Brief) -> list[Point]:
    return list(brief.takeaways) + [p for t in brief.themes for p in t.points] + list(brief.outlook)


def test_themes_are_the_author_headings_plus_context(sample_brief: Brief, sample_doc: Document) -> None:
    assert sample_brief.themes[0].kind == "context"
    sections = [t for t in sample_brief.themes if t.kind == "section"]
    assert [t.label for t in sections] == [h.text for h in sample_doc.headings]
    assert len(sections) == 5
    assert len({t.id for t in sample_brief.themes}) == len(sample_brief.themes)


def test_each_theme_has_two_to_four_statements(sample_brief: Brief) -> None:
    for theme in sample_brief.themes:
        assert 2 <= len(theme.points) + (theme.lead is not None) <= 4, theme.label


def test_each_theme_opens_with_a_short_lead_that_is_not_repeated(sample_brief: Brief) -> None:
    from briefing.compose import LEAD_WORDS

    for theme in sample_brief.themes:
        assert theme.lead is not None, theme.label
        assert len(theme.lead.text.split()) <= LEAD_WORDS
        assert theme.lead.refs, "a lead cites its paragraph like any point"
        assert theme.lead.text not in [p.text for p in theme.points]


def test_three_to_five_takeaways(sample_brief: Brief) -> None:
    assert 3 <= len(sample_brief.takeaways) <= 5
    texts = [p.text for p in sample_brief.takeaways]
    assert len(set(texts)) == len(texts)


def test_every_point_is_quoted_from_its_paragraph(sample_brief: Brief, sample_doc: Document) -> None:
    """A point is its paragraph's words, or an edit of them that says what it did and keeps the original."""
    points = _all_points(sample_brief)
    assert points
    for point in points:
        assert point.refs, point.text
        quoted = point.original if point.edit else point.text
        assert quoted and (point.edit is None) == (point.original is None)
        for ref in point.refs:
            assert ref.source == 1
            assert quoted in _paragraph(sample_doc, ref.paragraph)


def test_points_keep_document_order_within_a_theme(sample_brief: Brief) -> None:
    for theme in sample_brief.themes:
        numbers = [p.refs[0].paragraph for p in theme.points]
        assert numbers == sorted(numbers), theme.label


def test_actors_have_canonical_names(sample_brief: Brief, sample_doc: Document) -> None:
    by_name = {a.name: a for a in compose([sample_doc], date=BRIEF_DATE, length="full").actors}  # every actor
    for name in ("Azerbaijan", "Kazakhstan", "Georgia", "China", "Russia", "Türkiye", "European Union",
                 "Elnur Hasanov", "Anna Kowalczyk"):
        assert name in by_name, sorted(by_name)
    assert by_name["Kazakhstan"].kind == "country"
    assert by_name["European Union"].kind == "organisation"
    assert by_name["Elnur Hasanov"].kind == "person"  # "Deputy Minister Elnur Hasanov told reporters"
    assert {"Beijing", "Chinese"} <= set(by_name["China"].aliases)
    assert {"Moscow", "Russian"} <= set(by_name["Russia"].aliases)
    assert "Brussels" in by_name["European Union"].aliases
    # the most mentioned actors come first: China and Kazakhstan are named in every part of the route
    totals = [a.total for a in sample_brief.actors]
    assert totals == sorted(totals, reverse=True)
    assert sample_brief.actors[0].name in ("China", "Kazakhstan", "Caspian Sea")
    assert len(sample_brief.actors) <= BUDGETS["standard"].actors < len(by_name)  # the standard brief's ten


def test_a_capital_counts_for_its_country(tmp_path: Path) -> None:
    """"Washington" and "U.S." are the United States, "Baku" is Azerbaijan, as one actor each.

    "travelled to Washington" names the city, not the government: it is not counted.
    """
    path = tmp_path / "visit.txt"
    path.write_text(
        "A visit to Washington\n\n"
        "President Ilham Aliyev travelled to Washington in August. Baku and Washington signed a charter.\n\n"
        "The U.S. side promised investment. Aliyev said the United States was a reliable partner.\n",
        encoding="utf-8",
    )
    brief = compose([read_path(path)], date="2026-01-01")
    by_name = {a.name: a for a in brief.actors}
    assert by_name["United States"].kind == "country"
    assert {"U.S.", "Washington"} <= set(by_name["United States"].aliases)
    assert by_name["United States"].total == 3
    assert "Baku" in by_name["Azerbaijan"].aliases
    assert by_name["Ilham Aliyev"].kind == "person"
    assert brief.actors[0].name == "United States"


def test_actor_mentions_are_per_theme(sample_brief: Brief) -> None:
    ids = {t.id for t in sample_brief.themes}
    for actor in sample_brief.actors:
        assert set(actor.mentions) <= ids
        assert actor.total >= 1


def test_timeline(sample_brief: Brief, sample_doc: Document) -> None:
    assert len(sample_brief.timeline) <= BUDGETS["standard"].events
    dates = {e.date for e in compose([sample_doc], date=BRIEF_DATE, length="full").timeline}
    assert "2025-05-14" in dates
    assert "2026-01" in dates
    # every date of the text lies between 2021 and 2030: no duration ("eight days", "23 days") or
    # count becomes a date, and "since the 1990s" is no date
    assert all("2021" <= e.date[:4] <= "2030" for e in sample_brief.timeline)
    meeting = next(e for e in sample_brief.timeline if e.date == "2025-05-14")
    assert "met in Baku" in meeting.text and meeting.label == "14 May 2025"
    assert [e.date for e in sample_brief.timeline] == sorted(e.date for e in sample_brief.timeline)


def test_figures_are_not_dates(sample_brief: Brief) -> None:
    import re

    assert sample_brief.figures
    pieces = [v for f in sample_brief.figures for v in f.value.split(" · ")]
    assert any(v.startswith(("$", "€")) for v in pieces)  # the text's money is in dollars and euros
    assert not [v for v in pieces if re.fullmatch(r"(?:19|20)\d\d", v)]  # a year is a date
    assert not set(pieces) & {"124", "38", "8"}  # the counters and the badge are chrome
    for figure in sample_brief.figures:
        assert all(v in figure.context for v in figure.value.split(" · "))


def test_charts_supported_by_data(sample_brief: Brief, sample_doc: Document) -> None:
    # standard: only the documents' own numbers; the heat map and the timeline axis restate annex tables
    assert [c.id for c in sample_brief.charts] == ["figures-1"]
    full = compose([sample_doc], date=BRIEF_DATE, length="full")
    ids = [c.id for c in full.charts]
    assert ids == ["actor-theme", "timeline", "figures-1"]  # never words per theme or mentions per actor
    for chart in full.charts:
        assert len(chart.labels) >= 2
        if chart.kind == "timeline":  # dates on an axis, each named: no values
            assert len(chart.labels) >= 3 and len(chart.series) == len(chart.labels)
        else:
            assert len(chart.values) == len(chart.labels)
    # the one sentence that states a series: investment of $0.6, $1.1 and $1.9 billion in 2021, 2023, 2024
    [series] = [c for c in full.charts if c.id.startswith("figures-")]
    assert series.labels == ["2021", "2023", "2024"]
    assert series.values == [[0.6], [1.1], [1.9]]
    assert "billion" in series.unit and "public and private investment" in series.caption


def test_sources_quote_every_cited_paragraph(sample_brief: Brief, sample_doc: Document) -> None:
    source = sample_brief.sources[0]
    assert source.site == "caspianreview.example"
    cited = {r.paragraph for p in _all_points(sample_brief) for r in p.refs}
    quoted = {e.paragraph for e in source.excerpts}
    assert cited <= quoted
    cut = 0
    for excerpt in source.excerpts:
        paragraph = _paragraph(sample_doc, excerpt.paragraph)
        if len(paragraph) <= EXCERPT_LIMIT:
            assert excerpt.text == paragraph  # a short paragraph is quoted whole
            continue
        cut += 1  # a long one by the sentences cited, each as written
        pieces = [p.strip() for p in excerpt.text.split("[…]") if p.strip()]
        assert pieces and all(p in paragraph for p in pieces) and len(excerpt.text) <= len(paragraph)
    assert cut, "the sample has long cited paragraphs"
    excerpt_of = {e.paragraph: e.text for e in source.excerpts}
    for point in _all_points(sample_brief):  # every statement lands on its own words
        assert (point.original or point.text) in excerpt_of[point.refs[0].paragraph]


def test_document_without_headings(tmp_path) -> None:
    path = tmp_path / "news.txt"
    path.write_text(
        "Pipeline deal signed\n\n"
        "Azerbaijan and Georgia signed a pipeline deal on Monday. The deal covers gas exports to Europe.\n\n"
        "Officials in Baku said the first deliveries will start in 2027. Tbilisi welcomed the agreement.\n\n"
        "Analysts expect the route to carry 10 billion cubic metres a year.\n",
        encoding="utf-8",
    )
    brief = compose([read_path(path)], date="2026-01-01")
    assert [t.kind for t in brief.themes] == ["section"]
    assert brief.takeaways and all(p.refs for p in brief.takeaways)


def test_composing_is_deterministic(sample_doc: Document) -> None:
    assert compose([sample_doc], date="2026-01-01") == compose([sample_doc], date="2026-01-01")




def test_same_story_from_three_sources_is_corroborated() -> None:
    docs = [read_path(p) for p in sorted((FIXTURES / "story").glob("*.txt"))]
    brief = compose(docs, date="2026-01-01")
    assert len(brief.sources) == 3
    assert len(brief.themes) == 1  # one story, one theme
    points = _all_points(brief)
    texts = [p.text for p in points]
    # the statement all three carry appears once, with a reference to each source
    initialled = [p for p in points if "initialled" in p.text]
    assert len(initialled) == 1
    assert sorted({r.source for r in initialled[0].refs}) == [1, 2, 3]
    assert len(set(texts)) == len(texts)
    for point in points:  # every reference quotes a sentence like the point's
        for ref in point.refs:
            assert ref.paragraph in {b.number for b in docs[ref.source - 1].paragraphs}


def test_different_stories_stay_apart(shared: Path) -> None:
    folder = shared / "eval" / "summaries" / "cnndm_dev" / "article"
    paths = sorted(folder.glob("*.txt"))[:5]
    docs = [read_path(p) for p in paths]
    brief = compose(docs, date="2026-01-01")
    for theme in brief.themes:
        sources = {r.source for p in theme.points for r in p.refs}
        assert len(sources) == 1, (theme.label, sources)
    covered = {r.source for t in brief.themes for p in t.points for r in p.refs}
    assert covered == {1, 2, 3, 4, 5}
    assert 5 <= len(brief.themes) <= 10
    assert brief.title and brief.title != docs[0].title  # several stories: named after the main themes


def test_ntrex_english_articles_in_one_brief() -> None:
    paths = sorted((FIXTURES / "ntrex" / "eng").glob("*.txt"))
    docs = [read_path(p) for p in paths]
    brief = compose(docs, date="2026-01-01")
    assert len(brief.sources) == len(docs) >= 10
    for theme in brief.themes:
        assert theme.points and all(p.refs for p in theme.points)
    assert len({t.label for t in brief.themes}) == len(brief.themes)


def test_reading_warnings_become_notes_in_the_brief(tmp_path: Path) -> None:
    from briefing.writers.pdf import write_pdf
    from tests.pdftools import text

    path = tmp_path / "legacy.txt"
    path.write_bytes(
        "Газовые переговоры\n\nАзербайджан и Грузия договорились о новых поставках газа. "
        "Сделка рассчитана на десять лет.\n".encode("cp1251")
    )
    brief = compose([read_path(path)], date="2026-01-01")
    assert any("windows-1251" in note for note in brief.notes)
    flat = " ".join(text(write_pdf(brief, tmp_path / "b.pdf")).split())
    assert "windows-1251" in flat


def test_a_very_long_paragraph_is_quoted_around_what_is_cited(tmp_path: Path) -> None:

    filler = " ".join(f"Routine sentence number {i} about nothing in particular." for i in range(300))
    key = "Azerbaijan and Georgia signed a gas export agreement worth $2 billion in Tbilisi."
    path = tmp_path / "long.txt"
    path.write_text(f"Gas agreement\n\n{filler} {key} {filler}\n", encoding="utf-8")
    brief = compose([read_path(path)], date="2026-01-01")
    excerpt = brief.sources[0].excerpts[0].text
    paragraph = read_path(path).paragraphs[0].text
    assert len(paragraph) > EXCERPT_LIMIT and len(excerpt) < len(paragraph) / 2
    assert "[…]" in excerpt
    cited = [p.text for p in _all_points(brief) if p.refs]
    assert any(text in excerpt for text in cited)


def _report(tmp_path: Path) -> Path:
    """A report-shaped Markdown file: an introduction, five sections, cross-references."""
    topics = ["bridge repair", "transit funding", "road safety", "freight rail", "port access"]
    lines = ["# Transportation Programs: An Overview", ""]
    lines += ["The federal government funds highway bridges, transit systems and freight networks through "
              "formula grants to the states.",
              "",
              "Congress sets the funding levels for these transportation programs in multiyear authorization "
              "acts that states rely on for planning.",
              "",
              " ".join(f"The {topic} program is one of the federal programs that the states administer with "
                       "their own rules." for topic in topics),
              "",
              " ".join(f"Debate about {topic} centres on how much the federal share should grow." for topic in topics),
              "",
              "For more information, see CRS Report R47194, Highway Bridges, by the same author.", ""]
    for n, topic in enumerate(topics):
        lines += [f"## {topic.title()}", ""]
        for p in range(6):
            lines.append(" ".join(
                f"States spent {p + s + 3} percent more on {topic} in year {2010 + p + s} than the "
                f"federal formula grants for {topic} required of program {n}."
                for s in range(4)))
            lines.append("")
    path = tmp_path / "report.md"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def test_a_reports_takeaways_come_from_its_introduction_without_cross_references(tmp_path: Path) -> None:
    doc = read_path(_report(tmp_path))
    brief = compose([doc], date="2026-01-01")
    intro = {b.number for b in doc.paragraphs[:5]}
    assert brief.takeaways and all(ref.paragraph in intro for p in brief.takeaways for ref in p.refs)
    assert not any("For more information" in p.text for p in _all_points(brief))


def test_a_theme_lead_does_not_open_by_pointing_back() -> None:
    """The lead is read first: "Thus, …" leads only when nothing else is short enough."""
    from types import SimpleNamespace

    from briefing.compose import _lead

    units = [SimpleNamespace(text="Thus, the visit established a strategic partnership between the two states."),
             SimpleNamespace(text="Official Baku demands the removal of territorial claims from the constitution."),
             SimpleNamespace(text="A long point " + "with many words " * 30 + "ends here.")]
    assert _lead([0, 1, 2], [0.9, 0.5, 0.99], units) == 1
    assert _lead([0, 2], [0.9, 0.99], units) == 0  # nothing else is short: the best short one
    assert _lead([2], [0.99], units) is None


def test_a_sentence_with_several_dates_is_one_timeline_row() -> None:
    from briefing.pipeline import read_data

    text = (
        "Speaker elections\n\n"
        "Individuals not serving in Congress received votes in 1997, 2013, 2019 and 2023. "
        "Congress first applied the rule in March 1913. The rule was debated again in 1955.\n\n"
        "Prior to 1839, Congress elected Speakers by ballot. 143, January 7, 1997, p. 117.\n"
    )
    brief = compose([read_data(text.encode("utf-8"), "speaker.txt")])
    rows = [(e.date, e.label, e.text[:20]) for e in brief.timeline]
    assert rows == [
        ("1839", "1839", "Prior to 1839, Congr"),
        ("1913-03", "March 1913", "Congress first appli"),
        ("1997", "1997–2023", "Individuals not serv"),
    ]  # the citation "143, January 7, 1997, p. 117." is no event, nor is a dated sentence that names no one
