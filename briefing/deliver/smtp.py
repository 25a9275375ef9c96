"""Send a message over SMTP: verified TLS, no credentials in the clear, retries.

Security model: TLS always verifies the server certificate
(``ssl.create_default_context``, with a CA file when one is configured).
With ``starttls`` the connection is upgraded before AUTH or MAIL: a server
that does not offer STARTTLS gets no credentials and no message.  Plain
``none`` is accepted only for a loopback host.  The password comes from
``BRIEFING_SMTP_PASSWORD`` or ``~/.netrc``, never from a flag or the style
file.  Transient failures (4xx replies, dropped connections, timeouts) are
retried with backoff; permanent ones name the recipient and the server's
reason; a login is never retried.
"""

from __future__ import annotations

import ipaddress
import os
import smtplib
import ssl
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from email.message import EmailMessage
from pathlib import Path
from typing import TYPE_CHECKING

from briefing.deliver import DeliveryError, clean_line
from briefing.deliver.email import parse_address

if TYPE_CHECKING:  # pragma: no cover
    from briefing.config import Smtp

DEFAULT_PORTS = {"starttls": 587, "ssl": 465, "none": 25}
#: Seconds to wait before the 2nd, 3rd, ... attempt after a transient failure.
BACKOFF = (2.0, 8.0, 30.0)


# --------------------------------------------------------------------------
# Settings
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class SmtpSettings:
    """Where and how to send: the style's ``smtp`` section, then the environment."""

    host: str
    port: int
    security: str = "starttls"
    user: str = ""
    password: str = field(default="", repr=False)
    ca_file: Path | None = None
    sender: str = ""
    timeout: float = 30.0


def is_loopback(host: str) -> bool:
    """True for ``localhost`` and loopback IP addresses."""
    if host.lower().rstrip(".") == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _netrc_login(host: str, netrc_file: str | None) -> tuple[str, str] | None:
    import netrc

    try:
        entry = netrc.netrc(netrc_file).authenticators(host)
    except FileNotFoundError:
        return None
    except (netrc.NetrcParseError, OSError) as exc:
        raise DeliveryError(f"~/.netrc cannot be read: {clean_line(str(exc))}") from None
    if entry is None:
        return None
    login, _account, password = entry
    return login or "", password or ""


def smtp_settings(smtp: Smtp, env: Mapping[str, str] | None = None, *, netrc_file: str | None = None) -> SmtpSettings:
    """Settings from the style's ``smtp`` section overridden by ``BRIEFING_SMTP_*``.

    Environment: ``BRIEFING_SMTP_HOST``, ``_PORT``, ``_USER``, ``_PASSWORD``,
    ``_SECURITY`` (starttls, ssl, none), ``_CA_FILE``, ``_FROM``.  Without a
    password in the environment, ``~/.netrc`` (``netrc_file`` in tests) is
    looked up for the host; its login is used when no user is set.
    """
    env = os.environ if env is None else env
    host = env.get("BRIEFING_SMTP_HOST", smtp.host).strip()
    security = env.get("BRIEFING_SMTP_SECURITY", smtp.security).strip().lower()
    if security not in DEFAULT_PORTS:
        raise DeliveryError(f"BRIEFING_SMTP_SECURITY='{clean_line(security)}': choose starttls, ssl or none")
    port_text = env.get("BRIEFING_SMTP_PORT", "")
    if port_text:
        if not port_text.isdigit() or not 0 < int(port_text) < 65536:
            raise DeliveryError(f"BRIEFING_SMTP_PORT='{clean_line(port_text)}' is not a port number")
        port = int(port_text)
    else:
        port = smtp.port or DEFAULT_PORTS[security]
    user = env.get("BRIEFING_SMTP_USER", smtp.user)
    password = env.get("BRIEFING_SMTP_PASSWORD", "")
    if host and not password:
        login = _netrc_login(host, netrc_file)
        if login is not None and (not user or login[0] in ("", user)):
            user, password = user or login[0], login[1]
    ca_text = env.get("BRIEFING_SMTP_CA_FILE", "")
    ca_file = Path(ca_text) if ca_text else smtp.ca_file
    if ca_file is not None and not ca_file.is_file():
        raise DeliveryError(f"SMTP CA file {ca_file} does not exist")
    sender = env.get("BRIEFING_SMTP_FROM", smtp.sender) or (user if "@" in user else "")
    return SmtpSettings(host=host, port=port, security=security, user=user, password=password,
                        ca_file=ca_file, sender=sender, timeout=smtp.timeout)


def check_settings(settings: SmtpSettings) -> None:
    """Refuse settings that cannot work or would be unsafe, before connecting."""
    if not settings.host:
        raise DeliveryError("no SMTP server: set smtp.host in the house style or BRIEFING_SMTP_HOST")
    if settings.security == "none" and not is_loopback(settings.host):
        raise DeliveryError(f"SMTP security 'none' is allowed only for a loopback host, not {settings.host}")
    if settings.user and not settings.password:
        raise DeliveryError(f"no SMTP password for {settings.user}: set BRIEFING_SMTP_PASSWORD "
                            f"or add 'machine {settings.host}' to ~/.netrc")
    if not settings.sender:
        raise DeliveryError("no sender address: set smtp.sender in the house style or BRIEFING_SMTP_FROM")
    parse_address(settings.sender)


# --------------------------------------------------------------------------
# Sending
# --------------------------------------------------------------------------


class _Transient(Exception):
    """A failure worth another attempt."""


@dataclass
class Delivery:
    """What happened: who got the message, after how many attempts."""

    accepted: list[str]
    attempts: int


def _tls_context(settings: SmtpSettings) -> ssl.SSLContext:
    # Verifies the chain and the host name; TLS 1.2 or later (Python's default).
    return ssl.create_default_context(cafile=str(settings.ca_file) if settings.ca_file else None)


def _connect(settings: SmtpSettings) -> smtplib.SMTP:
    where = f"{settings.host}:{settings.port}"
    context = _tls_context(settings)
    try:
        if settings.security == "ssl":
            client: smtplib.SMTP = smtplib.SMTP_SSL(settings.host, settings.port, timeout=settings.timeout,
                                                     context=context)
        else:
            client = smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout)
    except ssl.SSLCertVerificationError as exc:
        raise DeliveryError(f"{where}: the server's certificate is not trusted ({exc.verify_message}); "
                            "set smtp.ca_file for a private CA") from None
    except smtplib.SMTPConnectError as exc:
        _raise_reply(exc.smtp_code, exc.smtp_error, f"{where} refused the connection")
    except (OSError, smtplib.SMTPException) as exc:
        raise _Transient(f"cannot connect to {where} ({_reason(exc)})") from None
    try:
        client.ehlo()
        if settings.security == "starttls":
            if not client.has_extn("starttls"):
                raise DeliveryError(f"{where} does not offer STARTTLS: nothing was sent and no password "
                                    "was transmitted")
            client.starttls(context=context)
            client.ehlo()
        if settings.user:
            try:
                client.login(settings.user, settings.password)
            except (smtplib.SMTPServerDisconnected, ConnectionError) as exc:
                # Some servers hang up on a wrong password; a login is never retried
                # (repeated failures can lock the account).
                raise DeliveryError(f"{settings.host}: login as {settings.user} failed "
                                    f"(the server closed the connection: {_reason(exc)})") from None
    except BaseException:
        _close(client)
        raise
    return client


def _close(client: smtplib.SMTP) -> None:
    try:
        client.quit()
    except (OSError, smtplib.SMTPException):
        client.close()


def _reason(exc: BaseException) -> str:
    if isinstance(exc, smtplib.SMTPResponseException):
        return f"{exc.smtp_code} {_text(exc.smtp_error)}"
    return clean_line(str(exc) or type(exc).__name__)


def _text(reply: bytes | str) -> str:
    return clean_line(reply.decode("utf-8", "replace") if isinstance(reply, bytes) else str(reply))


def _raise_reply(code: int, reply: bytes | str, what: str) -> None:
    message = f"{what}: {code} {_text(reply)}"
    raise (_Transient(message) if 400 <= code < 500 else DeliveryError(message))


def _attempt(message: EmailMessage, settings: SmtpSettings, pending: list[str],
             accepted: list[str], refused: dict[str, str]) -> list[str]:
    """Send once to ``pending``; return the recipients to try again (4xx)."""
    where = f"{settings.host}:{settings.port}"
    client = _connect(settings)
    try:
        sender = parse_address(settings.sender).addr_spec
        rejected = client.send_message(message, from_addr=sender, to_addrs=pending)
    except ssl.SSLError as exc:
        raise DeliveryError(f"{where}: TLS failed ({_reason(exc)})") from None
    except smtplib.SMTPRecipientsRefused as exc:
        rejected = exc.recipients
    except smtplib.SMTPSenderRefused as exc:
        _raise_reply(exc.smtp_code, exc.smtp_error, f"sender {exc.sender} refused by {where}")
    except smtplib.SMTPDataError as exc:
        _raise_reply(exc.smtp_code, exc.smtp_error, f"{where} refused the message")
    finally:
        _close(client)
    again = []
    for address in pending:
        if address not in rejected:
            accepted.append(address)
            continue
        code, reply = rejected[address]
        if 400 <= code < 500:
            again.append(address)
        refused[address] = f"{code} {_text(reply)}"
    return again


def send_message(message: EmailMessage, settings: SmtpSettings, *, backoff: Sequence[float] = BACKOFF,
                 sleep: Callable[[float], None] = time.sleep,
                 on_retry: Callable[[str], None] | None = None) -> Delivery:
    """Send ``message`` to its To and Cc recipients; retry transient failures.

    ``backoff`` holds the waits before each further attempt (so there are
    ``len(backoff) + 1`` attempts at most) and ``sleep`` does the waiting:
    tests pass a recorder; ``on_retry`` hears why, before each wait.  Raises DeliveryError naming each recipient the
    server refused and why; recipients accepted before a failure keep the
    message (the error says so).
    """
    check_settings(settings)
    recipients = [a.addr_spec for header in ("To", "Cc") for a in getattr(message[header], "addresses", ())]
    if not recipients:
        raise DeliveryError("no recipient: give at least one --to address")
    accepted: list[str] = []
    refused: dict[str, str] = {}
    pending = recipients
    attempts = 0
    last_error = ""
    while pending:
        attempts += 1
        try:
            pending = _attempt(message, settings, pending, accepted, refused)
            last_error = ""
        except smtplib.SMTPAuthenticationError as exc:
            raise DeliveryError(f"{settings.host}: login as {settings.user} failed "
                                f"({exc.smtp_code} {_text(exc.smtp_error)})") from None
        except smtplib.SMTPNotSupportedError as exc:
            raise DeliveryError(f"{settings.host}: {clean_line(str(exc))}") from None
        except ssl.SSLCertVerificationError as exc:
            raise DeliveryError(f"{settings.host}:{settings.port}: the server's certificate is not trusted "
                                f"({exc.verify_message}); set smtp.ca_file for a private CA") from None
        except ssl.SSLError as exc:
            raise DeliveryError(f"{settings.host}:{settings.port}: TLS failed ({_reason(exc)})") from None
        except _Transient as exc:
            last_error = str(exc)
        except (smtplib.SMTPServerDisconnected, ConnectionError, TimeoutError) as exc:
            last_error = f"{settings.host}:{settings.port}: connection lost ({_reason(exc)})"
        except smtplib.SMTPResponseException as exc:
            try:
                _raise_reply(exc.smtp_code, exc.smtp_error, f"{settings.host}:{settings.port}")
            except _Transient as transient:
                last_error = str(transient)
        if not pending or attempts > len(backoff):
            break
        if on_retry is not None:
            why = last_error or "; ".join(f"{a}: {refused[a]}" for a in pending if a in refused)
            on_retry(f"{why}; trying again in {backoff[attempts - 1]:g} s")
        sleep(backoff[attempts - 1])
    return _outcome(recipients, accepted, refused, pending, last_error, attempts)


def _outcome(recipients: list[str], accepted: list[str], refused: dict[str, str], pending: list[str],
             last_error: str, attempts: int) -> Delivery:
    failed = [a for a in recipients if a not in accepted]
    if not failed:
        return Delivery(accepted=accepted, attempts=attempts)
    tries = f" after {attempts} attempts" if attempts > 1 else ""
    if last_error and set(pending) == set(recipients) and not refused:
        raise DeliveryError(f"{last_error}; nothing was sent{tries}")
    reasons = "; ".join(f"{a}: {refused.get(a) or last_error or 'not accepted'}" for a in failed)
    sent = f" (sent to {', '.join(accepted)})" if accepted else ""
    raise DeliveryError(f"refused{tries}: {reasons}{sent}")
