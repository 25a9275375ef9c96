"""Tests for briefing.analysis.actors: gazetteer, context rules, people."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefing.analysis.actors import Mention, find_actors
from briefing.resources import data_path
from tests.conftest import SAMPLE

KINDS = {"country", "organisation", "person", "group", "place"}


def names(text: str) -> list[tuple[str, str, str]]:
    """(surface, canonical name, kind) of the mentions in one text."""
    return [(m.surface, m.name, m.kind) for m in find_actors([text])[0]]


def canon(text: str) -> dict[str, str]:
    return {m.surface: m.name for m in find_actors([text])[0]}


# -- shape and offsets ---------------------------------------------------------


def test_one_list_per_text_and_offsets_match_the_surface() -> None:
    texts = ["", "Baku and Washington agreed.", "Nothing here.", "President Ilham Aliyev spoke."]
    result = find_actors(texts)
    assert len(result) == len(texts)
    assert result[0] == [] and result[2] == []
    for text, mentions in zip(texts, result, strict=True):
        for m in mentions:
            assert isinstance(m, Mention) and m.kind in KINDS
            assert text[m.start:m.end] == m.surface
        assert [m.start for m in mentions] == sorted(m.start for m in mentions)


# -- countries: names, abbreviations, demonyms, capitals ------------------------


@pytest.mark.parametrize("surface", ["United States", "U.S.", "US", "USA", "America", "American", "Washington"])
def test_united_states_surfaces(surface: str) -> None:
    assert canon(f"Officials said {surface} policy changed.")[surface] == "United States"


@pytest.mark.parametrize(
    ("text", "surface", "country"),
    [
        ("Baku rejected the talks.", "Baku", "Azerbaijan"),
        ("The Azerbaijani side agreed.", "Azerbaijani", "Azerbaijan"),
        ("It angered official Baku.", "official Baku", "Azerbaijan"),
        ("Official Baku demands it.", "Official Baku", "Azerbaijan"),
        ("It was initiated by the Armenian lobby.", "Armenian", "Armenia"),
        ("Yerevan replied.", "Yerevan", "Armenia"),
        ("The Kremlin was silent.", "Kremlin", "Russia"),
        ("Moscow lost influence.", "Moscow", "Russia"),
        ("Russian troops left.", "Russian", "Russia"),
        ("Tehran has realized it.", "Tehran", "Iran"),
        ("Iranian officials spoke.", "Iranian", "Iran"),
        ("Tbilisi hosted the talks.", "Tbilisi", "Georgia"),
        ("Ankara and Turkish firms", "Ankara", "Türkiye"),
        ("Ankara and Turkish firms", "Turkish", "Türkiye"),
        ("Turkey joined.", "Turkey", "Türkiye"),
        ("Türkiye joined.", "Türkiye", "Türkiye"),
        ("The conflict with Israel.", "Israel", "Israel"),
        ("The Kabul airport was protected.", "Kabul", "Afghanistan"),
        ("Missions in Iraq ended.", "Iraq", "Iraq"),
        ("The Russian Federation objected.", "Russian Federation", "Russia"),
        ("Ministers of the Republic of Azerbaijan met.", "Republic of Azerbaijan", "Azerbaijan"),
        ("The UK and Britain are one.", "UK", "United Kingdom"),
    ],
)
def test_country_names_demonyms_and_capitals(text: str, surface: str, country: str) -> None:
    found = {(m.surface, m.name, m.kind) for m in find_actors([text])[0]}
    assert (surface, country, "country") in found


def test_dash_pairs_are_two_actors() -> None:
    assert names("Baku–Washington relations and Azerbaijan–U.S. ties.") == [
        ("Baku", "Azerbaijan", "country"), ("Washington", "United States", "country"),
        ("Azerbaijan", "Azerbaijan", "country"), ("U.S.", "United States", "country"),
    ]


# -- organisations, groups, places --------------------------------------------


@pytest.mark.parametrize(
    ("surface", "name"),
    [
        ("European Union", "European Union"), ("EU", "European Union"), ("Brussels", "European Union"),
        ("NATO", "NATO"), ("OSCE", "OSCE"), ("UN", "United Nations"), ("IMF", "IMF"),
        ("Minsk Group", "OSCE Minsk Group"), ("OSCE Minsk Process", "OSCE Minsk Group"),
        ("OSCE Minsk Group", "OSCE Minsk Group"), ("Congress", "U.S. Congress"),
        ("Pentagon", "Pentagon"), ("State Department", "State Department"),
        ("Council of Europe", "Council of Europe"), ("World Bank", "World Bank"),
    ],
)
def test_organisations(surface: str, name: str) -> None:
    assert (surface, name, "organisation") in names(f"Then the {surface} acted.")


def test_groups_and_places() -> None:
    found = names("The Taliban retook Kabul; the South Caucasus and the Caspian basin matter to Europe.")
    assert ("Taliban", "Taliban", "group") in found
    assert ("South Caucasus", "South Caucasus", "place") in found
    assert ("Caspian", "Caspian Sea", "place") in found
    assert ("Europe", "Europe", "place") in found


# -- false friends -------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The Washington Post reported it.",
        "George Washington slept here.",
        "Nevertheless, the talks went on.",
        "Atlanta, Georgia hosted a game.",
        "Michael Jordan scored.",
        "The Moscow Times reported it.",
        "The Baku–Tbilisi–Ceyhan pipeline carries oil.",
        "It was the only post-Soviet country without aid.",
        "The Memorandum of Understanding covers the Strategic Working Group.",
    ],
)
def test_false_friends_are_not_actors(text: str) -> None:
    assert names(text) == []


def test_georgia_the_country_in_a_list() -> None:
    assert ("Georgia", "Georgia", "country") in names("Azerbaijan, Georgia and Türkiye signed.")


def test_sentence_initial_capitalised_words_are_not_actors() -> None:
    found = find_actors(
        ["Nevertheless, Congress acted.", "Recognizing this, Moscow agreed.", "Both Baku and Washington agreed."])
    surfaces = [m.surface for ms in found for m in ms]
    assert "Nevertheless" not in surfaces and "Recognizing" not in surfaces and "Both" not in surfaces
    assert surfaces == ["Congress", "Moscow", "Baku", "Washington"]


# -- people --------------------------------------------------------------------


def test_title_then_surname_back_reference_across_sentences() -> None:
    texts = [
        "During the visit of President Ilham Aliyev to Washington, ties grew.",
        "The memorandum was signed by Aliyev and Trump.",
        "The meeting, which President Trump called the Peace Summit, went well.",
    ]
    people = [[(m.surface, m.name) for m in ms if m.kind == "person"] for ms in find_actors(texts)]
    assert people == [[("Ilham Aliyev", "Ilham Aliyev")], [("Aliyev", "Ilham Aliyev"), ("Trump", "Trump")],
                      [("Trump", "Trump")]]


def test_canonical_is_the_longest_name_in_the_document() -> None:
    texts = ["President Trump spoke first.", "Later, Donald Trump met Aliyev."]
    people = [(m.surface, m.name) for ms in find_actors(texts) for m in ms if m.kind == "person"]
    assert people == [("Trump", "Donald Trump"), ("Donald Trump", "Donald Trump")]


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("It is worth noting that Joseph Biden, who was vice president at the time, resisted.", "Joseph Biden"),
        ("Jane Roe, the Lithuanian foreign minister, arrived.", "Jane Roe"),
        ('"We are ready," said Jane Roe.', "Jane Roe"),
        ("Jane Roe said the talks would resume.", "Jane Roe"),
        ("Prime Minister Nikol Pashinyan arrived.", "Nikol Pashinyan"),
        ("Azerbaijani president Ilham Aliyev arrived.", "Ilham Aliyev"),
        ("U.S. Secretary of State Marco Rubio arrived.", "Marco Rubio"),
        ("Turkish President Recep Tayyip Erdoğan arrived.", "Recep Tayyip Erdoğan"),
        ("General George Washington crossed the river.", "George Washington"),
    ],
)
def test_people_from_titles_appositions_and_speech(text: str, person: str) -> None:
    assert (person, person, "person") in names(text)


def test_no_person_without_a_name() -> None:
    assert names("The President of Azerbaijan noted it in an interview.") == [("Azerbaijan", "Azerbaijan", "country")]


def test_a_title_beats_an_ambiguous_place_name() -> None:
    assert names("General George Washington crossed the river.") == [
        ("George Washington", "George Washington", "person")]


# -- data tables -----------------------------------------------------------------


def _table(name: str) -> dict[str, object]:
    data: dict[str, object] = json.loads(data_path(name).read_text(encoding="utf-8"))
    data.pop("_about", None)
    return data


def test_data_tables_cover_many_countries_and_valid_kinds() -> None:
    demonyms, capitals, organisations = (_table(n) for n in ("demonyms.json", "capitals.json", "organisations.json"))
    assert len(demonyms) > 60 and len(capitals) > 60
    assert {spec["kind"] for spec in organisations.values()} <= KINDS  # type: ignore[index]


@pytest.mark.parametrize("table", ["demonyms.json", "capitals.json"])
def test_every_table_surface_is_found_as_a_country(table: str) -> None:
    for code, surfaces in _table(table).items():
        for surface in surfaces:  # type: ignore[attr-defined]
            found = names(f"Officials of {surface} spoke.")
            assert [(s, k) for s, _, k in found] == [(surface, "country")], (code, surface, found)


# -- whole documents: the sample, and the reference sample --------------------------


def _sentences_and_actors(path: Path) -> tuple[list[str], list[list[Mention]]]:
    from briefing.analysis.sentences import split

    text = path.read_text(encoding="utf-8")
    sentences = [s.text for para in text.split("\n\n") for s in split(para.strip())]
    return sentences, find_actors(sentences)


def _surfaces_by_actor(found: list[list[Mention]]) -> dict[tuple[str, str], list[str]]:
    by_name: dict[tuple[str, str], list[str]] = {}
    for ms in found:
        for m in ms:
            by_name.setdefault((m.name, m.kind), []).append(m.surface)
    return by_name


@pytest.fixture(scope="module")
def sample() -> tuple[list[str], list[list[Mention]]]:
    return _sentences_and_actors(SAMPLE)


@pytest.fixture(scope="module")
def reference(reference_path: Path) -> tuple[list[str], list[list[Mention]]]:
    return _sentences_and_actors(reference_path)  # skips without ../shared (conftest)


def test_sample_actors(sample: tuple[list[str], list[list[Mention]]]) -> None:
    sentences, found = sample
    by_name = _surfaces_by_actor(found)
    for name, kind in [
        ("Ukraine", "country"), ("Russia", "country"), ("Belarus", "country"), ("China", "country"),
        ("Kazakhstan", "country"), ("Azerbaijan", "country"), ("Georgia", "country"),
        ("Türkiye", "country"), ("Iran", "country"), ("European Union", "organisation"),
        ("Elnur Hasanov", "person"), ("Anna Kowalczyk", "person"),
        ("Europe", "place"), ("Central Asia", "place"), ("South Caucasus", "place"),
        ("Caspian Sea", "place"), ("Black Sea", "place"), ("Red Sea", "place"),
    ]:
        assert (name, kind) in by_name, name
    # capitals stand for their state, demonyms for their country
    assert {"Russia", "Russian", "Moscow"} <= set(by_name[("Russia", "country")])
    assert {"China", "Chinese", "Beijing"} <= set(by_name[("China", "country")])
    assert {"Kazakhstan", "Kazakh"} <= set(by_name[("Kazakhstan", "country")])
    assert {"Georgia", "Georgian"} <= set(by_name[("Georgia", "country")])
    assert {"Türkiye", "Ankara"} <= set(by_name[("Türkiye", "country")])
    assert {"European Union", "Brussels"} <= set(by_name[("European Union", "organisation")])
    assert {"Europe", "European"} <= set(by_name[("Europe", "place")])
    surfaces = {m.surface for ms in found for m in ms}
    assert not surfaces & {"EN", "Featured", "Trains", "Containers", "Shippers", "Concrete", "Spending",
                           "Governments", "Planners", "Taken", "Yet", "TITR", "Middle Corridor"}


def test_sample_european_union_is_not_also_europe(sample: tuple[list[str], list[list[Mention]]]) -> None:
    sentences, found = sample
    i = next(i for i, s in enumerate(sentences) if s.startswith("The European Union is the outside actor"))
    assert [(m.surface, m.name) for m in found[i]] == [("European Union", "European Union")]


def test_reference_sample_actors(reference: tuple[list[str], list[list[Mention]]]) -> None:
    """The reference sample names the United States by its capital and its abbreviation."""
    sentences, found = reference
    by_name = _surfaces_by_actor(found)
    for name, kind in [
        ("United States", "country"), ("Azerbaijan", "country"), ("Armenia", "country"),
        ("Russia", "country"), ("Iran", "country"), ("Israel", "country"), ("Afghanistan", "country"),
        ("Iraq", "country"), ("NATO", "organisation"), ("OSCE", "organisation"),
        ("OSCE Minsk Group", "organisation"), ("U.S. Congress", "organisation"),
        ("Ilham Aliyev", "person"), ("Trump", "person"), ("Joseph Biden", "person"),
        ("Europe", "place"), ("South Caucasus", "place"),
    ]:
        assert (name, kind) in by_name, name
    assert {"Washington", "U.S.", "United States"} <= set(by_name[("United States", "country")])
    assert {"Baku", "official Baku", "Official Baku", "Azerbaijani"} <= set(by_name[("Azerbaijan", "country")])
    assert "Armenian" in by_name[("Armenia", "country")]
    assert sorted(by_name[("Ilham Aliyev", "person")]) == ["Aliyev", "Ilham Aliyev"]
    surfaces = {m.surface for ms in found for m in ms}
    assert not surfaces & {"Nevertheless", "Section", "Resolute Support", "Seçilən", "AZ", "Ceyhan"}
    # the Baku of the pipeline name "Baku–Tbilisi–Ceyhan" is not a mention of Azerbaijan
    i = next(i for i, s in enumerate(sentences) if "Baku–Tbilisi–Ceyhan" in s)
    assert [m.surface for m in found[i]] == ["Washington", "Azerbaijan", "Europe", "Russia"]
