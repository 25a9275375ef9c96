"""The private ReportLab and z3c.rml state briefing touches, in one place.

ReportLab and z3c.rml offer no public way to do a few things briefing needs:
wrap a font-reset hook, see a page's content stream, reach the PDF document
being written, choose the class ``<para>`` builds, or make unknown RML tags
fail.  Every such access is a function here, and nowhere else (ruff's
private-member rule is on for every other module).  They were written
against the versions in :data:`CHECKED`; ``pyproject.toml`` bounds the
dependencies to them, and ``tests/test_compat.py`` fails with
:data:`RECHECK` when the installed versions leave those ranges.

Importing this module imports neither library: each function imports what
it touches.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

#: distribution -> (lowest version checked, first version not checked)
CHECKED: dict[str, tuple[str, str]] = {
    "reportlab": ("5.0", "5.2"),
    "z3c.rml": ("5.0", "5.3"),
}

#: What to re-read in the new sources before widening :data:`CHECKED`.
RECHECK = (
    "reportlab.rl_config._registered_resets (a list of weak references to reset hooks), "
    "reportlab.pdfbase.ttfonts.TTFont (called by the Vera reset hooks), "
    "reportlab.pdfbase.ttfonts.TTFontFace (called by TTFont.__init__ to parse the file), "
    "Canvas._code (the page's operators) and Canvas._doc (its PDFDocument), "
    "z3c.rml.flowable.Paragraph.klass, z3c.rml.directive.ABORT_ON_INVALID_DIRECTIVE, "
    "z3c.rml.document.Document.names and the optional pikepdf import of z3c.rml.page and z3c.rml.pdfinclude"
)


def version_problems() -> list[str]:
    """The installed versions outside :data:`CHECKED`, one line each (empty when all fit)."""
    from importlib.metadata import PackageNotFoundError, version

    problems = []
    for name, (low, high) in CHECKED.items():
        try:
            found = version(name)
        except PackageNotFoundError:
            problems.append(f"{name} is not installed")
            continue
        if not _at_least(found, low) or _at_least(found, high):
            problems.append(f"{name} {found} is outside the checked range >={low},<{high}")
    return problems


def _at_least(found: str, wanted: str) -> bool:
    def parts(text: str) -> tuple[int, ...]:
        numbers = []
        for piece in text.split("."):
            digits = "".join(c for c in piece if c.isdigit()) if piece[:1].isdigit() else ""
            if not digits:
                break
            numbers.append(int(digits))
        return tuple(numbers)

    return parts(found) >= parts(wanted)


# ---------------------------------------------------------------- ReportLab


def wrap_reset_hooks(wanted: set[Any], wrap: Callable[[Any], Callable[[], None]]) -> list[Callable[[], None]]:
    """Replace each registered reset hook in ``wanted`` by ``wrap(hook)``.

    ReportLab holds its reset hooks by weak reference: the wrappers are
    returned so that the caller keeps them alive.
    """
    from reportlab import rl_config

    kept = []
    hooks: list[Any] = vars(rl_config)["_registered_resets"]  # not in ReportLab's type stubs
    for i, ref in enumerate(list(hooks)):
        func = ref()
        if func in wanted:
            wrapper = wrap(func)
            kept.append(wrapper)
            hooks[i] = type(ref)(wrapper)
    return kept


@contextmanager
def ttfont_factory(factory: Callable[..., Any]) -> Iterator[Callable[..., Any]]:
    """While the block runs, ``ttfonts.TTFont(...)`` calls ``factory``; yields the real class."""
    from reportlab.pdfbase import ttfonts

    real = ttfonts.TTFont
    names = vars(ttfonts)  # rebind the name in the module's namespace (a class is not assignable as an attribute)
    names["TTFont"] = factory
    try:
        yield real
    finally:
        names["TTFont"] = real


def ttfont_on_face(name: str, filename: str, face: Any) -> Any:
    """A new ``TTFont`` ``name`` of ``filename`` whose face is ``face``, already parsed from that file.

    ``TTFont.__init__`` runs as it always does, except that it is handed
    ``face`` instead of parsing the file again.
    """
    from reportlab.pdfbase import ttfonts

    names = vars(ttfonts)
    real = names["TTFontFace"]
    names["TTFontFace"] = lambda *_args, **_kwargs: face
    try:
        return ttfonts.TTFont(name, filename)
    finally:
        names["TTFontFace"] = real


def page_operators(canvas: Any) -> list[str]:
    """The operators drawn on the canvas's current page so far (a live list)."""
    code: list[str] = canvas._code
    return code


def pdf_document(canvas: Any) -> Any:
    """The ``PDFDocument`` the canvas is writing."""
    return canvas._doc


# ---------------------------------------------------------------- z3c.rml


#: z3c.rml modules that import pikepdf if they can, for merging PDF pages (which briefs never do).
_PIKEPDF_USERS = ("z3c.rml.page", "z3c.rml.pdfinclude")


def rml_document() -> Any:
    """``z3c.rml.document``, imported without loading pikepdf until a document uses it.

    ``z3c.rml.page`` and ``z3c.rml.pdfinclude`` import pikepdf (0.05 s and
    6 MB) if it is installed and do without it otherwise.  So z3c.rml is
    imported while pikepdf looks absent, and those modules then get a module
    that imports pikepdf when first touched (``importlib.util.LazyLoader``).
    """
    import importlib.util
    import sys

    if "z3c.rml.document" in sys.modules or "pikepdf" in sys.modules:
        from z3c.rml import document

        return document
    installed = importlib.util.find_spec("pikepdf") is not None
    sys.modules["pikepdf"] = None  # type: ignore[assignment]  # "import pikepdf" now raises ModuleNotFoundError
    try:
        from z3c.rml import document
    finally:
        del sys.modules["pikepdf"]
    if installed:
        lazy = _lazy_module("pikepdf")
        for name in _PIKEPDF_USERS:
            module = sys.modules.get(name)
            if module is not None and vars(module).get("pikepdf", ...) is None:
                vars(module)["pikepdf"] = lazy
    return document


def _lazy_module(name: str) -> Any:
    """Module ``name`` in ``sys.modules``, executed when one of its attributes is first read."""
    import importlib.util
    import sys

    spec = importlib.util.find_spec(name)
    assert spec is not None and spec.loader is not None
    loader = importlib.util.LazyLoader(spec.loader)
    spec.loader = loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    loader.exec_module(module)
    return module


def use_paragraph_class(klass: type) -> None:
    """Make z3c.rml build ``<para>`` (and its subclasses) as ``klass``."""
    from z3c.rml import flowable

    flowable.Paragraph.klass = klass


def abort_on_unknown_tags() -> None:
    """Make z3c.rml fail on an unknown RML tag instead of skipping it."""
    from z3c.rml import directive

    directive.ABORT_ON_INVALID_DIRECTIVE = True


def set_names(doc: Any, names: dict[str, Any]) -> None:
    """Offer ``names`` (``namedString`` values) to a z3c.rml document before it is processed."""
    doc.names = names
