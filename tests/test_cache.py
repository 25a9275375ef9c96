"""briefing's cache folder: compiled templates, font coverage, layout offers, ISO codes.

The cache only makes a fresh process faster: an edited template or font file
is never served stale, a damaged entry is ignored, and a folder that cannot
be written changes nothing but the time.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import warnings
from pathlib import Path

import pytest

from briefing import cache
from tests.conftest import BRIEF_DATE, SAMPLE

FORBIDDEN = "/proc/forbidden"  # cannot be created, even by root


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv(cache.CACHE_ENV, str(folder))
    return folder


# ---------------------------------------------------------------- the folder


def test_entries_round_trip_in_the_named_folder(cache_dir: Path) -> None:
    assert cache.write("fonts", "a.json", b'{"x": 1}')
    assert cache.read("fonts", "a.json") == b'{"x": 1}'
    assert [p.name for p in (cache_dir / "fonts").iterdir()] == ["a.json"]  # no temporary file left
    assert cache.read("fonts", "absent.json") is None


def test_a_damaged_entry_is_ignored(cache_dir: Path) -> None:
    cache.write("fonts", "a.json", b'{"x": 1}')
    entry = cache_dir / "fonts" / "a.json"
    entry.write_bytes(entry.read_bytes().replace(b'"x"', b'"y"'))
    assert cache.read("fonts", "a.json") is None
    entry.write_bytes(b"junk")
    assert cache.read("fonts", "a.json") is None


def test_an_unusable_folder_is_silently_no_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(cache.CACHE_ENV, FORBIDDEN)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert cache.folder("fonts") is None
        assert cache.write("fonts", "a.json", b"{}") is False
        assert cache.read("fonts", "a.json") is None


def test_a_folder_others_can_write_to_is_not_used(cache_dir: Path) -> None:
    (cache_dir / "templates").mkdir(parents=True)
    (cache_dir / "templates").chmod(0o777)
    assert cache.folder("templates") is None
    assert cache.write("templates", "a.bytecode", b"code") is False
    assert cache.folder("fonts") == cache_dir / "fonts"


def test_the_default_folder_is_the_user_cache_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    import platformdirs

    monkeypatch.delenv(cache.CACHE_ENV, raising=False)
    assert cache.base_folder() == Path(platformdirs.user_cache_dir("briefing"))


# ---------------------------------------------------------------- templates


def _render(folder: Path) -> str:
    from briefing.writers.templating import environment, render_template

    environment.cache_clear()  # as a new process would start
    return render_template(folder, {"brief": None}, main="brief.rml.j2")


def test_compiled_templates_are_reused_and_an_edit_recompiles(cache_dir: Path, tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    import jinja2

    folder = tmp_path / "template"
    folder.mkdir()
    main = folder / "brief.rml.j2"
    main.write_text("<document>first</document>\n", encoding="utf-8")
    compiled: list[str | None] = []
    real = jinja2.Environment.compile

    def spy(self, source, name=None, filename=None, *args, **kwargs):  # noqa: ANN001, ANN202 - Jinja's signature
        compiled.append(name)
        return real(self, source, name, filename, *args, **kwargs)

    monkeypatch.setattr(jinja2.Environment, "compile", spy)
    assert _render(folder) == "<document>first</document>\n"
    assert compiled == ["brief.rml.j2"] and list((cache_dir / "templates").iterdir())
    assert _render(folder) == "<document>first</document>\n"
    assert compiled == ["brief.rml.j2"]  # the second "process" loaded the compiled code
    main.write_text("<document>second</document>\n", encoding="utf-8")
    assert _render(folder) == "<document>second</document>\n"
    assert compiled == ["brief.rml.j2", "brief.rml.j2"]


def test_templates_compile_without_a_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(cache.CACHE_ENV, FORBIDDEN)
    folder = tmp_path / "template"
    folder.mkdir()
    (folder / "brief.rml.j2").write_text("<document>{{ 1 + 1 }}</document>", encoding="utf-8")
    assert _render(folder) == "<document>2</document>"


# ---------------------------------------------------------------- fonts


def _parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    from reportlab.pdfbase import ttfonts

    parsed: list[str] = []
    real = ttfonts.TTFontFace.__init__

    def spy(self, filename, *args, **kwargs):  # noqa: ANN001, ANN202 - ReportLab's signature
        parsed.append(Path(str(filename)).name)
        real(self, filename, *args, **kwargs)

    monkeypatch.setattr(ttfonts.TTFontFace, "__init__", spy)
    return parsed


def test_a_font_file_is_parsed_once_for_metrics_coverage_and_every_name(tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    from reportlab import rl_config
    from reportlab.pdfbase import pdfmetrics

    from briefing.resources import font_path
    from briefing.typography import fontcache

    monkeypatch.setattr(fontcache, "_FACES", {})  # the process's own faces stay as they are
    monkeypatch.setattr(fontcache, "_FILES", {})
    path = str(shutil.copy(font_path("NotoSansHebrew-Regular.ttf"), tmp_path / "Hebrew.ttf"))
    parsed = _parses(monkeypatch)
    try:
        assert fontcache.parsed(path) is fontcache.parsed(path)
        assert fontcache.register("BriefingTest-Hebrew", path)
        assert fontcache.register("BriefingTest-Hebrew-2", path)
        assert ord("א") in fontcache.coverage(path)
        assert parsed == ["Hebrew.ttf"]
        one = fontcache._FACES["BriefingTest-Hebrew"][1]
        two = fontcache._FACES["BriefingTest-Hebrew-2"][1]
        assert pdfmetrics.getFont("BriefingTest-Hebrew") is one
        assert (one.fontName, two.fontName) == ("BriefingTest-Hebrew", "BriefingTest-Hebrew-2")
        assert one.face is two.face is fontcache.parsed(path).face
        assert two.stringWidth("שלום", 10) == fontcache.parsed(path).stringWidth("שלום", 10)
    finally:
        monkeypatch.undo()
        rl_config._reset()  # ReportLab's registry without the test's faces


def test_coverage_comes_from_the_cache_and_follows_the_file(cache_dir: Path, tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    from briefing.resources import font_path
    from briefing.typography import fontcache

    path = str(shutil.copy(font_path("NotoSansArmenian-Regular.ttf"), tmp_path / "Armenian.ttf"))
    codes = fontcache.coverage(path)
    assert ord("Ա") in codes and len(list((cache_dir / "fonts").iterdir())) == 1
    monkeypatch.setattr(fontcache, "_FILES", {})  # as a new process would start
    parsed = _parses(monkeypatch)
    assert fontcache.coverage(path) == codes
    assert parsed == []  # read from the cache folder, not parsed
    shutil.copy(font_path("NotoSansGeorgian-Regular.ttf"), path)  # another font under the same name
    assert ord("ა") in fontcache.coverage(path) and ord("Ա") not in fontcache.coverage(path)
    assert parsed == ["Armenian.ttf"]


def test_coverage_without_a_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from briefing.resources import font_path
    from briefing.typography import fontcache

    monkeypatch.setenv(cache.CACHE_ENV, FORBIDDEN)
    path = str(shutil.copy(font_path("NotoSansHebrew-Bold.ttf"), tmp_path / "HebrewBold.ttf"))
    assert ord("א") in fontcache.coverage(path)


# ---------------------------------------------------------------- layout offers


def test_a_new_process_is_offered_what_the_last_one_laid_out(cache_dir: Path) -> None:
    from briefing.writers.pdf import onepass

    calls: list[dict[str, str]] = []

    def run(names: onepass.Names) -> bytes:
        calls.append(dict(names))
        names["page-count"] = "4"
        return b"pdf"

    onepass._REMEMBERED.pop("t-disk", None)
    onepass.lay_out(run, "t-disk", 1000)
    onepass._REMEMBERED.pop("t-disk")  # as a new process would start
    onepass.lay_out(run, "t-disk", 1020)
    assert calls == [{}, {"page-count": "4"}]


def test_no_offer_without_a_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    from briefing.writers.pdf import onepass

    monkeypatch.setenv(cache.CACHE_ENV, FORBIDDEN)
    onepass._REMEMBERED.pop("t-nodisk", None)
    assert onepass.lay_out(lambda names: b"pdf", "t-nodisk", 1000) == b"pdf"
    onepass._REMEMBERED.pop("t-nodisk")
    assert onepass._remembered("t-nodisk") == {}


# ---------------------------------------------------------------- data


def test_the_gazetteer_regex_is_the_same_from_the_cache(cache_dir: Path) -> None:
    from briefing.analysis import gazetteer

    built = r"(?<!\w)(?:" + gazetteer._trie_regex(sorted(gazetteer.gazetteer())) + r")(?!\w)"
    gazetteer.gazetteer_regex.cache_clear()
    assert gazetteer.gazetteer_regex().pattern == built  # built, and written
    assert len(list((cache_dir / "data").iterdir())) == 1
    gazetteer.gazetteer_regex.cache_clear()
    assert gazetteer.gazetteer_regex().pattern == built  # read back


# ---------------------------------------------------------------- ISO codes


def test_iso_codes_are_what_pycountry_says() -> None:
    """Every two- and three-letter code: the cached set agrees with pycountry's own lookups."""
    import itertools
    import string

    import pycountry

    from briefing.readers.chrome import _is_code

    def by_pycountry(code: str) -> bool:
        if len(code) == 2:
            return bool(pycountry.languages.get(alpha_2=code.lower()) or pycountry.countries.get(alpha_2=code))
        language = pycountry.languages.get(alpha_3=code.lower())
        return bool(pycountry.countries.get(alpha_3=code) or (language is not None and hasattr(language, "alpha_2")))

    codes = ["".join(c) for n in (2, 3) for c in itertools.product(string.ascii_uppercase, repeat=n)]
    assert [c for c in codes if _is_code(c) != by_pycountry(c)] == []
    assert _is_code("AZ") and _is_code("AZE") and _is_code("EN") and not _is_code("QQ")


# ---------------------------------------------------------------- fresh processes


def _render_process(tmp_path: Path, name: str, cache_folder: str, *args: str) -> bytes:
    out = tmp_path / name
    env = {**os.environ, cache.CACHE_ENV: cache_folder, "SOURCE_DATE_EPOCH": "1764201600"}
    subprocess.run([sys.executable, "-m", "briefing", "render", str(SAMPLE), "-o", str(out), "--date", BRIEF_DATE,
                    *args], env=env, check=True, capture_output=True, timeout=120)
    return out.read_bytes()


def test_the_bytes_are_the_same_with_a_cold_a_warm_and_no_cache(tmp_path: Path) -> None:
    folder = str(tmp_path / "cache")
    cold = _render_process(tmp_path, "cold.pdf", folder)
    assert sorted(p.name for p in Path(folder).iterdir()) == ["data", "fonts", "layout", "templates"]
    assert _render_process(tmp_path, "warm.pdf", folder) == cold
    assert _render_process(tmp_path, "none.pdf", FORBIDDEN) == cold


def test_pikepdf_is_loaded_only_when_a_document_uses_it() -> None:
    code = (
        "import sys\n"
        "from briefing.compat import rml_document\n"
        "rml_document()\n"
        "from z3c.rml import page, pdfinclude\n"
        "assert type(sys.modules['pikepdf']).__name__ == '_LazyModule', type(sys.modules['pikepdf'])\n"
        "assert vars(page)['pikepdf'] is vars(pdfinclude)['pikepdf'] is sys.modules['pikepdf']\n"
        "assert callable(page.pikepdf.open) and type(sys.modules['pikepdf']).__name__ == 'module'\n"
        "assert hasattr(page.pikepdf, 'Pdf')\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, timeout=120)
