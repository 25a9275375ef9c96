"""Organisations a document names itself: acronyms, institution words, companies (facts issue defect classes)."""

from __future__ import annotations

import pytest

from briefing.analysis.actors import find_actors


def actors(*texts: str, language: str = "en") -> dict[str, set[str]]:
    """Each actor's name -> the surfaces it was found as."""
    found: dict[str, set[str]] = {}
    for mentions in find_actors(list(texts), language):
        for m in mentions:
            found.setdefault(f"{m.name} ({m.kind})", set()).add(m.surface)
    return found


def test_an_acronym_defined_once_counts_as_its_long_form_everywhere() -> None:
    found = actors("The Maritime Inspection Service (MIS) opened an inquiry.",
                   *["MIS inspectors boarded the ship."] * 5, "The MIS's report is due.")
    assert found == {"Maritime Inspection Service (organisation)": {"Maritime Inspection Service", "MIS"}}
    assert sum(len(m) for m in find_actors(["The Maritime Inspection Service (MIS) opened it.", "MIS said so."])) == 2


def test_an_acronym_defined_the_other_way_round() -> None:
    found = actors("The MIS (Maritime Inspection Service) opened an inquiry.", "MIS said it would report.")
    assert "Maritime Inspection Service (organisation)" in found
    assert "MIS" in found["Maritime Inspection Service (organisation)"]


@pytest.mark.parametrize("text, name", [
    ("The Department of Commerce opened an investigation.", "Department of Commerce"),
    ("The witness spoke before the House Appropriations Committee on May 7.", "House Appropriations Committee"),
    ("The Supreme Court declined the case.", "Supreme Court"),
    ("The Centers for Disease Control and Prevention tracked the cases.", "Centers for Disease Control and Prevention"),
    ("The Palestinian Center for Development and Media Freedom counted the attacks.",
     "Palestinian Center for Development and Media Freedom"),
    ("Its report went to Congress's Joint Economic Committee.", "Joint Economic Committee"),
])
def test_a_capitalised_phrase_ending_or_opening_with_an_institution_word(text: str, name: str) -> None:
    assert f"{name} (organisation)" in actors(text)


@pytest.mark.parametrize("text", [
    "The Federal Reserve Act of 1913 created the system.",  # a law, not the bank
    "The Notice of Funding Opportunity (NOFO) was withdrawn.",  # a document, not an agency
    "The Memorandum of Understanding covers the Strategic Working Group.",
    "The House and Senate passed the bill.",  # two chambers, not one "House and Senate"
])
def test_laws_documents_and_pairs_are_not_organisations(text: str) -> None:
    assert not [n for n in actors(text) if n.endswith("(organisation)") and n != "U.S. Congress (organisation)"]


def test_an_undefined_acronym_that_acts_is_an_organisation_one_that_does_not_is_not() -> None:
    found = actors("KDRA issued new rules.", "KDRA said the rules apply.", "The BRIC grants were cut.",
                   "BRIC projects ended.")
    assert "KDRA (organisation)" in found and not any(n.startswith("BRIC") for n in found)


@pytest.mark.parametrize("texts, company", [
    (["The highly profitable manufacturer Ingersoll Rand began reporting losses."], "Ingersoll Rand"),
    (["Walgreen, the nation's largest drug retailer, has moved."], "Walgreen"),
    (["Andrew Moss quit as chief executive of Aviva."], "Aviva"),
    (["Corporate giants such as Pfizer, Medtronic and Mylan have moved abroad."], "Mylan"),
    (["The recall came from RAW FARM, LLC in California."], "RAW FARM"),
])
def test_companies_by_their_context(texts: list[str], company: str) -> None:
    assert f"{company} (organisation)" in actors(*texts)


def test_a_person_is_never_taken_for_a_company() -> None:
    found = actors("President Obama said it was a mistake.", "Obama's spokesman declined to comment.")
    assert "Obama (person)" in found and not any(n.endswith("(organisation)") for n in found)


def test_latin_names_in_russian_text_are_companies() -> None:
    found = actors("Завод Toyota остановится.", "Компания Toyota и BMW против.", "BMW закроет завод.",
                   "Brexit начнётся.", "Brexit близко.", language="ru")
    assert {"Toyota (organisation)", "BMW (organisation)"} <= set(found)
    assert "Brexit (organisation)" not in found


def test_turkish_and_azerbaijani_institutions_with_their_endings_are_one_actor() -> None:
    found = actors("Türkiye Dışişleri Bakanlığı'nın açıklaması geldi.", "Dışişleri Bakanlığı yanıt verdi.",
                   language="tr")
    assert found == {"Dışişleri Bakanlığı (organisation)": {"Türkiye Dışişleri Bakanlığı'nın", "Dışişleri Bakanlığı"}}
    found = actors("Xarici İşlər Nazirliyinin açıqlaması.", "Xarici İşlər Nazirliyi bildirib.", language="az")
    assert "Xarici İşlər Nazirliyi (organisation)" in found


def test_russian_institutions_open_with_the_institution_word() -> None:
    found = actors("Министерство иностранных дел России заявило.", "Государственная дума приняла закон.",
                   "Суд вынес решение.", language="ru")
    assert {"Министерство иностранных дел России (organisation)", "Государственная дума (organisation)"} <= set(found)
    assert not any(n.startswith("Суд") for n in found)  # one word: not enough to name a body


def test_a_person_introduced_by_a_trade_is_a_person() -> None:
    found = actors("The film's producer Scott Rudin wrote to the studio.", "Rudin said it was a mistake.")
    assert "Scott Rudin (organisation)" not in found
