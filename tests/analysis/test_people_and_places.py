"""People are people and places are named for what they are (defect classes of the facts issue)."""

from __future__ import annotations

import pytest

from briefing.analysis.actors import find_actors


def named(*texts: str, language: str = "en") -> set[tuple[str, str]]:
    return {(m.name, m.kind) for mentions in find_actors(list(texts), language) for m in mentions}


@pytest.mark.parametrize("text", [
    "The Airport Improvements Grant Program said it would pay.",
    "The Assistance Grant said the money was spent.",
    "A spokesman for the General Services Administration said the lease was signed.",
    "The chef examined farmed King Prawns, since prawns need brackish water.",
    "The Military Commission said the trial would resume.",
])
def test_institutions_programmes_and_common_nouns_are_not_people(text: str) -> None:
    assert not {n for n, kind in named(text) if kind == "person"}


@pytest.mark.parametrize("texts, person", [
    (["Secretary of Defense Pete Hegseth said the contract was cancelled."], "Pete Hegseth"),
    (["Anthropic CEO Dario Amodei stated the terms."], "Dario Amodei"),
    (["The declaration of David Richardson (then the Senior Official Performing the Duties) was filed."],
     "David Richardson"),
    (["'Sony only delayed this,' said company attorney David Boies."], "David Boies"),
    (["President Bashar al-Assad cracked down.", "Assad said nothing."], "Bashar al-Assad"),
    (["Lib Dem peer Lord Oakeshott said it was wrong.", "Oakeshott added more."], "Lord Oakeshott"),
])
def test_people_by_title_role_apposition_and_speech(texts: list[str], person: str) -> None:
    found = find_actors(texts)
    assert all(any(m.name == person and m.kind == "person" for m in mentions) for mentions in found), found


def test_a_surname_alone_joins_its_full_name() -> None:
    found = find_actors(["President Bashar al-Assad spoke.", "Assad left.", "Critics of Assad met."])
    assert [m.name for mentions in found for m in mentions] == ["Bashar al-Assad"] * 3


@pytest.mark.parametrize("language, texts, person", [
    ("ru", ["Министр иностранных дел России Сергей Лавров заявил об этом."], "Сергей Лавров"),
    ("ru", ["«Мы остановимся», — говорит Марвин Кук, управляющий директор завода."], "Марвин Кук"),
    ("ru", ["Грег Кларк заявил, что ждёт сделки."], "Грег Кларк"),
    ("az", ["Burnastondakı idarə heyəti müdiri Marvin Kuk belə qeyd edib."], "Marvin Kuk"),
    ("tr", ["Greg Clark dedi ki anlaşma şart."], "Greg Clark"),
])
def test_people_in_russian_azerbaijani_and_turkish(language: str, texts: list[str], person: str) -> None:
    assert (person, "person") in named(*texts, language=language)


@pytest.mark.parametrize("text", [
    "Visitors queue for Turkish coffee in the old town.",
    "A singer called Jordan topped the charts.",
    "Michael Jordan retired.",
])
def test_a_demonym_in_a_thing_or_a_name_that_is_a_surname_is_no_country(text: str) -> None:
    assert not {n for n, kind in named(text) if kind == "country"}


def test_georgia_beside_other_us_states_is_the_state() -> None:
    texts = ["Storms hit Alabama and Florida on Monday.", "Georgia declared a state of emergency."]
    assert ("Georgia", "country") not in named(*texts)
    assert ("Georgia", "country") in named("Georgia and Armenia met in Tbilisi.", "Georgia signed.")


def test_a_capital_after_in_or_to_is_the_city() -> None:
    assert ("Lebanon", "country") not in named("Refugees arrived in Beirut.")
    assert ("Lebanon", "country") in named("Beirut rejected the plan.")


def test_a_president_named_by_surname_in_russian_is_listed() -> None:
    texts = ["Американский лидер Трамп ввёл пошлины.", "Трамп добавил, что ждёт ответа.",
             "По словам Трампа, всё решено.", "Трампу ответили в Пекине."]
    people = [m.name for mentions in find_actors(texts, "ru") for m in mentions if m.kind == "person"]
    assert people == ["Трамп"] * 4
