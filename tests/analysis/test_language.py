"""Language detection: NTREX translations, Azerbaijani vs Turkish, wiring."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.analysis.language import UNDETERMINED, Detection, detect, supported
from briefing.pipeline import read_path
from tests.conftest import FIXTURES
from tests.test_imports import loaded_modules

NTREX = FIXTURES / "ntrex"
#: NTREX folder -> the code detect() must answer.
NTREX_LANGUAGES = {
    "eng": "en", "aze-Latn": "az", "tur": "tr", "rus": "ru", "ukr": "uk",
    "kat": "ka", "hye": "hy", "kaz": "kk", "fas": "fa", "arb": "ar",
}


def ntrex_articles(folder: str) -> list[Path]:
    files = sorted((NTREX / folder).glob("*.txt"))
    assert files, f"{NTREX / folder} holds no article"
    return files


@pytest.mark.parametrize("folder", sorted(NTREX_LANGUAGES))
def test_ntrex_articles_are_detected(folder: str) -> None:
    expected = NTREX_LANGUAGES[folder]
    for path in ntrex_articles(folder):
        text = path.read_text(encoding="utf-8")
        for sample in (text, text[:500]):
            found = detect(sample)
            assert found.code == expected, (path.name, len(sample), found)
            assert found.confidence >= 0.9, (path.name, len(sample), found)


def test_azerbaijani_is_not_turkish() -> None:
    az = detect("Prezident İlham Əliyev bu gün ABŞ nümayəndə heyətini qəbul edib. "
                "Görüşdə iki ölkə arasında enerji və nəqliyyat sahəsində əməkdaşlıq müzakirə olunub.")
    tr = detect("Cumhurbaşkanı bugün ABD heyetini kabul etti. Görüşmede iki ülke "
                "arasında enerji ve ulaştırma alanında iş birliği ele alındı.")
    assert (az.code, tr.code) == ("az", "tr")


@pytest.mark.parametrize(("text", "code"), [
    ("The minister said on Tuesday that talks on the peace treaty would continue next week.", "en"),
    ("Министр заявил во вторник, что переговоры о мирном договоре продолжатся на следующей неделе.", "ru"),
    ("Міністр заявив у вівторок, що переговори щодо мирного договору триватимуть наступного тижня.", "uk"),
    ("მინისტრმა სამშაბათს განაცხადა, რომ სამშვიდობო ხელშეკრულებაზე მოლაპარაკებები გაგრძელდება.", "ka"),
])
def test_inline_texts(text: str, code: str) -> None:
    assert detect(text).code == code


def test_supported_languages() -> None:
    for code in ("en", "tr", "az", "ru"):
        assert supported(code), code
    for code in ("ka", "hy", "kk", "fa", "ar", "xx"):
        assert not supported(code), code


def test_too_little_text_is_undetermined() -> None:
    for text in ("", "OK", "12 345 67.8 %", "— 2024 —"):
        found = detect(text)
        assert found == Detection(UNDETERMINED, 0.0, False), text


def test_detection_is_deterministic() -> None:
    text = "Bakı ilə Vaşinqton arasında strateji tərəfdaşlıq yeni mərhələyə qədəm qoyur."
    assert len({detect(text) for _ in range(5)}) == 1


def test_importing_the_module_does_not_load_the_detector() -> None:
    modules = loaded_modules("import briefing.analysis.language")
    assert not modules.intersection({"py3langid", "numpy", "pysbd"})


# --------------------------------------------------------------------------
# Wiring into reading
# --------------------------------------------------------------------------


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_read_sets_a_supported_language_without_warning(tmp_path: Path) -> None:
    doc = read_path(write(tmp_path, "az.txt", (
        "Azərbaycan və ABŞ\n\n"
        "Prezident İlham Əliyev bu gün ABŞ nümayəndə heyətini qəbul edib. Görüşdə iki ölkə "
        "arasında enerji və nəqliyyat sahəsində əməkdaşlıq müzakirə olunub.\n")))
    assert doc.language == "az"
    assert doc.warnings == []
    assert [s.text for s in doc.paragraphs[0].sentences][1].startswith("Görüşdə")


def test_read_warns_about_a_language_without_rules(tmp_path: Path) -> None:
    doc = read_path(write(tmp_path, "ka.txt", (
        "სამშვიდობო მოლაპარაკებები\n\n"
        "მინისტრმა სამშაბათს განაცხადა, რომ სამშვიდობო ხელშეკრულებაზე მოლაპარაკებები "
        "გაგრძელდება. მხარეებმა ენერგეტიკისა და ტრანსპორტის საკითხები განიხილეს.\n")))
    assert doc.language == "ka"
    assert doc.warnings == ["language 'ka' has no analysis rules here: "
                            "sentences and key terms use generic rules"]
    assert len(doc.paragraphs[0].sentences) == 2


def test_read_keeps_a_language_the_reader_found(tmp_path: Path) -> None:
    doc = read_path(write(tmp_path, "fm.md", (
        "---\ntitle: Talks\nlang: ru\n---\n\n"
        "The minister said on Tuesday that talks would continue next week.\n")))
    assert doc.language == "ru"


def test_read_leaves_a_short_text_undetermined(tmp_path: Path) -> None:
    doc = read_path(write(tmp_path, "short.txt", "Note\n\nOK.\n"))
    assert doc.language is None
    assert doc.warnings == []


# --------------------------------------------------------------------------
# English by its function words, without loading the model
# --------------------------------------------------------------------------


def test_english_function_words_decide_only_clear_cases(shared: Path) -> None:
    """English eval texts pass the check; no text in another language comes near the threshold."""
    from briefing.analysis.language import _ENGLISH_FUNCTION_WORDS, _WORDS, ENGLISH_SHARE, plainly_english

    def share(text: str) -> float:
        words = _WORDS.findall(text.lower())
        return sum(w in _ENGLISH_FUNCTION_WORDS for w in words) / len(words)

    english = sorted((shared / "eval" / "summaries" / "cnndm_dev" / "article").glob("*.txt"))
    assert english and all(plainly_english(p.read_text(encoding="utf-8")) for p in english)
    others = [p for p in sorted(NTREX.rglob("*.txt")) if p.parent.name != "eng"]
    others += sorted((shared / "eval" / "documents" / "tr_politik_akademi").rglob("*.md"))
    assert len(others) > 150
    for path in others:
        text = path.read_text(encoding="utf-8")
        assert share(text) < ENGLISH_SHARE / 3, path  # far from the threshold, not just under it
        assert detect(text).code != "en"


def test_english_is_found_without_loading_the_model() -> None:
    import subprocess
    import sys

    code = ("from briefing.analysis import language as L\n"
            "text = 'The minister said that the agreement on the new pipeline was signed in Baku, and that "
            "it would be built by the end of the year with the support of the bank. ' * 4\n"
            "found = L.detect(text)\n"
            "assert found.code == 'en' and found.supported, found\n"
            "assert L._identifier.cache_info().currsize == 0, 'the model was loaded'\n"
            "assert L.detect('Nazir bildirib ki, yeni boru kəməri üzrə saziş Bakıda imzalanıb və "
            "bankın dəstəyi ilə ilin sonuna qədər tikiləcək. ' * 3).code == 'az'\n")
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, timeout=120)
