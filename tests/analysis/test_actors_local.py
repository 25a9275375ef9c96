"""Actors in Azerbaijani, Turkish, Russian, Ukrainian, Kazakh, Georgian and Armenian text."""

from __future__ import annotations

import pytest

from briefing.analysis.actors import find_actors
from briefing.analysis.actors_local import find


def names(text: str, language: str) -> list[tuple[str, str]]:
    return [(f.name, text[f.start:f.end]) for f in find(text, language)]


@pytest.mark.parametrize("language, text, expected", [
    ("az", "Vaşinqtonun Rusiyanın enerji ixracatına Avropa İttifaqı və BMT Təhlükəsizlik Şurası Almaniyada.",
     [("ABŞ", "Vaşinqtonun"), ("Rusiya", "Rusiyanın"), ("Avropa İttifaqı", "Avropa İttifaqı"),
      ("BMT Təhlükəsizlik Şurası", "BMT Təhlükəsizlik Şurası"), ("Almaniya", "Almaniyada")]),
    ("az", "ABŞ-ın və Çinin mövqeyi, Qarabağdakı vəziyyət", [
        ("ABŞ", "ABŞ"), ("Çin", "Çinin"), ("Qarabağ", "Qarabağdakı")]),
    ("tr", "ABD'nin, Rusya'nın ve Avrupa Birliği'nin Almanya'da", [
        ("ABD", "ABD'nin"), ("Rusya", "Rusya'nın"), ("Avrupa Birliği", "Avrupa Birliği'nin"),
        ("Almanya", "Almanya'da")]),
    ("ru", "Вашингтон может помешать России и Европейского союза, ООН и Германии, "
           "Кремлём и Российской Федерации", [
        ("США", "Вашингтон"), ("Россия", "России"), ("Евросоюз", "Европейского союза"), ("ООН", "ООН"),
        ("Германия", "Германии"), ("Россия", "Кремлём"), ("Россия", "Российской Федерации")]),
    ("uk", "Україною та Росії, США і Євросоюзу", [
        ("Україна", "Україною"), ("Росія", "Росії"), ("США", "США"), ("Євросоюз", "Євросоюзу")]),
    ("kk", "Ресейдің және АҚШ-тың Қазақстанмен", [
        ("Ресей", "Ресейдің"), ("АҚШ", "АҚШ"), ("Қазақстан", "Қазақстанмен")]),
    ("ka", "რუსეთის და საქართველოს, უკრაინაში", [
        ("რუსეთი", "რუსეთის"), ("საქართველო", "საქართველოს"), ("უკრაინა", "უკრაინაში")]),
    ("hy", "Ռուսաստանի և ԱՄՆ-ի Հայաստանում", [
        ("Ռուսաստան", "Ռուսաստանի"), ("ԱՄՆ", "ԱՄՆ"), ("Հայաստան", "Հայաստանում")]),
])
def test_inflected_names_are_their_actor(language: str, text: str, expected: list[tuple[str, str]]) -> None:
    assert names(text, language) == expected


def test_every_country_has_its_translated_name() -> None:
    # Not in the curated table: pycountry's translations.
    assert names("Panama və Argentinanın", "az") == [("Panama", "Panama"), ("Argentina", "Argentinanın")]
    assert names("Аргентины и Бразилией", "ru") == [("Аргентина", "Аргентины"), ("Бразилия", "Бразилией")]


def test_capital_inside_another_name_is_not_the_state() -> None:
    assert names("Bakı Dövlət Universiteti açıldı", "az") == []
    assert names("Bakıdakı görüş", "az") == [("Azərbaycan", "Bakıdakı")]


def test_short_translated_names_only_as_written() -> None:
    assert names("Мало кто знал, что Мали", "ru") == [("Мали", "Мали")]


def test_common_words_are_never_a_country() -> None:
    assert names("Mali piyasalar Türkiye'de", "tr") == [("Türkiye", "Türkiye'de")]
    assert find_actors(["Mali kriz derinleşti."], "tr") == [[]]


def test_lowercase_words_are_not_names() -> None:
    # "груз" (cargo) shares its stem with Грузия; "çin" is a rank in Azerbaijani.
    assert names("груз прибыл", "ru") == []
    assert names("yüksək çin aldı", "az") == []


def test_english_names_in_the_text_go_by_their_local_name() -> None:
    [mentions] = find_actors(["Washington və NATO Rusiya ilə danışdı."], "az")
    assert [(m.name, m.surface) for m in mentions] == [("ABŞ", "Washington"), ("NATO", "NATO"), ("Rusiya", "Rusiya")]


def test_english_text_is_unchanged_by_the_language_tables() -> None:
    [mentions] = find_actors(["Russia and the European Union met in Brussels."])
    assert [m.name for m in mentions] == ["Russia", "European Union", "European Union"]


def test_an_azerbaijani_brief_names_its_actors_in_azerbaijani() -> None:
    from briefing.compose import compose
    from briefing.pipeline import read_data

    text = (
        "Azərbaycan və Gürcüstan enerji dəhlizini genişləndirir\n\n"
        "Azərbaycan Respublikası və Gürcüstan Xəzər dənizi üzərindən keçən yeni enerji xətti barədə saziş "
        "imzalayıb. Rusiyanın mövqeyi dəyişməyib.\n\n"
        "Avropa İttifaqı layihəni dəstəkləyir. Brüsseldə bildiriblər ki, Azərbaycan etibarlı tərəfdaşdır.\n\n"
        "Türkiyə və Gürcüstan xətti Qara dəniz sahilinə çatdıracaq. Rusiya və İran bu layihəni tənqid edir.\n"
    )
    brief = compose([read_data(text.encode("utf-8"), "az.txt")])
    assert brief.language == "az"
    found = {a.name: a.total for a in brief.actors}
    assert found["Azərbaycan"] == 2 and found["Gürcüstan"] == 2 and found["Rusiya"] == 2
    assert found["Avropa İttifaqı"] == 2  # and "Brüsseldə"
    assert {"Avropa İttifaqı", "Türkiyə", "İran"} <= set(found)
    assert not {"Xəzər dənizi", "Qara dəniz"} & set(found)  # places, not actors
    assert not {"Azerbaijan", "Russia", "Georgia"} & set(found)


@pytest.mark.parametrize("language, texts, expected", [
    ("az", ["Rusiya Prezidenti Vladimir Putin və Almaniya Kansleri Angela Merkel görüşdü.",
            "Putinin sözlərinə görə, Merkel razıdır."],
     [("Vladimir Putin", "Vladimir Putin"), ("Angela Merkel", "Angela Merkel"),
      ("Vladimir Putin", "Putinin"), ("Angela Merkel", "Merkel")]),
    ("tr", ["Rusya Devlet Başkanı Vladimir Putin konuştu.", "Putin'in sözlerine göre anlaşma yakın."],
     [("Vladimir Putin", "Vladimir Putin"), ("Vladimir Putin", "Putin'in")]),
    ("ru", ["Министр иностранных дел России Сергей Лавров заявил об этом.", "Лаврова спросили о встрече."],
     [("Сергей Лавров", "Сергей Лавров"), ("Сергей Лавров", "Лаврова")]),
])
def test_people_after_a_title_and_their_surnames(
        language: str, texts: list[str], expected: list[tuple[str, str]]) -> None:
    found = find_actors(texts, language)
    people = [(m.name, m.surface) for mentions in found for m in mentions if m.kind == "person"]
    assert people == expected


def test_a_title_before_one_word_or_an_organisation_is_no_person() -> None:
    found = find_actors(
        ["Prezident Administrasiyası bildirdi.", "Baş nazir Azərbaycan Respublikası adından danışdı."], "az")
    assert not [m for mentions in found for m in mentions if m.kind == "person"]


def test_a_person_goes_by_the_shortest_form_of_each_word() -> None:
    found = find_actors(["По словам президента Владимира Путина, всё готово.", "Путин добавил, что ждёт ответа."], "ru")
    [name] = {m.name for mentions in found for m in mentions if m.kind == "person"}
    assert name.endswith(" Путин")  # the given name is seen only as "Владимира": no form to prefer
