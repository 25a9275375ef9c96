"""Finding and rendering the Jinja2 templates that own the layout.

Templates are trusted configuration, document text is not: autoescaping is
always on, whatever the template's file name, and undefined names are errors.
A template is a packaged name (``policy-brief``) or a folder; a folder's files
come first, then the packaged default template, so a user's copy can override
one file, or ``{% extends "policy-brief/brief.rml.j2" %}``.

Compiled templates are kept in briefing's cache folder (:mod:`briefing.cache`)
for the next process: compiling the four files of a brief takes 0.07 s.
Jinja checks each against its template's source before using it.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from briefing.errors import TemplateError
from briefing.resources import templates_dir
from briefing.textutil import strip_invisible

if TYPE_CHECKING:  # pragma: no cover
    import jinja2

DEFAULT_TEMPLATE = "policy-brief"
MAIN_FILE = "brief.rml.j2"


def packaged_templates() -> list[str]:
    """Names of the templates shipped with briefing."""
    return sorted(p.name for p in templates_dir().iterdir() if (p / MAIN_FILE).is_file())


def template_folder(name_or_dir: str | Path | None) -> Path:
    """The folder of a packaged template name or a user's template folder."""
    value = str(name_or_dir or DEFAULT_TEMPLATE)
    packaged = templates_dir() / value
    if "/" not in value and (packaged / MAIN_FILE).is_file():
        return packaged
    folder = Path(value)
    if folder.is_dir():
        if not (folder / MAIN_FILE).is_file():
            raise TemplateError(f"{folder}: a template folder needs a {MAIN_FILE} file")
        return folder
    names = ", ".join(packaged_templates())
    raise TemplateError(f"no template '{value}': give a folder or one of: {names}")


@lru_cache(maxsize=16)
def environment(folder: Path) -> jinja2.Environment:
    """A Jinja2 environment for ``folder`` with autoescaping always on.

    One per folder and process: templates compile once (0.18 s a brief
    otherwise), and the loader still reloads a template file that changed.
    Compiled code is also kept on disk for later processes (:func:`_disk_bytecode`).
    """
    import jinja2

    search = [folder, templates_dir() / DEFAULT_TEMPLATE, templates_dir()]
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(p) for p in search]),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=False,
        lstrip_blocks=False,
        keep_trailing_newline=True,
        finalize=_xml_safe,
    )
    env.bytecode_cache = _disk_bytecode()(_compile_settings(env))
    # Capitals for the template's own words, as their language writes them (Azerbaijani i → İ).
    env.filters["caps"] = jinja2.pass_context(lambda context, value: upper(str(value), context.get("language")))
    # Dates in the language of the template's labels (the ``language`` variable).
    env.filters["longdate"] = jinja2.pass_context(
        lambda context, value: longdate(value, context.get("language") or "en"))
    return env


def _compile_settings(env: jinja2.Environment) -> str:
    """Everything besides a template's source that its compiled code depends on."""
    import importlib.util
    import sys

    import jinja2

    settings = (env.block_start_string, env.block_end_string, env.variable_start_string, env.variable_end_string,
                env.comment_start_string, env.comment_end_string, env.line_statement_prefix,
                env.line_comment_prefix, env.trim_blocks, env.lstrip_blocks, env.newline_sequence,
                env.keep_trailing_newline, env.autoescape, env.optimized, env.is_async, sorted(env.extensions),
                getattr(env.finalize, "__qualname__", env.finalize), getattr(env.finalize, "jinja_pass_arg", None))
    python = f"{sys.implementation.cache_tag} {importlib.util.MAGIC_NUMBER.hex()}"
    return f"jinja2 {jinja2.__version__} {python} {settings!r}"


@cache
def _disk_bytecode() -> Callable[[str], jinja2.BytecodeCache]:
    """The class of the environments' bytecode cache (defined once Jinja2 is imported)."""
    import jinja2

    class DiskBytecode(jinja2.BytecodeCache):
        """Compiled templates in briefing's cache folder, checked against the template source.

        Jinja's own ``FileSystemBytecodeCache`` unpickles the checksum it
        stores; this one stores it as text, with the code's ``marshal`` bytes.
        """

        def __init__(self, settings: str) -> None:
            self.settings = settings

        def _name(self, bucket: jinja2.bccache.Bucket) -> str:
            from briefing.cache import entry_name

            return entry_name(self.settings, bucket.key) + ".bytecode"

        def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
            import marshal

            from briefing.cache import read

            data = read("templates", self._name(bucket))
            checksum, _, code = (data or b"").partition(b"\n")
            if data is None or checksum.decode("ascii", "replace") != bucket.checksum:
                return  # none yet, or the template changed since: Jinja compiles it
            try:
                bucket.code = marshal.loads(code)
            except (EOFError, ValueError, TypeError):
                bucket.reset()

        def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
            import marshal

            from briefing.cache import write

            if bucket.code is not None:
                body = bucket.checksum.encode("ascii") + b"\n" + marshal.dumps(bucket.code)
                write("templates", self._name(bucket), body)

    return DiskBytecode


def _xml_safe(value: Any) -> Any:
    """Every value a template prints loses characters XML cannot carry.

    Readers already drop them; this guards briefs written or edited by hand.
    """
    from markupsafe import Markup

    if isinstance(value, Markup):  # template output (a macro call): stays markup
        return Markup(strip_invisible(str(value)))
    return strip_invisible(value) if isinstance(value, str) else value


def upper(text: str, language: str | None = None) -> str:
    """``text`` in capitals; Azerbaijani and Turkish dotted i becomes İ."""
    if language in ("az", "tr"):
        text = text.replace("i", "İ")
    return text.upper()


def longdate(value: str | None, language: str = "en") -> str:
    """``2025-08-09`` → ``9 August 2025``; partial dates as far as they go.

    Month names follow ``language`` (``9 avqust 2025``, ``9 августа 2025``).
    """
    from briefing.labels import months

    if not value:
        return ""
    names = months(language)
    parts = value.split("-")
    if len(parts) > 1 and not (parts[1].isdigit() and 1 <= int(parts[1]) <= 12):
        return value
    try:
        if len(parts) == 3:
            return f"{int(parts[2])} {names[int(parts[1]) - 1]} {parts[0]}"
        if len(parts) == 2:
            return f"{names[int(parts[1]) - 1]} {parts[0]}"
    except (ValueError, IndexError):
        return value
    return value


def render_template(folder: Path, context: dict[str, Any], main: str = MAIN_FILE) -> str:
    """Render ``main`` in ``folder`` with ``context``; errors name the template line."""
    import jinja2

    env = environment(folder)
    try:
        return env.get_template(main).render(**context)
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(f"{exc.filename or exc.name}:{exc.lineno}: {exc.message}") from None
    except jinja2.UndefinedError as exc:
        raise TemplateError(f"{folder / main}: {exc.message} (see the template context in the README)") from None
    except jinja2.TemplateNotFound as exc:
        raise TemplateError(f"{folder}: template file '{exc.name}' not found") from None
    except jinja2.TemplateError as exc:  # an unknown filter or test, and the like
        raise TemplateError(f"{folder / main}: {exc.message or type(exc).__name__}") from None
