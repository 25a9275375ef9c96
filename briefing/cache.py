"""What briefing keeps between runs so that a fresh process starts faster.

Compiled templates (``templates``, :mod:`briefing.writers.templating`), the
code points each font file maps (``fonts``,
:mod:`briefing.typography.fontcache`), the names earlier layouts set
(``layout``, :mod:`briefing.writers.pdf.onepass`) and what is derived from
libraries' tables (``data``: ISO codes, the gazetteer's trie) are kept in
``BRIEFING_CACHE_DIR`` if that is set, else in the user's cache folder
(``platformdirs.user_cache_dir("briefing")``), one sub-folder per kind.

The cache is only an optimisation.  Every entry is named after everything it
depends on (a font file's path, size and modification time, the library
versions) and checked against the rest when read (a template's source), so
an edited file is never served stale.  Entries are written through a
temporary file and a rename, so a reader sees a whole entry or none; each
carries a SHA-256 digest of its contents, and one that does not match is
ignored.  When the folder cannot be created or written, or others could
write to it, nothing is cached and nothing is said: the output is the same
either way.  Nothing read back is unpickled: an entry is JSON or text, or
Python bytecode that ``marshal`` reads, as Python reads its own
``__pycache__``.  Nothing is ever removed; the folder can be deleted at
any time.
"""

from __future__ import annotations

import hashlib
import os
import stat
import tempfile
from functools import lru_cache
from pathlib import Path

#: The environment variable naming the cache folder.
CACHE_ENV = "BRIEFING_CACHE_DIR"

_MAGIC = b"briefing-cache 1\n"
_DIGEST = len(hashlib.sha256().hexdigest())


def base_folder() -> Path:
    """The cache folder (which may not exist yet): ``BRIEFING_CACHE_DIR``, else the user's cache folder."""
    named = os.environ.get(CACHE_ENV, "").strip()
    if named:
        return Path(named)
    import platformdirs

    return Path(platformdirs.user_cache_dir("briefing"))


def folder(kind: str) -> Path | None:
    """The sub-folder ``kind`` of the cache folder, created if need be; None when it cannot be."""
    return _usable(base_folder() / kind)


@lru_cache(maxsize=16)
def _usable(path: Path) -> Path | None:
    """``path``, created if need be, when it is this user's and no one else can write to it.

    Compiled templates from the folder are run: a folder others could write
    to is not used (Jinja's own bytecode cache refuses one too).
    """
    try:
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = path.stat()
    except OSError:
        return None
    if not stat.S_ISDIR(info.st_mode) or info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        return None
    if hasattr(os, "getuid") and info.st_uid != os.getuid():
        return None
    return path


def entry_name(*parts: object) -> str:
    """A file name for the entry that depends on ``parts`` (a digest of their text)."""
    return hashlib.sha256("\0".join(str(p) for p in parts).encode("utf-8")).hexdigest()


def read(kind: str, name: str) -> bytes | None:
    """The contents of entry ``name`` of ``kind``, or None (absent, unreadable or damaged)."""
    where = folder(kind)
    if where is None:
        return None
    try:
        data = (where / name).read_bytes()
    except OSError:
        return None
    head = len(_MAGIC) + _DIGEST + 1
    if not data.startswith(_MAGIC) or len(data) < head:
        return None
    body = data[head:]
    if data[len(_MAGIC):head - 1] != hashlib.sha256(body).hexdigest().encode("ascii"):
        return None
    return body


def write(kind: str, name: str, body: bytes) -> bool:
    """Store ``body`` as entry ``name`` of ``kind`` atomically; False (and no file) when it cannot be."""
    where = folder(kind)
    if where is None:
        return False
    data = _MAGIC + hashlib.sha256(body).hexdigest().encode("ascii") + b"\n" + body
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=where)
    except OSError:
        return False
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, where / name)
    except OSError:
        Path(tmp).unlink(missing_ok=True)
        return False
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return True
