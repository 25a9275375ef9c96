"""One layout pass instead of two when the page count can be offered up front."""

from __future__ import annotations

import io
import re

from pypdf import PdfReader

from briefing.model import Brief
from briefing.writers.pdf import onepass, pdf_bytes


def _runner(sets: dict[str, str]):
    """A stand-in layout that records what it was offered and sets ``sets``."""
    calls: list[dict[str, str]] = []

    def run(names: onepass.Names) -> bytes:
        calls.append(dict(names))
        for key, value in sets.items():
            names[key] = value
        return repr(sorted(dict(names).items())).encode()

    return run, calls


def test_offer_that_holds_is_laid_out_once() -> None:
    onepass._REMEMBERED.pop("t-hold", None)
    run, calls = _runner({"page-count": "3"})
    onepass.lay_out(run, "t-hold", 1000)
    assert calls == [{}]  # nothing to offer yet
    run, calls = _runner({"page-count": "3"})
    onepass.lay_out(run, "t-hold", 1010)
    assert calls == [{"page-count": "3"}]


def test_wrong_offer_is_laid_out_again_with_the_brief_s_own_values() -> None:
    onepass._REMEMBERED.pop("t-wrong", None)
    onepass.lay_out(_runner({"page-count": "3"})[0], "t-wrong", 1000)
    run, calls = _runner({"page-count": "5"})
    data = onepass.lay_out(run, "t-wrong", 1900)
    assert calls == [{"page-count": "3"}, {"page-count": "5"}]
    assert b"'5'" in data


def test_offered_name_the_brief_never_sets_is_withdrawn() -> None:
    onepass._REMEMBERED.pop("t-unset", None)
    onepass.lay_out(_runner({"page-count": "3", "section": "Actors"})[0], "t-unset", 1000)
    run, calls = _runner({"page-count": "3"})
    onepass.lay_out(run, "t-unset", 1000)
    assert calls == [{"page-count": "3", "section": "Actors"}, {"page-count": "3"}]


def test_nearest_length_is_offered() -> None:
    onepass._REMEMBERED.pop("t-near", None)
    onepass.lay_out(_runner({"page-count": "2"})[0], "t-near", 1000)
    onepass.lay_out(_runner({"page-count": "6"})[0], "t-near", 5000)
    run, calls = _runner({"page-count": "6"})
    onepass.lay_out(run, "t-near", 4200)
    assert calls == [{"page-count": "6"}]


def _footers(data: bytes) -> list[str]:
    pages = [p.extract_text() for p in PdfReader(io.BytesIO(data)).pages]
    return [" ".join(re.findall(r"Page \d+ of \d+", text)) for text in pages]


def test_page_x_of_y_stays_right_when_page_counts_alternate(stored_brief: Brief) -> None:
    """Briefs of different lengths one after the other: every footer counts its own pages."""
    short = stored_brief.model_copy(update={"themes": stored_brief.themes[:1], "charts": []})
    for brief in (stored_brief, short, stored_brief, short):
        footers = _footers(pdf_bytes(brief))
        n = len(footers)
        assert footers == [f"Page {i} of {n}" for i in range(1, n + 1)]
    assert len(_footers(pdf_bytes(short))) < len(_footers(pdf_bytes(stored_brief)))
