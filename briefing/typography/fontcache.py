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

A font file is parsed once whatever it is used for: the fallback's glyph
checks and chart text widths (:func:`parsed`) and every face name it is
registered under share that one parse.  What a file covers (its cmap) is
also kept in briefing's cache folder (:func:`coverage`, :mod:`briefing.cache`),
keyed by the file's path, size and modification time, so that a later
process checks glyphs without parsing a face no run of text needs.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

# face name → ((file, size, mtime_ns), its TTFont)
_FACES: dict[str, tuple[tuple[str, int, int], Any]] = {}
# font file (as named) → ((size, mtime_ns), the first TTFont parsed from it), whose face serves every name
_FILES: dict[str, tuple[tuple[int, int], Any]] = {}


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


def parsed(path: str) -> Any:
    """A ``TTFont`` of the file ``path`` for its metrics and cmap, parsed at most once per process.

    It may be a face registered under some name; nothing here registers it.
    Raises what parsing raises for a file that cannot be read.
    """
    stamp = _stamp(path)
    known = _FILES.get(path)
    if known is None or known[0] != stamp:
        from reportlab.pdfbase.ttfonts import TTFont

        known = _FILES[path] = (stamp, TTFont(f"briefing-metrics-{Path(path).name}", path))
    return known[1]


def coverage(path: str) -> frozenset[int]:
    """The code points the font file ``path`` maps to a glyph.

    From the face if this process parsed it, else from the cache folder,
    else parsed (the face is kept for later use) and written to the cache.
    """
    from briefing import cache

    stamp = _stamp(path)
    known = _FILES.get(path)
    if known is not None and known[0] == stamp:
        return frozenset(known[1].face.charToGlyph)
    name = cache.entry_name("coverage", os.path.abspath(path), *stamp, _reportlab_version()) + ".json"
    data = cache.read("fonts", name)
    if data is not None:
        try:
            return frozenset(int(code) for code in json.loads(data)["codepoints"])
        except (ValueError, KeyError, TypeError):
            pass  # not what this module writes: parsed again below
    codes = frozenset(parsed(path).face.charToGlyph)
    cache.write("fonts", name, json.dumps({"file": os.path.abspath(path), "size": stamp[0], "mtime_ns": stamp[1],
                                            "codepoints": sorted(codes)}).encode("utf-8"))
    return codes


def _stamp(path: str) -> tuple[int, int]:
    info = os.stat(path)
    return info.st_size, info.st_mtime_ns


def _reportlab_version() -> str:
    import reportlab

    return str(reportlab.Version)


def _load(name: str, path: str) -> bool:
    """Make ``path`` the face ``name`` unless it already is (parsing it once per file); False if unreadable."""
    from reportlab.pdfbase.ttfonts import TTFont

    from briefing.compat import ttfont_on_face

    try:
        stamp = _stamp(path)
        key = (path, *stamp)
        if name not in _FACES or _FACES[name][0] != key:
            known = _FILES.get(path)
            if known is not None and known[0] == stamp:
                font = ttfont_on_face(name, path, known[1].face)
            else:
                font = TTFont(name, path)
                _FILES[path] = (stamp, font)
            _FACES[name] = (key, font)
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
_BEFORE: dict[str, Any] = {}  # face name -> TTFont registered before the hooks were wrapped
_WRAPPERS: list[Any] = []  # ReportLab holds reset hooks by weak reference: keep ours alive


def share_reset_faces() -> None:
    """Make the Vera-registering reset hooks reuse parsed faces (idempotent).

    The hooks also ran once when their modules were imported: the faces they
    registered then are reused too, when they are of the file a hook names.
    """
    import sys

    from briefing.compat import wrap_reset_hooks

    hooks = {getattr(sys.modules.get(module), name, None) for module, name in _RESET_HOOKS} - {None}
    wrapped = wrap_reset_hooks(hooks, _sharing)
    if wrapped:
        from reportlab.pdfbase import pdfmetrics, ttfonts

        for name in pdfmetrics.getRegisteredFontNames():
            font: Any = pdfmetrics.getFont(name)
            if type(font) is ttfonts.TTFont and font.fontName == name:
                _BEFORE.setdefault(name, font)
    _WRAPPERS.extend(wrapped)


def _registered_before(name: str, filename: str) -> Any:
    """The face ``name`` registered before the hooks were wrapped, if it is of ``filename``; else None."""
    from reportlab.pdfbase import ttfonts

    font = _BEFORE.pop(name, None)
    if font is None:
        return None
    try:
        opened: Any = ttfonts.TTFOpenFile(filename)  # where ReportLab would read ``filename`` from
        found, handle = opened
        handle.close()
    except Exception:  # a file ReportLab cannot open: parsed (and reported) as it would be
        return None
    return font if getattr(font.face, "filename", None) == found else None


def _sharing(hook: Any) -> Any:
    def reset() -> None:
        from reportlab.pdfbase.ttfonts import TTFont as real

        from briefing.compat import ttfont_factory

        def shared(name: str, filename: str, *args: Any, **kwargs: Any) -> Any:
            if args or kwargs:
                return real(name, filename, *args, **kwargs)
            key = (name, filename)
            if key not in _SHARED:
                _SHARED[key] = _registered_before(name, filename) or real(name, filename)
            return _SHARED[key]

        with ttfont_factory(shared):
            hook()

    vars(reset)["hook"] = hook  # the hook it wraps (a function attribute mypy does not know)
    reset.__qualname__ = f"shared_faces({getattr(hook, '__module__', '?')}.{getattr(hook, '__name__', '?')})"
    return reset
