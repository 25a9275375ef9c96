"""Reader registry, read_path errors, decoding, and the plain-text reader."""

from __future__ import annotations

import hashlib
import io
import random
import re
import sys
from pathlib import Path

import pytest

from briefing.errors import InputError, UnsupportedFormat
from briefing.model import Block
from briefing.pipeline import read_path
from briefing.readers import READERS, get_reader, number_blocks
from briefing.readers.markdown import MarkdownReader
from briefing.readers.text import TextReader, decode, split_title, title_from_text
from tests.conftest import SAMPLE

RUSSIAN = (
    "Переговоры в Вашингтоне\n\n"
    "Министр иностранных дел заявил, что переговоры о мирном договоре продолжатся "
    "на следующей неделе. Стороны обсудили вопросы транспорта и энергетики.\n\n"
    "По словам дипломатов, соглашение может быть подписано до конца года.\n"
)
FRENCH = (
    "L’économie française en 2025\n\n"
    "Le président a déclaré que l’économie « reste solide » malgré les difficultés "
    "— les élèves étaient très nombreux à manifester.\n\n"
    "Les prévisions de croissance ont été révisées à la baisse.\n"
)
TURKISH = (
    "Enerji güvenliği ve Hazar havzası\n\n"
    "Türkiye, doğal gaz ithalatını çeşitlendirmek için yeni boru hatlarına yatırım "
    "yapıyor. Bakanlık, kış aylarında arz güvenliğinin sağlanacağını açıkladı.\n\n"
    "Uzmanlar, bölgesel iş birliğinin önemine dikkat çekiyor.\n"
)


@pytest.fixture
def sample() -> Path:
    return SAMPLE


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


# --------------------------------------------------------------------------
# Registry
# --------------------------------------------------------------------------


def test_registry_picks_reader_by_extension() -> None:
    assert isinstance(get_reader("a.txt"), TextReader)
    assert isinstance(get_reader("dir/Report.MD"), MarkdownReader)
    assert isinstance(get_reader("notes.markdown"), MarkdownReader)
    assert isinstance(get_reader("-"), TextReader)
    assert {"txt", "md"} <= set(READERS)


@pytest.mark.parametrize("name", ["report.xyz", "archive.tar.gz", "README"])
def test_unknown_extension_is_unsupported_with_one_line_message(name: str) -> None:
    with pytest.raises(UnsupportedFormat) as info:
        get_reader(name)
    message = str(info.value)
    assert "\n" not in message and name in message
    assert ".txt" in message and ".md" in message


def test_read_path_refuses_unknown_extension_before_reading(tmp_path: Path) -> None:
    path = write(tmp_path, "x.odt", b"hello")
    with pytest.raises(UnsupportedFormat):
        read_path(path)


# --------------------------------------------------------------------------
# read_path errors
# --------------------------------------------------------------------------


def test_missing_file(tmp_path: Path) -> None:
    missing = tmp_path / "nope.txt"
    with pytest.raises(InputError, match="no such file") as info:
        read_path(missing)
    assert str(missing) in str(info.value)


def test_directory(tmp_path: Path) -> None:
    folder = tmp_path / "folder.txt"
    folder.mkdir()
    with pytest.raises(InputError, match="directory"):
        read_path(folder)


@pytest.mark.parametrize("data", [b"", b"  \n\n\t \r\n"])
def test_empty_file(tmp_path: Path, data: bytes) -> None:
    path = write(tmp_path, "empty.txt", data)
    with pytest.raises(InputError, match="empty") as info:
        read_path(path)
    assert "empty.txt" in str(info.value)


def test_binary_garbage_with_nul_bytes(tmp_path: Path) -> None:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8
    with pytest.raises(InputError, match="binary"):
        read_path(write(tmp_path, "image.txt", png))


def test_binary_garbage_without_nul_bytes(tmp_path: Path) -> None:
    noise = random.Random(7).randbytes(4096).replace(b"\x00", b"\x01")
    with pytest.raises(InputError, match="binary"):
        read_path(write(tmp_path, "noise.txt", noise))


def test_size_limit(tmp_path: Path) -> None:
    path = write(tmp_path, "big.txt", b"Word. " * 100)
    with pytest.raises(InputError, match="too large"):
        read_path(path, max_bytes=100)
    assert read_path(path, max_bytes=1000).word_count == 100


def test_permission_denied(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, "secret.txt", b"Text.")

    def refuse(self: Path, *args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "open", refuse)  # root ignores chmod 000
    with pytest.raises(InputError, match="permission denied") as info:
        read_path(path)
    assert "secret.txt" in str(info.value)


def test_stdin_is_read_as_text(monkeypatch: pytest.MonkeyPatch) -> None:
    data = "Title of the note\n\nA first paragraph with a sentence. And another one.\n"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data.encode())))
    doc = read_path("-")
    assert doc.path == "-"
    assert doc.title == "Title of the note"
    assert doc.sha256 == hashlib.sha256(data.encode()).hexdigest()


def test_path_as_given_and_hash_of_raw_bytes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = "\ufeffA title\r\n\r\nBody text here. Second sentence.\r\n".encode()
    write(tmp_path, "note.txt", data)
    monkeypatch.chdir(tmp_path)
    doc = read_path("note.txt")
    assert doc.path == "note.txt"
    assert doc.sha256 == hashlib.sha256(data).hexdigest()
    assert [s.text for s in doc.blocks[0].sentences] == ["Body text here.", "Second sentence."]


def test_number_blocks_skips_headings() -> None:
    blocks = [Block("heading", "H", 1), Block("paragraph", "a"), Block("list_item", "b"),
              Block("heading", "I", 1), Block("table", "c")]
    number_blocks(blocks)
    assert [b.number for b in blocks] == [None, 1, 2, None, 3]


# --------------------------------------------------------------------------
# Decoding
# --------------------------------------------------------------------------


@pytest.mark.parametrize(("data", "encoding"), [
    ("\ufeff" + FRENCH, "utf-8-sig"),
    ("\ufeff" + FRENCH, "utf-16-le"),
    ("\ufeff" + FRENCH, "utf-16-be"),
    (FRENCH, "utf-8"),
])
def test_unicode_encodings_decode_silently(tmp_path: Path, data: str, encoding: str) -> None:
    raw = data.encode(encoding.replace("-sig", ""))
    doc = read_path(write(tmp_path, "fr.txt", raw))
    assert doc.warnings == []
    assert doc.encoding == encoding
    assert doc.title == "L’économie française en 2025"
    assert "« reste solide »" in doc.blocks[0].text and "—" in doc.blocks[0].text


@pytest.mark.parametrize(("text", "codec", "label"), [
    (RUSSIAN, "cp1251", "windows-1251"),
    (FRENCH, "cp1252", "windows-1252"),
    (TURKISH, "cp1254", "windows-1254"),
    (RUSSIAN, "koi8_r", "koi8-r"),
])
def test_legacy_encodings_are_guessed_and_reported(
        tmp_path: Path, text: str, codec: str, label: str) -> None:
    doc = read_path(write(tmp_path, "legacy.txt", text.encode(codec)))
    assert doc.warnings == [f"decoded as {label} (not UTF-8)"]
    assert doc.encoding == codec
    assert doc.title == text.split("\n")[0]
    assert " ".join(b.text for b in doc.blocks) == " ".join(
        p.replace("\n", " ").strip() for p in text.split("\n\n")[1:])


def test_latin1_text_decodes_with_warning(tmp_path: Path) -> None:
    doc = read_path(write(tmp_path, "l1.txt", "Café société\n\nÀ Genève, l'été fut chaud.\n".encode("latin-1")))
    assert doc.title == "Café société"
    assert doc.warnings and doc.warnings[0].startswith("decoded as windows-1252")


def test_utf8_with_a_stray_byte_stays_utf8(tmp_path: Path) -> None:
    raw = FRENCH.encode("utf-8").replace(b"2025", b"2025\xa0")  # one cp1252 byte
    doc = read_path(write(tmp_path, "mixed.txt", raw))
    assert doc.encoding == "utf-8"
    assert doc.warnings == ["1 invalid UTF-8 bytes replaced"]
    assert "« reste solide »" in doc.blocks[0].text


def test_decode_normalises_to_nfc_and_line_endings() -> None:
    text, _, _ = decode("Cafe\u0301\r\nline\rend".encode())
    from briefing.readers.text import normalise
    assert normalise(text) == "Café\nline\nend"


# --------------------------------------------------------------------------
# Structure of plain text
# --------------------------------------------------------------------------


def test_sample_structure(sample: Path) -> None:
    doc = read_path(sample)
    assert doc.title == "The Middle Corridor’s second act"
    assert doc.subtitle == "Why the Caspian route now needs ports, not promises"
    assert doc.label == "ANALYSIS"
    assert [h.text for h in doc.headings] == [
        "Why the route matters again",
        "Bottlenecks on water and rail",
        "Money, rules and the European offer",
        "Beijing, Moscow and the balance of risk",
        "What to watch before 2030",
    ]
    paragraphs = doc.paragraphs
    assert paragraphs[0].text.startswith("Three years after the war in Ukraine")
    assert paragraphs[-1].text.startswith("Caspian Review’s conclusion is")
    assert len(paragraphs) == 17  # 2 before the first heading, then 3, 3, 4, 2 and 3
    assert [p.number for p in paragraphs] == list(range(1, len(paragraphs) + 1))
    assert all(h.number is None and h.level == 1 for h in doc.headings)
    assert all(p.sentences for p in paragraphs)
    assert doc.blocks[0].kind == "paragraph" and doc.blocks[-1].kind == "paragraph"
    body = "\n".join(b.text for b in doc.blocks)
    assert "’" in body and "—" in body  # curly quotes and dashes kept
    assert doc.encoding == "utf-8" and doc.warnings == []


def test_one_paragraph_per_line_without_blank_lines(tmp_path: Path) -> None:
    text = (
        "Ministers agree on grid link\n"
        "The energy ministers of three countries agreed on Monday to build a new power line.\n"
        "The line will carry electricity generated from wind farms across the sea.\n"
        "Financing will come from the European Union and a regional bank.\n"
    )
    doc = read_path(write(tmp_path, "lines.txt", text.encode()))
    assert doc.title == "Ministers agree on grid link"
    assert [b.text[:14] for b in doc.blocks] == ["The energy min", "The line will ", "Financing will"]
    assert [b.number for b in doc.blocks] == [1, 2, 3]


def test_hard_wrapped_paragraphs_are_joined(tmp_path: Path) -> None:
    text = (
        "Report on the talks\n\n"
        "The delegations met in Geneva for three days of talks that\n"
        "covered transport, energy and the exchange of prisoners, and\n"
        "agreed to meet again next month.\n\n"
        "Background\n\n"
        "The previous round of negotiations ended without a joint\n"
        "statement after a dispute over the agenda.\n"
    )
    doc = read_path(write(tmp_path, "wrapped.txt", text.encode()))
    assert [b.kind for b in doc.blocks] == ["paragraph", "heading", "paragraph"]
    assert doc.blocks[0].text.endswith("prisoners, and agreed to meet again next month.")


def test_lists_and_headings(tmp_path: Path) -> None:
    text = (
        "Outlook for the region\n\n"
        "1. Energy\n\n"
        "Gas exports are expected to rise as new capacity comes online next year.\n\n"
        "- first point to watch\n- second point to watch\n\n"
        "He said no.\n\n"
        "The talks will resume in spring, officials said on Friday.\n"
    )
    doc = read_path(write(tmp_path, "list.txt", text.encode()))
    kinds = [(b.kind, b.text) for b in doc.blocks]
    assert kinds[0] == ("heading", "1. Energy")
    assert ("list_item", "first point to watch") in kinds
    assert ("paragraph", "He said no.") in kinds  # a sentence is not a heading


def test_title_falls_back_to_first_sentence(tmp_path: Path) -> None:
    text = ("The foreign ministers of Armenia and Azerbaijan met in Abu Dhabi on Tuesday to "
            "discuss the final text of a peace agreement. They agreed to meet again.\n")
    doc = read_path(write(tmp_path, "body.txt", text.encode()))
    assert doc.title == "The foreign ministers of Armenia and Azerbaijan met in Abu Dhabi…"
    assert doc.blocks[0].text == text.strip()  # the body keeps its first sentence


@pytest.mark.parametrize(("line", "expected"), [
    ("Why Baku matters: A view from Washington on energy-OPINION",
     ("Why Baku matters", "A view from Washington on energy", "OPINION")),
    ("The minister speaks about the new gas deal — INTERVIEW",
     ("The minister speaks about the new gas deal", None, "INTERVIEW")),
    ("Переговоры в Вашингтоне - АНАЛИЗ", ("Переговоры в Вашингтоне", None, "АНАЛИЗ")),
    ("Ermenistan: Tarih, Karabağ Meselesi ve Diaspora İlişkileri",
     ("Ermenistan: Tarih, Karabağ Meselesi ve Diaspora İlişkileri", None, None)),
    ("Baku-Tbilisi-Kars railway opens", ("Baku-Tbilisi-Kars railway opens", None, None)),
])
def test_split_title(line: str, expected: tuple[str, str | None, str | None]) -> None:
    assert split_title(line) == expected


def test_title_from_text_is_never_empty() -> None:
    assert title_from_text("   ") == "Untitled document"
    assert title_from_text("Short one. Then more.") == "Short one"


def test_document_of_chrome_only_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no text"):
        read_path(write(tmp_path, "chrome.txt", b"AZ\n\n87\n50\napa.az\n"))


def test_every_line_of_body_is_kept(sample: Path) -> None:
    """Nothing but chrome, title and blank lines is dropped from the sample."""
    doc = read_path(sample)
    lines = [x.strip() for x in sample.read_text(encoding="utf-8").splitlines() if x.strip()]
    kept = {b.text for b in doc.blocks} | set(doc.chrome)
    dropped = [x for x in lines if x not in kept]
    assert len(dropped) == 1 and re.search(r"-ANALYSIS$", dropped[0])


def test_damaged_utf8_in_english_text_stays_utf8() -> None:
    # Curly quotes and dashes are the only non-ASCII characters of most
    # English text: a few damaged ones must not flip the file to windows-1252.
    text = ("Baku–Washington talks: “progress” — officials said. " * 20).encode()
    damaged = text.replace("–".encode(), b"\xe2\x80", 5)
    decoded, encoding, warning = decode(damaged)
    assert encoding == "utf-8" and warning and "replaced" in warning
    assert "Baku–Washington" in decoded and "â€" not in decoded


def test_control_characters_are_dropped(tmp_path: Path) -> None:
    path = tmp_path / "ctl.txt"
    filler = "Plain sentences make up most of a scraped page. " * 10
    path.write_text("Title\x07 line\n\nA sentence\x00 with \x1b[31mcontrol\ufffe characters.\tTab stays. "
                    + filler + "\n", encoding="utf-8")
    doc = read_path(path)
    body = doc.paragraphs[0].text
    assert body.startswith("A sentence with [31mcontrol characters.\tTab stays. Plain")
    assert doc.title == "Title line"
