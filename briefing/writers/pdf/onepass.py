"""One layout pass where z3c.rml would make two.

A template that prints a value known only at the end, such as the "3" of
"Page 1 of 3" (``<getName id="page-count"/>``, set by a ``namedString`` on
the last page), makes z3c.rml lay the whole document out twice: once with the
default, then again with the values the first pass left.  That second pass is
a third of a brief's time in a batch.

Those values follow from how long the document is, so the values set by the
brief of nearest length laid out before with the same template are offered
before the first pass.  When the brief sets every offered name to the offered
value, that one pass made the document the second pass would have made.
Otherwise the brief is laid out once more with the values it set itself,
which is the pass z3c.rml would have made anyway: never more layout than
before, and the same bytes either way.  On 50 news briefs the offer holds
for about nine in ten.

What was laid out is also kept in briefing's cache folder
(:mod:`briefing.cache`, one small JSON file per template), so that a fresh
process, such as one ``briefing render``, has something to offer too.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

# template key → {length of the RML: the names a brief of that length set}
_REMEMBERED: dict[str, dict[int, dict[str, Any]]] = {}
_KEEP = 256  # lengths remembered per template


class Names(dict[str, Any]):
    """z3c.rml's ``Document.names`` that notes what the document itself sets."""

    def __init__(self, offered: dict[str, Any]) -> None:
        super().__init__(offered)
        self.set_here: dict[str, Any] = {}

    def __setitem__(self, key: str, value: Any) -> None:
        self.set_here[key] = value
        super().__setitem__(key, value)


def lay_out(run: Callable[[Names], bytes], key: str, length: int) -> bytes:
    """``run(names)`` lays the document out with ``names``; once when the offer holds.

    ``length`` is the size of the document's source (its RML), which predicts
    its page count.
    """
    seen = _remembered(key)
    offered = seen[min(seen, key=lambda n: (abs(n - length), n))] if seen else {}
    names = Names(offered)
    data = run(names)
    if any(k not in names.set_here or names.set_here[k] != v for k, v in offered.items()):
        names = Names(dict(names.set_here))
        data = run(names)
    if len(seen) >= _KEEP and length not in seen:
        del seen[next(iter(seen))]
    before = seen.get(length)
    seen[length] = dict(names.set_here)
    if seen[length] != before:
        _store(key, seen)
    return data


def _remembered(key: str) -> dict[int, dict[str, Any]]:
    """What this process laid out with template ``key``, starting from what the cache folder holds."""
    if key not in _REMEMBERED:
        _REMEMBERED[key] = _stored(key)
    return _REMEMBERED[key]


def _entry(key: str) -> str:
    from briefing.cache import entry_name

    return entry_name("onepass", key) + ".json"


def _stored(key: str) -> dict[int, dict[str, Any]]:
    from briefing.cache import read

    data = read("layout", _entry(key))
    if data is None:
        return {}
    try:
        stored = json.loads(data)
        if stored["template"] != key:
            return {}
        seen = {int(length): dict(names) for length, names in stored["lengths"].items()}
    except (ValueError, KeyError, TypeError, AttributeError):
        return {}
    if not all(isinstance(k, str) and isinstance(v, str) for names in seen.values() for k, v in names.items()):
        return {}
    return dict(list(seen.items())[-_KEEP:])


def _store(key: str, seen: dict[int, dict[str, Any]]) -> None:
    """Keep ``seen`` in the cache folder: the lengths whose names are all text (what JSON gives back as it was)."""
    from briefing.cache import write

    lengths = {str(length): names for length, names in seen.items()
               if all(isinstance(k, str) and isinstance(v, str) for k, v in names.items())}
    write("layout", _entry(key), json.dumps({"template": key, "lengths": lengths}).encode("utf-8"))
