"""Email the brief: a plain-text and an HTML part, the PDF attached.

Everything in a header comes from flags or documents, so it is checked here
before anything is sent: ``email-validator`` parses each address strictly
(one address per value, ASCII after IDNA so every server takes it) and the
subject loses CR/LF, control and bidi characters.  Sending is in
:mod:`briefing.deliver.smtp`.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from email.headerregistry import Address
from email.message import EmailMessage
from pathlib import Path
from typing import TYPE_CHECKING

from briefing.deliver import DeliveryError, clean_line

if TYPE_CHECKING:  # pragma: no cover
    from briefing.config import Style
    from briefing.model import Brief


# --------------------------------------------------------------------------
# Addresses and subject
# --------------------------------------------------------------------------


def parse_address(value: str) -> Address:
    """One address, ``user@example.org`` or ``Name <user@example.org>``, checked strictly.

    Raises DeliveryError naming the address and what is wrong with it.  The
    address must be plain ASCII after IDNA encoding of the domain (no
    SMTPUTF8), so every server can take it.
    """
    from email_validator import EmailNotValidError, validate_email

    shown = clean_line(value, 80) or repr(value)
    if any(unicodedata.category(c)[0] == "C" or unicodedata.category(c) in ("Zl", "Zp") for c in value):
        raise DeliveryError(f"address '{shown}': contains line breaks, control or bidi characters")
    name, spec = "", value.strip()
    if spec.endswith(">") and "<" in spec:
        name, _, spec = spec[:-1].rpartition("<")
        name = name.strip()
        if name.startswith('"') and name.endswith('"') and len(name) >= 2:
            name = name[1:-1]
        if any(c in name for c in '<>"\\'):
            raise DeliveryError(f"address '{shown}': the display name may not contain < > \" or \\")
    try:
        checked = validate_email(spec.strip(), check_deliverability=False, allow_smtputf8=False)
    except EmailNotValidError as exc:
        raise DeliveryError(f"address '{shown}': {exc}") from None
    username, _, domain = (checked.ascii_email or checked.normalized).rpartition("@")
    return Address(display_name=name, username=username, domain=domain)


def parse_addresses(values: Iterable[str]) -> list[Address]:
    """Every address of ``values`` (one per value), duplicates dropped, order kept."""
    seen: set[str] = set()
    addresses = []
    for value in values:
        address = parse_address(value)
        if address.addr_spec.lower() not in seen:
            seen.add(address.addr_spec.lower())
            addresses.append(address)
    return addresses


def subject_line(text: str) -> str:
    """A safe one-line subject (see :func:`briefing.deliver.clean_line`)."""
    return clean_line(text, 200) or "Brief"


# --------------------------------------------------------------------------
# The message
# --------------------------------------------------------------------------


def text_body(brief: Brief, pdf_name: str, language: str = "en") -> str:
    """The plain-text part: title, date, key takeaways with references, sources.

    ``language`` is the house style's label language (headings only; the
    brief's own text is never translated).
    """
    import textwrap

    from briefing.labels import labels as label_set

    labels = label_set(language)
    lines = [brief.title]
    if brief.subtitle:
        lines.append(brief.subtitle)
    if brief.date:
        from briefing.writers.templating import longdate

        lines.append(longdate(brief.date, language))
    if brief.takeaways:
        lines += ["", labels["key_takeaways"], ""]
        for point in brief.takeaways:
            refs = " ".join(r.label(len(brief.sources) > 1) for r in point.refs)
            lines += textwrap.wrap(f"{point.text} {refs}".strip(), 72, initial_indent="- ", subsequent_indent="  ")
    if brief.sources:
        lines += ["", labels["sources"], ""]
        for number, source in enumerate(brief.sources, 1):
            where = ", ".join(p for p in (source.site, source.author, source.date) if p)
            entry = f"[{number}] {source.title}" + (f" ({where})" if where else "")
            lines += textwrap.wrap(entry, 72, subsequent_indent="    ")
    lines += ["", f"The full brief is attached: {pdf_name}", ""]
    return "\n".join(lines)


def html_body(brief: Brief, style: Style | None = None,
              template: str | None = None) -> tuple[str, dict[str, bytes]]:
    """The HTML part (the HTML writer's email-safe page) and its inline images.

    Images (charts, logo) are ``cid:`` parts rather than ``data:`` URIs,
    which Gmail and Outlook block.
    """
    from briefing.config import load_style
    from briefing.pipeline import chart_specs
    from briefing.writers.html import email_html

    style = style or load_style()
    return email_html(brief, style=style, template=template, charts=chart_specs(brief, style))


_IMAGE_TYPES = {b"\x89PNG\r\n\x1a\n": "png", b"\xff\xd8\xff": "jpeg"}


def build_message(*, sender: Address | None, to: Sequence[Address], cc: Sequence[Address] = (),
                  subject: str, text: str, html: str, pdf: bytes, pdf_name: str,
                  images: Mapping[str, bytes] | None = None, date: dt.datetime | None = None) -> EmailMessage:
    """A multipart/mixed message: text and HTML alternatives, then the PDF.

    ``images`` maps a content id to PNG or JPEG bytes that the HTML shows as
    ``cid:`` (they go into a multipart/related part with the HTML).  The
    Message-ID uses the sender's domain, so the local host name does not
    leak into the message.
    """
    from email.utils import format_datetime, make_msgid

    if not to:
        raise DeliveryError("no recipient: give at least one --to address")
    message = EmailMessage()
    if sender is not None:
        message["From"] = sender
    message["To"] = list(to)
    if cc:
        message["Cc"] = list(cc)
    message["Subject"] = subject_line(subject)
    message["Date"] = format_datetime(date or dt.datetime.now(dt.UTC))
    message["Message-ID"] = make_msgid("briefing", domain=sender.domain if sender else "briefing.invalid")
    message["MIME-Version"] = "1.0"
    message.set_content(text)
    message.add_alternative(html, subtype="html")
    if images:
        html_part = next(p for p in message.iter_parts() if p.get_content_type() == "text/html")
        for cid, data in images.items():
            kind = next((t for magic, t in _IMAGE_TYPES.items() if data.startswith(magic)), None)
            if kind is None:
                raise DeliveryError(f"inline image {clean_line(cid)} is neither PNG nor JPEG")
            html_part.add_related(data, maintype="image", subtype=kind, cid=f"<{cid}>",
                                  disposition="inline")
    message.add_attachment(pdf, maintype="application", subtype="pdf", filename=clean_line(pdf_name, 120))
    return message


def write_eml(message: EmailMessage, target: str | Path) -> Path:
    """Write ``message`` as an ``.eml`` file (CRLF line ends), atomically."""
    from email import policy

    from briefing.writers import write_atomically

    return write_atomically(target, message.as_bytes(policy=policy.SMTP))
