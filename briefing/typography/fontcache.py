"""TrueType faces parsed once per process, not once per brief.

z3c.rml starts every document by resetting ReportLab's font registry and
then builds a new ``TTFont`` for each ``<registerTTFont>``: parsing the faces
of a brief costs about 0.19 s, a fifth of a brief's time in a batch worker.
ReportLab keeps what each document uses of a font (its subset) in a
``WeakKeyDictionary`` keyed by the document, so one ``TTFont`` serves any
number of documents, each getting the bytes a fresh font would give it.

So each declared face is parsed here once for a given name, file, size and
modification time, and put back into the registry after every reset (the
``register_reset`` hook ReportLab offers for this).  Its declaration becomes
the family mapping that registering a font sets up; the template's own
``registerFontFamily`` lines come later and still win.  A face that cannot
be read keeps its declaration, so z3c.rml reports it as it always has.

The same reset also runs two hooks that register ReportLab's bundled Vera
faces for its test drawings (``reportlab.graphics.testshapes`` and
``z3c.rml.rlfix``): eight TrueType parses per document, 0.03 s of a 0.25 s
brief.  :func:`share_reset_faces` wraps those two hooks so that, while they
run, each (name, file) they ask for is parsed once per process; they still
do everything else they do.
"""

from __future__ import annotations

import os
from typing import Any

# face name → ((file, size, mtime_ns), its TTFont)
_FACES: dict[str, tuple[tuple[str, int, int], Any]] = {}


def register_declared(root: Any) -> None:
    """Register the ``registerTTFont`` faces of RML ``root`` from the cache, parsing new ones."""
    share_reset_faces()
    from reportlab.rl_config import register_reset

    register_reset(_restore)  # idempotent: ReportLab keeps one entry per function
    for element in list(root.iter("registerTTFont")):
        name, path = element.get("faceName"), element.get("fileName")
        if name and path and _load(name, path):
            element.tag = "registerFontFamily"
            element.attrib.clear()
            element.attrib.update({"name": name, "normal": name, "bold": name, "italic": name, "boldItalic": name})
    _restore()


def register(name: str, path: str) -> bool:
    """Make the face of ``path`` ReportLab's font ``name`` for this and later documents."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.rl_config import register_reset

    register_reset(_restore)
    if not _load(name, path):
        return False
    pdfmetrics.registerFont(_FACES[name][1])
    return True


def registered_file(name: str) -> str | None:
    """The file of the face ReportLab has under ``name`` now, if any."""
    from reportlab.pdfbase import pdfmetrics

    if name not in pdfmetrics.getRegisteredFontNames():
        return None
    known = getattr(getattr(pdfmetrics.getFont(name), "face", None), "filename", None)
    return known if isinstance(known, str) else None


def _load(name: str, path: str) -> bool:
    """Parse ``path`` into the face ``name`` unless it already is; False when it cannot be read."""
    from reportlab.pdfbase.ttfonts import TTFont

    try:
        info = os.stat(path)
        key = (path, info.st_size, info.st_mtime_ns)
        if name not in _FACES or _FACES[name][0] != key:
            _FACES[name] = (key, TTFont(name, path))
    except Exception:  # an unreadable face is left for z3c.rml to report
        return False
    return True


def _restore() -> None:
    """Put the parsed faces back into ReportLab's registry (after z3c.rml reset it)."""
    from reportlab.pdfbase import pdfmetrics

    for _key, font in _FACES.values():
        pdfmetrics.registerFont(font)


# ReportLab's and z3c.rml's reset hooks that register the Vera faces, by module and name.
_RESET_HOOKS = (("reportlab.graphics.testshapes", "resetFonts"), ("z3c.rml.rlfix", "resetFonts"))
_SHARED: dict[tuple[str, str], Any] = {}  # (face name, file) -> TTFont, for those hooks
_WRAPPERS: list[Any] = []  # ReportLab holds reset hooks by weak reference: keep ours alive


def share_reset_faces() -> None:
    """Make the Vera-registering reset hooks reuse parsed faces (idempotent)."""
    import sys

    from briefing.compat import wrap_reset_hooks

    hooks = {getattr(sys.modules.get(module), name, None) for module, name in _RESET_HOOKS} - {None}
    _WRAPPERS.extend(wrap_reset_hooks(hooks, _sharing))


def _sharing(hook: Any) -> Any:
    def reset() -> None:
        from reportlab.pdfbase.ttfonts import TTFont as real

        from briefing.compat import ttfont_factory

        def shared(name: str, filename: str, *args: Any, **kwargs: Any) -> Any:
            if args or kwargs:
                return real(name, filename, *args, **kwargs)
            key = (name, filename)
            if key not in _SHARED:
                _SHARED[key] = real(name, filename)
            return _SHARED[key]

        with ttfont_factory(shared):
            hook()

    vars(reset)["hook"] = hook  # the hook it wraps (a function attribute mypy does not know)
    reset.__qualname__ = f"shared_faces({getattr(hook, '__module__', '?')}.{getattr(hook, '__name__', '?')})"
    return reset
