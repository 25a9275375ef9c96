"""The facts benchmark scores a brief the way its docstring says."""

from __future__ import annotations

import importlib
import sys
from types import ModuleType

from briefing.model import Actor, Brief, Event, KeyFigure
from tests.conftest import ROOT


def load() -> ModuleType:
    if str(ROOT / "benchmarks") not in sys.path:
        sys.path.insert(0, str(ROOT / "benchmarks"))
    return importlib.import_module("facts")

GOLD = {
    "kind": "crs",
    "actors": {"central": [{"name": "Federal Aviation Administration", "aliases": ["FAA"]}, "Norway"],
               "acceptable": ["Canada"], "not_actors": ["Assistance Grant"]},
    "events": [{"date": "2023-05", "gist": "rule"}, {"date": 2019, "gist": "report"}],
    "figures": [{"value": "$5 million", "label": "grant"}],
}


def test_actors_timeline_and_figures_are_scored() -> None:
    brief = Brief(
        title="T",
        actors=[Actor(name="FAA", kind="organisation"), Actor(name="Canada", kind="country"),
                Actor(name="Assistance Grant", kind="person"), Actor(name="Jordan", kind="country")],
        timeline=[Event(date="2023-05-02", label="2 May 2023", text="The FAA issued the rule."),
                  Event(date="1901", label="1901", text="See 33 U.S.C. §§1901-1915."),
                  Event(date="2019", label="2019", text="In 2019 the FAA cited 14 C.F.R. §25.1309.")],
        figures=[KeyFigure(value="$5 million", kind="amount", context="c"),
                 KeyFigure(value="$30145", kind="amount", context="§30145")],
    )
    s = load().score(GOLD, brief, "x")
    assert (s.actors_shown, s.actors_true) == (4, 2)
    assert (s.central, s.central_found) == (2, 1) and s.missed_central == ["norway"]
    assert s.persons_institutions == 1
    assert (s.events_shown, s.events_true, s.citation_rows) == (3, 2, 1)
    assert (s.figures_shown, s.figures_true) == (2, 1)
