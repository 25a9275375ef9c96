"""Site chrome at the edges of documents: general rules, real and synthetic pages."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.model import Document
from briefing.pipeline import read_path
from briefing.readers import chrome
from briefing.readers.chrome import apply_metadata, classify, iso_date, split_byline, strip_edges
from tests.conftest import FIXTURES as ALL_FIXTURES
from tests.conftest import SHARED, absent

FIXTURES = ALL_FIXTURES / "readers"


@pytest.fixture
def shared_eval() -> Path:
    """The evaluation folder beside the repository (not openly licensed: read only)."""
    folder = SHARED / "eval"
    if not folder.is_dir():
        absent(f"evaluation material not found at {folder} (shared folder absent)")
    return folder


# --------------------------------------------------------------------------
# One line
# --------------------------------------------------------------------------


@pytest.mark.parametrize(("line", "key", "value"), [
    ("AZ", "edition", "AZ"),
    ("EN", "edition", "EN"),
    ("RUS", "edition", "RUS"),
    ("EN | RU | AZ", "editions", "EN RU AZ"),
    ("87", "counters", "87"),
    ("1,234", "counters", "1,234"),
    ("apa.az", "site", "apa.az"),
    ("www.bbc.co.uk", "site", "bbc.co.uk"),
    ("https://news.example.com/", "site", "news.example.com"),
    ("10Mənbələr", "sources", "10"),
    ("12 Comments", "comments", "12"),
    ("5 Kaynak", "sources", "5"),
    ("3Просмотров", "views", "3"),
    ("By John Smith", "author", "John Smith"),
    ("Published 12 March 2024 10:15", "published", "Published 12 March 2024 10:15"),
    ("Updated: August 10, 2025", "updated", "Updated: August 10, 2025"),
])
def test_strong_chrome_lines(line: str, key: str, value: str) -> None:
    found = classify(line)
    assert found is not None and found.strength == "strong"
    assert (found.key, found.value) == (key, value)


@pytest.mark.parametrize("line", ["Share", "Print", "Share this article", "Follow us on Twitter",
                                  "Back to top", "Read more"])
def test_ui_controls_are_strong_chrome(line: str) -> None:
    found = classify(line)
    assert found is not None and found.strength == "strong"


@pytest.mark.parametrize("line", ["Seçilən", "Featured", "XQ"])
def test_single_words_are_weak(line: str) -> None:
    found = classify(line)
    assert found is not None and (found.strength, found.key) == ("weak", "flags")


@pytest.mark.parametrize("line", [
    "Foundations and developing cooperation",
    "Share boost for feud-hit Reliance",
    "Home loan approvals rising again",
    "The talks ended without agreement.",
    "By the end of the year, exports had doubled.",
    "U.S.",
    "A new era in Azerbaijan–U.S. strategic cooperation: From energy to AI-ANALYSIS",
])
def test_text_is_not_chrome(line: str) -> None:
    assert classify(line) is None


# --------------------------------------------------------------------------
# Edges
# --------------------------------------------------------------------------


def test_edges_of_an_aggregator_page() -> None:
    lines = ["AZ", "A title line", "Body sentence one is here.", "Seçilən", "87", "50",
             "apa.az", "10Mənbələr"]
    split = strip_edges(lines)
    assert (split.top, split.bottom) == (1, 5)
    assert split.metadata == {"edition": "AZ", "flags": "Seçilən", "counters": "87 50",
                              "site": "apa.az", "sources": "10"}


def test_a_short_title_next_to_chrome_stays() -> None:
    split = strip_edges(["EN", "Brexit", "The vote was held on Thursday, officials said."])
    assert split.top == 1


def test_a_lone_word_at_the_end_stays() -> None:
    assert strip_edges(["Body text goes here, and it ends.", "Ends"]).bottom == 0
    assert strip_edges(["Body text goes here, and it ends.", "Tags", "Politics"]).bottom == 2


def test_middle_of_a_document_is_never_touched() -> None:
    lines = ["First paragraph of the body.", "87", "apa.az", "Last paragraph of the body."]
    split = strip_edges(lines)
    assert (split.top, split.bottom) == (0, 0)


def test_disclaimer_at_the_bottom() -> None:
    lines = ["Body text.", "Disclaimer:", "This material was prepared by a research service."]
    assert strip_edges(lines).bottom == 2


@pytest.mark.parametrize(("text", "iso"), [
    ("01:15 EST, 30 November 2013", "2013-11-30"),
    ("1:25 AM on 3rd August 2011", "2011-08-03"),
    ("Updated April 10, 2026 (IF10491)", "2026-04-10"),
    ("04/10/2026", "2026-04-10"),
    ("10.04.2026", "2026-04-10"),
    ("2025-08-14T10:00", "2025-08-14"),
    ("no date here", None),
])
def test_iso_date(text: str, iso: str | None) -> None:
    assert iso_date(text) == iso


def test_apply_metadata_fills_document_fields() -> None:
    doc = Document(title="t")
    apply_metadata(doc, {"site": "apa.az", "author": "Jane Roe",
                         "published": "01:15 EST, 30 November 2013"})
    assert (doc.site, doc.author, doc.date) == ("apa.az", "Jane Roe", "2013-11-30")
    assert doc.metadata["published"] == "01:15 EST, 30 November 2013"


# --------------------------------------------------------------------------
# Bylines
# --------------------------------------------------------------------------


def test_split_byline_site_format() -> None:
    text = ("By John Smith | PUBLISHED: 12:00 EST, 1 January 2014 | UPDATED: 13:30 EST, "
            "1 January 2014\nThe body starts here.")
    written, rest, found = split_byline(text) or ("", "", {})
    assert rest == "The body starts here."
    assert found == {"author": "John Smith", "published": "12:00 EST, 1 January 2014",
                     "updated": "13:30 EST, 1 January 2014"}
    assert written.startswith("By John Smith |")


@pytest.mark.parametrize("text", ["By the time we arrived, it was over.",
                                  "By Tuesday, Russia had withdrawn its troops.",
                                  "By 2030 the plan will be complete."])
def test_sentences_starting_with_by_are_not_bylines(text: str) -> None:
    assert split_byline(text) is None


# --------------------------------------------------------------------------
# Real documents
# --------------------------------------------------------------------------


def test_sample_chrome(sample_path: Path) -> None:
    doc = read_path(sample_path)
    assert doc.chrome == ["EN", "Featured", "124", "38", "caspianreview.example", "8Sources"]
    assert doc.site == "caspianreview.example"
    assert doc.metadata["edition"] == "EN"
    assert doc.metadata["sources"] == "8"
    assert doc.metadata["counters"] == "124 38"
    assert doc.metadata["flags"] == "Featured"
    body = [b.text for b in doc.blocks]
    for line in doc.chrome:
        assert line not in body
    assert body[-1].startswith("Caspian Review’s conclusion is")


def test_azerbaijani_aggregator_chrome(tmp_path: Path) -> None:
    """The chrome of an Azerbaijani aggregator page: a UI word and a glued count badge."""
    path = tmp_path / "page.txt"
    path.write_text("AZ\n\nPorts before promises-ANALYSIS\n\n"
                    "Ministers met in Baku on Monday. They agreed on a joint tariff for the route.\n\n"
                    "Seçilən\n87\n50\napa.az\n\n10Mənbələr\n", encoding="utf-8")
    doc = read_path(path)
    assert doc.chrome == ["AZ", "Seçilən", "87", "50", "apa.az", "10Mənbələr"]
    assert (doc.site, doc.metadata["edition"], doc.metadata["sources"]) == ("apa.az", "AZ", "10")
    assert (doc.metadata["counters"], doc.metadata["flags"]) == ("87 50", "Seçilən")
    assert [b.text for b in doc.blocks] == [
        "Ministers met in Baku on Monday. They agreed on a joint tariff for the route."]


def test_reference_sample_chrome(reference_path: Path) -> None:
    """The real aggregator page the project was built on (../shared)."""
    doc = read_path(reference_path)
    assert doc.chrome == ["AZ", "Seçilən", "87", "50", "apa.az", "10Mənbələr"]
    assert doc.site == "apa.az"
    assert doc.metadata["edition"] == "AZ"
    assert doc.metadata["sources"] == "10"
    assert doc.metadata["counters"] == "87 50"
    assert doc.metadata["flags"] == "Seçilən"
    body = [b.text for b in doc.blocks]
    for line in doc.chrome:
        assert line not in body


def _cnndm(folder: Path) -> list[Path]:
    articles = sorted((folder / "summaries" / "cnndm_dev" / "article").glob("*.txt"))
    if not articles:
        absent("CNN/DailyMail articles not found in the evaluation folder")
    return articles


def test_dailymail_byline_published_and_updated(shared_eval: Path) -> None:
    path = shared_eval / "summaries/cnndm_dev/article/0005d61497d21ff37a17751829bd7e3b6e4a7c5c.txt"
    if not path.is_file():
        absent(f"{path.name} not in the evaluation folder")
    doc = read_path(path)
    assert doc.author == "Daily Mail Reporter"
    assert doc.metadata["published"] == "01:15 EST, 30 November 2013"
    assert doc.metadata["updated"] == "01:23 EST, 30 November 2013"
    assert doc.date == "2013-11-30"
    assert doc.chrome == ["By . Daily Mail Reporter . PUBLISHED: . 01:15 EST, 30 November 2013"
                          " . | . UPDATED: . 01:23 EST, 30 November 2013 ."]
    assert doc.paragraphs[0].text.startswith("More than two decades after Magic Johnson")
    assert doc.title.startswith("More than two decades")


def test_dailymail_last_updated_variant(shared_eval: Path) -> None:
    path = shared_eval / "summaries/cnndm_dev/article/001732b374f362d3961a510da315601e4b5e7e84.txt"
    if not path.is_file():
        absent(f"{path.name} not in the evaluation folder")
    doc = read_path(path)
    assert (doc.author, doc.date) == ("Daily Mail Reporter", "2011-08-03")
    assert doc.paragraphs[0].text.startswith("Dragons' Den star Duncan Bannatyne")


def test_every_dailymail_byline_is_set_aside_and_no_text_is_lost(shared_eval: Path) -> None:
    bylines = 0
    for path in _cnndm(shared_eval):
        raw = path.read_text(encoding="utf-8").strip()
        doc = read_path(path)
        body = " ".join(b.text for b in doc.blocks)
        if raw.startswith("By ."):
            bylines += 1
            assert doc.author and not doc.author.startswith("."), path.name
            assert not body.startswith("By ."), path.name
            assert "PUBLISHED:" not in body[:200] and "UPDATED:" not in body[:200], path.name
            assert " ".join(doc.chrome) + " " + body == raw, path.name
        else:  # at most a wire dateline ("(CNN) --") is set aside
            assert " ".join([*doc.chrome, body]) == raw, path.name
            assert all(c.endswith(("--", "—", "–")) for c in doc.chrome), (path.name, doc.chrome)
    assert bylines >= 10


def test_synthetic_news_page(tmp_path: Path) -> None:
    doc = read_path(FIXTURES / "news_page.txt")
    assert doc.title == "Ministers agree new Caspian gas route"
    assert doc.metadata["edition"] == "EN"
    assert doc.site == "example.com"
    assert doc.metadata["comments"] == "12"
    assert doc.author == "Jane Roe"
    assert doc.date == "2025-03-14"
    body = [b.text for b in doc.blocks]
    assert body[0].startswith("Energy ministers from four countries")
    assert body[-1].startswith("The next meeting")
    assert not any(x in body for x in ("Share this article", "12 Comments", "Print", "EN"))
    assert doc.chrome[:2] == ["EN", "www.example.com"]
    assert doc.chrome[-3:] == ["Share this article", "12 Comments", "Print"]


@pytest.mark.parametrize("text, written, rest, metadata", [
    ("(CNN) -- Returning home from London, I found.", "(CNN) --", "Returning home from London, I found.",
     {"agency": "CNN"}),
    ("Canberra, Australia (CNN) -- At first glance it is small.", "Canberra, Australia (CNN) --",
     "At first glance it is small.", {"dateline": "Canberra, Australia", "agency": "CNN"}),
    ("WASHINGTON — The president said so.", "WASHINGTON —", "The president said so.", {"dateline": "WASHINGTON"}),
])
def test_wire_datelines_are_chrome(text: str, written: str, rest: str, metadata: dict[str, str]) -> None:
    assert chrome.split_dateline(text) == (written, rest, metadata)


@pytest.mark.parametrize("text", [
    "Section 907 (1992) -- a law that still matters.", "NATO — the alliance grew.", "UN -- The body met.",
    "The U.S. (and NATO) -- maybe.", "(AP) — ",
])
def test_text_that_only_looks_like_a_dateline_stays(text: str) -> None:
    assert chrome.split_dateline(text) is None


def test_a_story_s_dateline_leaves_its_title_and_first_sentence() -> None:
    from briefing.pipeline import read_data

    doc = read_data(b"(CNN) -- Returning home from the London 2012 Paralympic Games, I discovered the level of "
                    b"U.S. media coverage. Ten days of competition followed.", "story.txt")
    assert doc.metadata["agency"] == "CNN" and "(CNN) --" in doc.chrome
    assert not doc.title.startswith("(CNN)")
    assert all(not b.text.startswith("(CNN)") for b in doc.blocks)
