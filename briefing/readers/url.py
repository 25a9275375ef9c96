"""URL reader: ``briefing render https://...`` fetches the page and reads it.

Only inputs the user gave on the command line are fetched (the CLI calls
:func:`read_url` for an argument that :func:`is_url`); no reader follows
links in a document.  The fetch uses the standard library (urllib, TLS
certificates verified) with limits: a time limit for the whole download
(``timeout``: the socket timeout for connecting and for each read, and a
deadline checked between reads, so a server that trickles bytes is cut
off), a size limit (``max_bytes``: a larger ``Content-Length`` is refused
before reading, and the body is streamed and dropped past the limit), and a
cap on redirects (``max_redirects``), each of which must stay on http or
https.  No ``Accept-Encoding`` is sent, so nothing is decompressed.

The body goes to the reader of its content type: HTML (``text/html``,
``application/xhtml+xml``) to :class:`~briefing.readers.html.HtmlReader` with
the charset the server declared, ``text/plain`` to the text reader,
``text/markdown`` to the Markdown reader and ``application/pdf`` to the PDF
reader.  A missing or generic content type is sniffed from the first bytes
(``%PDF-``, ``<html``/``<!doctype html``).  Every failure is a one-line
:class:`~briefing.errors.InputError` that names the URL.
"""

from __future__ import annotations

import re
import time
from typing import TYPE_CHECKING

from briefing.errors import InputError
from briefing.readers.limits import MAX_INPUT_BYTES

if TYPE_CHECKING:  # pragma: no cover
    from http.client import HTTPResponse

    from briefing.model import Document
    from briefing.readers import Reader
    from briefing.readers.limits import ReaderLimits

__all__ = ["MAX_REDIRECTS", "TIMEOUT", "fetch", "is_url", "read_url"]

#: Seconds the whole download may take (and each connect or read).
TIMEOUT = 20.0
#: Redirects followed before giving up.
MAX_REDIRECTS = 5

_URL = re.compile(r"^https?://[^\s/?#]+", re.I)
_CHUNK = 64 * 1024
_ACCEPT = "text/html,application/xhtml+xml,application/pdf;q=0.9,text/plain;q=0.8,*/*;q=0.1"
#: Content type -> registry extension of the reader that takes it.
_GENERIC = {"", "application/octet-stream", "binary/octet-stream"}


def is_url(text: str) -> bool:
    """True if ``text`` is an http(s) URL (what the CLI fetches)."""
    return bool(_URL.match(text))


def _user_agent() -> str:
    from briefing._version import __version__

    return f"briefing/{__version__} (policy-brief generator; fetches one page on request)"


def _error_reason(error: BaseException) -> str:
    """A short reason for a failed request."""
    import socket
    import ssl

    reason = getattr(error, "reason", error)
    if isinstance(reason, socket.gaierror):
        return "the host name cannot be resolved"
    if isinstance(reason, ConnectionRefusedError):
        return "connection refused"
    if isinstance(reason, (TimeoutError, socket.timeout)):
        return "timed out"
    if isinstance(reason, ssl.SSLCertVerificationError):
        return f"TLS certificate not valid ({reason.verify_message or reason})"
    if isinstance(reason, ssl.SSLError):
        return f"TLS error ({reason.reason or reason})"
    if isinstance(reason, OSError) and reason.strerror:
        return reason.strerror[0].lower() + reason.strerror[1:]
    return str(reason) or type(reason).__name__


def fetch(url: str, *, timeout: float = TIMEOUT, max_bytes: int = MAX_INPUT_BYTES,
          max_redirects: int = MAX_REDIRECTS) -> tuple[bytes, str, str]:
    """Download ``url``: returns (body, final URL, content type header).

    Raises :class:`InputError` naming ``url`` when the host cannot be
    reached, the server answers with an error status, the body is larger
    than ``max_bytes``, the download takes longer than ``timeout`` seconds,
    there are more than ``max_redirects`` redirects, or one leads to a
    scheme other than http/https.
    """
    import http.client
    import urllib.error
    import urllib.request
    from urllib.parse import urljoin, urlsplit

    class _NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args: object, **kwargs: object) -> None:
            return None  # 3xx then surfaces as HTTPError: followed below, counted

    opener = urllib.request.build_opener(_NoRedirect)
    deadline = time.monotonic() + timeout
    current, redirects = url, 0
    if not is_url(url):
        raise InputError(f"{url}: not an http(s) URL")
    while True:
        if urlsplit(current).scheme.lower() not in ("http", "https"):
            raise InputError(f"{url}: redirected to {current}, which is not an http(s) URL")
        request = urllib.request.Request(current, headers={"User-Agent": _user_agent(),
                                                           "Accept": _ACCEPT})
        try:
            response = opener.open(request, timeout=max(0.001, deadline - time.monotonic()))
        except urllib.error.HTTPError as error:
            location = error.headers.get("Location") if error.headers else None
            error.close()
            if 300 <= error.code < 400 and location:
                redirects += 1
                if redirects > max_redirects:
                    raise InputError(f"{url}: too many redirects (more than {max_redirects})") from None
                current = urljoin(current, location.strip())
                continue
            raise InputError(f"{url}: the server answered HTTP {error.code} "
                             f"{error.reason or ''}".rstrip()) from None
        except ValueError as error:
            raise InputError(f"{url}: not a valid URL ({error})") from None
        except (urllib.error.URLError, http.client.HTTPException, OSError) as error:
            raise InputError(f"{url}: cannot be fetched: {_error_reason(error)}") from None
        with response:
            try:
                data = _read_body(response, url, max_bytes, deadline, timeout)
            except (http.client.HTTPException, OSError) as error:
                raise InputError(f"{url}: the download failed: {_error_reason(error)}") from None
            return data, response.geturl() or current, response.headers.get("Content-Type", "")


def _read_body(response: HTTPResponse, url: str, max_bytes: int, deadline: float,
               timeout: float) -> bytes:
    """The body of ``response``, streamed, within the size and time limits."""
    headers = response.headers
    length = headers.get("Content-Length", "")
    if length.strip().isdigit() and int(length) > max_bytes:
        raise InputError(f"{url}: too large ({_mb(int(length))}; the limit is {_mb(max_bytes)})")
    chunks: list[bytes] = []
    size = 0
    while True:
        if time.monotonic() > deadline:
            raise InputError(f"{url}: cannot be fetched: timed out after {timeout:g} s")
        try:
            chunk: bytes = response.read1(_CHUNK)
        except TimeoutError:
            raise InputError(f"{url}: cannot be fetched: timed out after {timeout:g} s") from None
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > max_bytes:
            raise InputError(f"{url}: too large (more than {_mb(max_bytes)})")
        chunks.append(chunk)


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


def _media_type(content_type: str) -> tuple[str, str | None]:
    """(media type, charset or None) of a Content-Type header."""
    from email.message import Message

    message = Message()
    message["Content-Type"] = content_type or "application/octet-stream"
    charset = message.get_param("charset")
    return message.get_content_type().lower(), (charset if isinstance(charset, str) else None)


def _sniff(data: bytes) -> str | None:
    """The media type of a body sent without a useful content type."""
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"%pdf-"):
        return "application/pdf"
    if head.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<html" in head:
        return "text/html"
    return None


def _reader_for(url: str, final_url: str, data: bytes, content_type: str) -> Reader:
    """The reader for a fetched body, chosen by its content type (:data:`~briefing.readers.MEDIA_TYPES`)."""
    from briefing.readers import MEDIA_TYPES, media_reader

    media, charset = _media_type(content_type)
    chosen = media if media in MEDIA_TYPES else None
    if chosen is None and media in _GENERIC | {"text/xml", "application/xml"}:
        chosen = _sniff(data)
    if chosen is None:
        raise InputError(f"{url}: not a web page or document briefing reads "
                         f"(content type {media})")
    try:
        reader = media_reader(chosen)
    except ImportError:
        raise InputError(f"{url}: cannot read {media} here (its reader is not installed)") from None
    if reader is None or not reader.enabled:
        raise InputError(f"{url}: cannot read {media} here (its reader is not installed)")
    return reader.for_response(charset, final_url)


def read_url(url: str, *, timeout: float = TIMEOUT, max_bytes: int | None = None,
             max_redirects: int = MAX_REDIRECTS, limits: ReaderLimits | None = None) -> Document:
    """Fetch ``url`` and read it into a Document (``path`` is the URL).

    ``timeout``, ``max_bytes`` (default ``limits.max_input_bytes``, else
    :data:`~briefing.readers.MAX_INPUT_BYTES`) and ``max_redirects`` limit
    the download as in :func:`fetch`; ``limits`` goes on to the reader.  The
    site is the page's own (``og:site_name``...) or else the host of the
    final URL.
    """
    from briefing.readers import read_data
    from briefing.readers.html import host

    if max_bytes is None:
        max_bytes = MAX_INPUT_BYTES if limits is None else limits.max_input_bytes
    data, final_url, content_type = fetch(url, timeout=timeout, max_bytes=max_bytes,
                                          max_redirects=max_redirects)
    if not data.strip():
        raise InputError(f"{url}: the server sent an empty page")
    reader = _reader_for(url, final_url, data, content_type)
    doc = read_data(data, url, reader, limits)
    if doc.site is None:
        doc.site = host(final_url)
    if final_url != url:
        doc.metadata.setdefault("url", final_url)
    return doc
