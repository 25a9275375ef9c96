"""The ReportLab and z3c.rml internals briefing touches were checked against the installed versions."""

from __future__ import annotations

import pytest

from briefing import compat


def test_installed_versions_are_the_checked_ones() -> None:
    problems = compat.version_problems()
    assert not problems, (
        "; ".join(problems) + ". briefing touches private state of these libraries: re-read "
        + compat.RECHECK + " in the new sources, run the whole suite, then widen compat.CHECKED "
        "and the bounds in pyproject.toml together."
    )


@pytest.mark.parametrize(("found", "wanted", "expected"), [
    ("5.1.0", "5.0", True), ("5.0", "5.0", True), ("4.4.10", "5.0", False), ("5.2", "5.2", True),
    ("5.10.1", "5.2", True), ("5.1.0rc1", "5.2", False), ("6.0.0.post1", "5.3", True),
])
def test_version_comparison(found: str, wanted: str, expected: bool) -> None:
    assert compat._at_least(found, wanted) is expected


def test_a_version_outside_the_range_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(compat.CHECKED, "reportlab", ("5.0", "5.1"))
    problems = compat.version_problems()
    assert any(p.startswith("reportlab ") and "outside the checked range >=5.0,<5.1" in p for p in problems)


def test_pyproject_bounds_match_the_checked_ranges() -> None:
    import tomllib

    from tests.conftest import ROOT

    deps = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    for name, (low, high) in compat.CHECKED.items():
        line = next(d for d in deps if d.lower().replace("[accel]", "").startswith(name))
        assert f">={low}" in line and f"<{high}" in line, f"pyproject.toml's {line!r} should be >={low},<{high}"


def test_unknown_rml_tags_fail_after_abort_on_unknown_tags() -> None:
    from z3c.rml import directive

    compat.abort_on_unknown_tags()
    assert directive.ABORT_ON_INVALID_DIRECTIVE is True


def test_ttfont_factory_is_restored_after_the_block() -> None:
    from reportlab.pdfbase import ttfonts

    real = ttfonts.TTFont
    with compat.ttfont_factory(lambda *a: "made") as original:
        assert original is real
        assert ttfonts.TTFont("x", "y") == "made"
    assert ttfonts.TTFont is real
