"""Sentence splitting: English as pysbd, Turkish, Azerbaijani, Russian, others."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.analysis.sentences import _LONG_BLOCK, has_rules, split
from briefing.model import Block, Document
from tests.conftest import FIXTURES, SAMPLE


def texts(text: str, language: str) -> list[str]:
    sentences = split(text, language)
    for s in sentences:  # offsets always point at the sentence
        assert text[s.start:s.end] == s.text
    return [s.text for s in sentences]


CASES = {
    "en": [
        "Dr. Smith met Prof. Jones in Washington on 15.07.2016.",
        "Growth was 3.5 percent, the U.S. said in a statement.",
        "\"We need a deal. We want to continue,\" he said.",
        "The vote is on Jan. 5 at 10 a.m. in the Senate.",
        "Is it over?",
    ],
    "tr": [
        "Prof. Dr. Ahmet Yılmaz 15. yüzyıl hakkında konuştu.",
        "II. Dünya Savaşı ve 2. Dünya Savaşı aynı savaştır.",
        "Toplantı 15.07.2016 tarihinde yapıldı.",
        "Enflasyon %3.5 oldu, vb. gelişmeler örn. piyasayı etkiledi.",
        "Doç. Dr. Şahin, Av. Çelik ve Sn. Öztürk s. 45'te alıntılandı.",
        "Bakan, \"Anlaşma yapmamız gerekiyor. Bekliyoruz.\" dedi.",
        "Şirketin adı X A.Ş. olarak geçiyor.",
        "Ülke 50. yıl dönümünü kutladı!",
    ],
    "az": [
        "Akad. Ə. Əliyev 20. əsrdə yaşayıb.",
        "Neft, qaz və s. məhsullar ixrac edilir.",
        "Prezident İlham Əliyev 15.07.2016 tarixində ABŞ-a səfər edib.",
        "Qiymət 3.5 manat oldu.",
        "“Biz razılaşma əldə etməliyik.” Şəhərdə yığıncaq keçirilib.",
    ],
    "ru": [
        "В 2016 г. президент подписал указ.",
        "Т.е. это важно для проф. Иванова.",
        "Рост составил 3.5 процента 15.07.2016.",
        "Он сказал: «Мы готовы. Мы ждём».",
        "Цена 3.5 руб. за штуку.",
    ],
}


@pytest.mark.parametrize("language", sorted(CASES))
def test_inline_sentences(language: str) -> None:
    expected = CASES[language]
    if language == "az":  # the quotation and the next sentence are two
        expected = expected[:4] + ["“Biz razılaşma əldə etməliyik.”", "Şəhərdə yığıncaq keçirilib."]
    assert texts(" ".join(CASES[language]), language) == expected


def test_ukrainian_uses_russian_rules_with_its_abbreviations() -> None:
    text = "Потім проф. Іваненко виступив на вул. Хрещатик. Ціна 100 грн. Він пішов."
    assert texts(text, "uk") == ["Потім проф. Іваненко виступив на вул. Хрещатик.",
                                 "Ціна 100 грн.", "Він пішов."]


def test_turkish_closing_quote_stays_with_its_sentence() -> None:
    text = 'O, "Bir plan ortaya koymamız gerekiyor." Sonra ayrıldı.'
    assert texts(text, "tr") == ['O, "Bir plan ortaya koymamız gerekiyor."', "Sonra ayrıldı."]


def test_unmatched_quote_does_not_swallow_sentences() -> None:
    text = ('"Mənim fikrimcə, istehsal dayanacaq,” müdir belə qeyd edib. '
            'Digər istehsalçılar da qorxurlar. BMW zavodu bağlayacaq. '
            'Onlar "düz vaxtında" işləyir.')
    assert len(texts(text, "az")) == 4


def test_generic_rules_for_languages_without_their_own() -> None:
    georgian = ("მინისტრმა სამშაბათს განაცხადა, რომ მოლაპარაკებები გაგრძელდება. "
                "„ჩვენ მზად ვართ.“ მხარეებმა ენერგეტიკის საკითხები განიხილეს.")
    assert len(texts(georgian, "ka")) == 3
    arabic = "قال الوزير إن المحادثات ستستمر، وأضاف أن الاتفاق ممكن. هل سينجح ذلك؟ نعم."
    assert texts(arabic, "ar") == ["قال الوزير إن المحادثات ستستمر، وأضاف أن الاتفاق ممكن.",
                                   "هل سينجح ذلك؟", "نعم."]
    assert len(texts("Армян тілі. Қазақ тілі. Бұл жақсы.", "kk")) == 3
    assert texts("Один. Два.", "xx") == ["Один.", "Два."]


def test_has_rules() -> None:
    for code in ("en", "tr", "az", "ru", "uk", "kk", "hy", "fr"):
        assert has_rules(code), code
    for code in ("ka", "ar", "fa", "xx", None):
        assert not has_rules(code), code


def test_plain_paragraph_and_whitespace() -> None:
    assert split("   ") == []
    [only] = split("  One sentence without a stop  ")
    assert (only.text, only.start) == ("One sentence without a stop", 2)


def test_english_is_exactly_pysbd() -> None:
    import pysbd

    segmenter = pysbd.Segmenter(language="en", clean=False)
    for paragraph in SAMPLE.read_text(encoding="utf-8").split("\n"):
        if paragraph.strip():
            expected = [p.strip() for p in segmenter.segment(paragraph) if p.strip()]
            assert texts(paragraph, "en") == expected


def test_long_block_is_split_in_chunks_with_right_offsets() -> None:
    sentence = "The committee approved the bill (H.R. 1234) on Jan. 5, 2024, said Dr. Lee. "
    text = sentence * (2 * _LONG_BLOCK // len(sentence))
    result = texts(text, "en")
    assert len(result) == text.count("Lee.")
    assert set(result) == {sentence.strip()}


def test_segment_document_fills_non_heading_blocks() -> None:
    from briefing.analysis.sentences import segment_document

    doc = Document(title="T", language="tr", blocks=[
        Block(kind="heading", text="19. Yüzyıl. Giriş"),
        Block(kind="paragraph", text="Osmanlı 19. yüzyılda zayıfladı. Reformlar yapıldı."),
    ])
    segment_document(doc)
    assert doc.blocks[0].sentences == []
    assert [s.text for s in doc.blocks[1].sentences] == [
        "Osmanlı 19. yüzyılda zayıfladı.", "Reformlar yapıldı."]


# --------------------------------------------------------------------------
# NTREX: the same 19 articles translated; sentence counts should be close
# --------------------------------------------------------------------------

NTREX = FIXTURES / "ntrex"
NTREX_LANGUAGES = {"aze-Latn": "az", "tur": "tr", "rus": "ru", "ukr": "uk", "kat": "ka",
                   "hye": "hy", "kaz": "kk", "fas": "fa", "arb": "ar"}


def ntrex_sentences(folder: str, language: str) -> int:
    files = sorted((NTREX / folder).glob("*.txt"))
    assert files, f"{NTREX / folder} holds no article"
    total = 0
    for path in files:  # each article as one paragraph: the hardest case
        lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]
        total += len(split(" ".join(line for line in lines[1:] if line), language))
    return total


@pytest.mark.parametrize("folder", sorted(NTREX_LANGUAGES))
def test_ntrex_sentence_counts_match_english(folder: str) -> None:
    english = ntrex_sentences("eng", "en")
    found = ntrex_sentences(folder, NTREX_LANGUAGES[folder])
    assert abs(found - english) <= 0.15 * english, (folder, found, english)


# --------------------------------------------------------------------------
# Run-on "sentences": quotations over several paragraphs, apostrophes
# --------------------------------------------------------------------------

RUN_ON = (
    "Lindsay Pennell, prosecuting, said: ‘Mr Smith’s driving resulted in the tragic death of a young woman, "
    "a death that could have been avoided. ‘Mr Smith took the decision to pick up his mobile phone whilst driving "
    "and was so distracted that he failed to negotiate a left-hand bend on the road near the U.S. Navy base. "
    "Miss Jones was pulled from the wreckage of her car but died later from her injuries in hospital . "
    "‘Miss Jones had a bright future ahead of her. She was also returning home having spent an enjoyable "
    "evening with friends and was driving responsibly.’"
)


def test_a_quotation_over_several_paragraphs_is_cut_into_its_sentences() -> None:
    found = texts(RUN_ON, "en")
    assert found == [
        "Lindsay Pennell, prosecuting, said: ‘Mr Smith’s driving resulted in the tragic death of a young woman, "
        "a death that could have been avoided.",
        "‘Mr Smith took the decision to pick up his mobile phone whilst driving and was so distracted that he "
        "failed to negotiate a left-hand bend on the road near the U.S. Navy base.",
        "Miss Jones was pulled from the wreckage of her car but died later from her injuries in hospital .",
        "‘Miss Jones had a bright future ahead of her.",
        "She was also returning home having spent an enjoyable evening with friends and was driving responsibly.’",
    ]


def test_apostrophes_do_not_make_a_quotation() -> None:
    text = ("At first glance, it doesn't look like much. Hidden behind an unmarked door, in a nondescript "
            "government office building in the capital, it could be mistaken for a high school science classroom "
            "with work benches and the odd microscope sitting in the corner. But what happens in this room is "
            "anything but amateur. We're inside the accident investigation lab, where the black boxes could be "
            "brought if and when they're recovered from the bottom of the ocean.")
    found = texts(text, "en")
    assert len(found) == 4 and found[0] == "At first glance, it doesn't look like much."
    assert all(len(s.split()) <= 40 for s in found)


def test_a_long_sentence_without_a_plain_end_inside_stays_whole() -> None:
    long = ("The agreement, which covers " + ", ".join(f"item {i}" for i in range(40))
            + " and the Mr. Smith clause, was signed by the U.S. and Azerbaijan.")
    assert texts(long, "en") == [long]


ABBREVIATED = (
    "Gen. Smith met Sen. Jones and Mr. Brown at 9 a.m. on Jan. 5 in Washington, D.C. near the U.S. Capitol. "
    "See Fig. 3 and No. 12 of the Dept. of State's Vol. 2, pp. 14-16, etc. The Co. said Inc. filings were due. "
    "Prof. Lee also spoke. St. Louis, Mo. and Ft. Worth, Tex. were named, i.e. two cities, e.g. for trials. "
    "He arrived at approx. 3 p.m. It was also noted that art. 7 applies."
)


def test_english_abbreviation_pass_gives_pysbd_s_own_result(shared: Path) -> None:
    """Only the abbreviations a paragraph holds are given to pysbd: the same sentences as with the whole list, faster.

    The whole list is pysbd's English abbreviations and the legal ones (``LEGAL_ABBREVIATIONS``).
    """
    from pysbd.processor import Processor

    from briefing.analysis import sentences

    everything = sentences._english_with(frozenset(sentences._english_abbreviations()))
    paragraphs = [ABBREVIATED]
    folders = [shared / "eval" / "summaries" / "cnndm_dev" / "article", shared / "eval" / "documents" / "crs" / "md"]
    for path in [p for folder in folders for p in sorted(folder.rglob("*"))[:12] if p.is_file()]:
        paragraphs += [p for p in path.read_text(encoding="utf-8").split("\n") if p.strip()]
    assert len(paragraphs) > 300
    for paragraph in paragraphs:
        segmenter = sentences._segmenter("en")
        whole = Processor(paragraph, everything, char_span=segmenter.char_span).process()
        assert sentences._processor(segmenter, paragraph).process() == whole


@pytest.mark.parametrize("text, expected", [
    ("See Pub. L. No. 111-353 for details. It was law.", ["See Pub. L. No. 111-353 for details.", "It was law."]),
    ("It is in 114 Stat. 1654 as enacted. It passed.", ["It is in 114 Stat. 1654 as enacted.", "It passed."]),
    ("The committee reported it (S.Rept. 115-12) in May. It passed.",
     ["The committee reported it (S.Rept. 115-12) in May.", "It passed."]),
    ("Under 19 U.S.C. §1862 the President may act. Congress disagreed.",
     ["Under 19 U.S.C. §1862 the President may act.", "Congress disagreed."]),
    ("The bar was at the pub. Then he left.", ["The bar was at the pub.", "Then he left."]),
])
def test_no_sentence_is_cut_inside_a_legal_citation(text: str, expected: list[str]) -> None:
    assert [s.text for s in split(text)] == expected
