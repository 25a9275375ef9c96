"""briefing email: real SMTP servers (aiosmtpd) on loopback with certificates made here (trustme)."""

from __future__ import annotations

import email
import socket
import ssl
from collections.abc import Iterator
from dataclasses import dataclass, field
from email import policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
import trustme
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult
from click.testing import CliRunner

from briefing.cli import cli
from briefing.deliver import DeliveryError, clean_line, smtp
from briefing.deliver import email as mail
from tests.conftest import BRIEF_DATE

USER, PASSWORD = "analyst", "s3cret-pass"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def over_tls(server: Any, session: Any) -> bool:
    """After STARTTLS aiosmtpd sets session.ssl; with implicit TLS only the transport knows."""
    return session.ssl is not None or server.transport.get_extra_info("ssl_object") is not None


@dataclass
class Recorder:
    """An aiosmtpd handler that keeps everything the client did."""

    ehlo: list[str] = field(default_factory=list)
    auth: list[tuple[str, bool]] = field(default_factory=list)  # (login, over TLS)
    mail_from: list[str] = field(default_factory=list)
    messages: list[tuple[list[str], bytes, bool]] = field(default_factory=list)  # (rcpts, data, over TLS)
    rcpt_replies: dict[str, list[str]] = field(default_factory=dict)  # address -> replies to give in turn
    data_replies: list[str] = field(default_factory=list)

    async def handle_EHLO(self, server: Any, session: Any, envelope: Any, hostname: str,
                          responses: list[str]) -> list[str]:
        self.ehlo.append(hostname)
        session.host_name = hostname
        return responses

    async def handle_MAIL(self, server: Any, session: Any, envelope: Any, address: str, options: list[str]) -> str:
        self.mail_from.append(address)
        envelope.mail_from = address
        return "250 OK"

    async def handle_RCPT(self, server: Any, session: Any, envelope: Any, address: str, options: list[str]) -> str:
        replies = self.rcpt_replies.get(address)
        if replies:
            return replies.pop(0)
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        if self.data_replies:
            return self.data_replies.pop(0)
        self.messages.append((list(envelope.rcpt_tos), envelope.content, over_tls(server, session)))
        return "250 Message accepted"

    def authenticator(self, server: Any, session: Any, envelope: Any, mechanism: str, auth_data: Any) -> AuthResult:
        login = auth_data.login.decode() if isinstance(auth_data.login, bytes) else str(auth_data.login)
        password = auth_data.password.decode() if isinstance(auth_data.password, bytes) else str(auth_data.password)
        self.auth.append((login, over_tls(server, session)))
        return AuthResult(success=(login, password) == (USER, PASSWORD))


@pytest.fixture(scope="module")
def ca() -> trustme.CA:
    return trustme.CA()


@pytest.fixture(scope="module")
def ca_file(ca: trustme.CA, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("ca") / "ca.pem"
    ca.cert_pem.write_to_path(str(path))
    return path


@pytest.fixture(scope="module")
def server_context(ca: trustme.CA) -> ssl.SSLContext:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("127.0.0.1", "localhost").configure_cert(context)
    return context


def start(recorder: Recorder, **kwargs: Any) -> Controller:
    controller = Controller(recorder, hostname="127.0.0.1", port=free_port(),
                            authenticator=recorder.authenticator, **kwargs)
    controller.start()
    return controller


@pytest.fixture
def starttls_server(server_context: ssl.SSLContext) -> Iterator[tuple[Recorder, int]]:
    recorder = Recorder()
    controller = start(recorder, tls_context=server_context, require_starttls=True)
    yield recorder, controller.port
    controller.stop()


@pytest.fixture
def plain_server() -> Iterator[tuple[Recorder, int]]:
    """A server that offers no STARTTLS and would take AUTH in the clear."""
    recorder = Recorder()
    controller = start(recorder, auth_require_tls=False)
    yield recorder, controller.port
    controller.stop()


def settings(port: int, ca_file: Path | None, **changes: Any) -> smtp.SmtpSettings:
    values: dict[str, Any] = {"host": "127.0.0.1", "port": port, "security": "starttls", "user": USER,
                              "password": PASSWORD, "ca_file": ca_file, "sender": "Briefing <briefs@example.org>",
                              "timeout": 10}
    values.update(changes)
    return smtp.SmtpSettings(**values)


def no_retry(seconds: float) -> None:
    pytest.fail(f"a permanent failure was retried (after waiting {seconds} s)")


PDF = b"%PDF-1.7\n% not a real brief, but bytes to compare\n%%EOF\n"


def message(to: tuple[str, ...] = ("alice@example.org",), cc: tuple[str, ...] = ()) -> EmailMessage:
    return mail.build_message(sender=mail.parse_address("Briefing <briefs@example.org>"),
                              to=mail.parse_addresses(to), cc=mail.parse_addresses(cc), subject="Brief: test",
                              text="Brief: test\n\n- first takeaway\n", html="<p>first takeaway</p>",
                              pdf=PDF, pdf_name="brief-test.pdf")


def parts(data: bytes) -> dict[str, Any]:
    parsed = email.message_from_bytes(data, policy=policy.default)
    found: dict[str, Any] = {"message": parsed}
    for part in parsed.walk():
        if part.get_content_type() == "text/plain":
            found["text"] = part.get_content()
        elif part.get_content_type() == "text/html":
            found["html"] = part.get_content()
        elif part.get_content_type() == "application/pdf":
            found["pdf"], found["pdf_name"] = part.get_content(), part.get_filename()
            found["pdf_disposition"] = part.get_content_disposition()
    return found


# ------------------------------------------------------------------ SMTP


def test_starttls_delivers_text_html_and_pdf(starttls_server: tuple[Recorder, int], ca_file: Path) -> None:
    recorder, port = starttls_server
    delivery = smtp.send_message(message(cc=("bob@example.org",)), settings(port, ca_file))
    assert delivery.accepted == ["alice@example.org", "bob@example.org"]
    assert recorder.auth == [(USER, True)]  # AUTH only after STARTTLS
    [(rcpts, data, over_tls)] = recorder.messages
    assert over_tls and rcpts == ["alice@example.org", "bob@example.org"]
    assert recorder.mail_from == ["briefs@example.org"]
    found = parts(data)
    assert found["text"].startswith("Brief: test") and "<p>first takeaway</p>" in found["html"]
    assert found["pdf"] == PDF and found["pdf_name"] == "brief-test.pdf"
    assert found["pdf_disposition"] == "attachment"
    assert found["message"]["Cc"] == "bob@example.org"


def test_implicit_tls(server_context: ssl.SSLContext, ca_file: Path) -> None:
    recorder = Recorder()
    # aiosmtpd does not count implicit TLS as TLS for AUTH: the recorder checks the transport itself
    controller = start(recorder, ssl_context=server_context, auth_require_tls=False)
    try:
        smtp.send_message(message(), settings(controller.port, ca_file, security="ssl"))
    finally:
        controller.stop()
    assert [tls for *_, tls in recorder.messages] == [True]
    assert recorder.auth == [(USER, True)]


def test_certificate_from_another_ca_is_refused(starttls_server: tuple[Recorder, int], tmp_path: Path) -> None:
    recorder, port = starttls_server
    other = tmp_path / "other-ca.pem"
    trustme.CA().cert_pem.write_to_path(str(other))
    with pytest.raises(DeliveryError, match="certificate is not trusted"):
        smtp.send_message(message(), settings(port, other), sleep=no_retry)
    assert recorder.auth == [] and recorder.messages == [] and recorder.mail_from == []


def test_system_trust_store_does_not_accept_a_private_ca(starttls_server: tuple[Recorder, int]) -> None:
    recorder, port = starttls_server
    with pytest.raises(DeliveryError, match="certificate is not trusted"):
        smtp.send_message(message(), settings(port, None), sleep=no_retry)
    assert recorder.auth == [] and recorder.messages == []


def test_server_without_starttls_gets_no_auth_and_no_message(plain_server: tuple[Recorder, int]) -> None:
    recorder, port = plain_server
    with pytest.raises(DeliveryError, match="does not offer STARTTLS"):
        smtp.send_message(message(), settings(port, None), sleep=no_retry)
    assert recorder.ehlo  # it did talk to the server ...
    assert recorder.auth == [] and recorder.mail_from == [] and recorder.messages == []  # ... and stopped there


def test_security_none_is_for_loopback_only(plain_server: tuple[Recorder, int]) -> None:
    recorder, port = plain_server
    smtp.send_message(message(), settings(port, None, security="none", user="", password=""))
    assert len(recorder.messages) == 1 and recorder.messages[0][2] is False
    with pytest.raises(DeliveryError, match="loopback"):
        smtp.check_settings(settings(port, None, security="none", host="mail.example.org"))


def test_transient_refusal_is_retried_with_backoff(starttls_server: tuple[Recorder, int], ca_file: Path) -> None:
    recorder, port = starttls_server
    recorder.rcpt_replies["bob@example.org"] = ["451 4.7.1 greylisted, try again"]
    waits: list[float] = []
    told: list[str] = []
    delivery = smtp.send_message(message(to=("alice@example.org", "bob@example.org")), settings(port, ca_file),
                                 backoff=(0.25, 1.0), sleep=waits.append, on_retry=told.append)
    assert waits == [0.25] and delivery.attempts == 2
    assert told == ["bob@example.org: 451 4.7.1 greylisted, try again; trying again in 0.25 s"]
    # alice got it on the first attempt, bob on the second: once each
    assert [rcpts for rcpts, *_ in recorder.messages] == [["alice@example.org"], ["bob@example.org"]]


def test_transient_data_failure_is_retried(starttls_server: tuple[Recorder, int], ca_file: Path) -> None:
    recorder, port = starttls_server
    recorder.data_replies = ["421 4.3.0 try again later"]
    waits: list[float] = []
    smtp.send_message(message(), settings(port, ca_file), backoff=(0.0, 0.0), sleep=waits.append)
    assert waits == [0.0] and len(recorder.messages) == 1


def test_permanent_refusal_names_the_recipient(starttls_server: tuple[Recorder, int], ca_file: Path) -> None:
    recorder, port = starttls_server
    recorder.rcpt_replies["bob@example.org"] = ["550 5.1.1 mailbox unavailable"]
    with pytest.raises(DeliveryError) as info:
        smtp.send_message(message(to=("alice@example.org", "bob@example.org")), settings(port, ca_file),
                          sleep=no_retry)
    text = str(info.value)
    assert "bob@example.org: 550 5.1.1 mailbox unavailable" in text and "sent to alice@example.org" in text
    assert [rcpts for rcpts, *_ in recorder.messages] == [["alice@example.org"]]


def test_unreachable_server_is_retried_then_reported(ca_file: Path) -> None:
    waits: list[float] = []
    with pytest.raises(DeliveryError, match=r"cannot connect to 127\.0\.0\.1:\d+.*nothing was sent after 3 attempts"):
        smtp.send_message(message(), settings(free_port(), ca_file), backoff=(0.0, 0.0), sleep=waits.append)
    assert waits == [0.0, 0.0]


def test_wrong_password_is_permanent(starttls_server: tuple[Recorder, int], ca_file: Path) -> None:
    recorder, port = starttls_server
    with pytest.raises(DeliveryError, match=f"login as {USER} failed"):
        smtp.send_message(message(), settings(port, ca_file, password="wrong", timeout=2), sleep=no_retry)
    assert recorder.messages == []


# ------------------------------------------------------------------ addresses, subject, settings


@pytest.mark.parametrize("value, expected", [
    ("alice@example.org", "alice@example.org"),
    ("Alice Aliyeva <alice@example.org>", "Alice Aliyeva <alice@example.org>"),
    ("  Alice  Aliyeva  <alice@example.org> ", "Alice  Aliyeva <alice@example.org>"),
    ('"Aliyeva, Alice" <alice@example.org>', '"Aliyeva, Alice" <alice@example.org>'),
    ("bob@bücher.example", "bob@xn--bcher-kva.example"),
])
def test_good_addresses(value: str, expected: str) -> None:
    assert str(mail.parse_address(value)) == expected


@pytest.mark.parametrize("value", [
    "alice@example.org\r\nBcc: eve@example.org",
    "alice@example.org\nBcc: eve@example.org",
    "alice\u202e@example.org",
    "alice@example.org\t",
    "Alice \u2066<alice@example.org>",
    "alice",
    "alice@",
    "alice@localhost",
    "alice@exa mple.org",
    "a@b@example.org",
    "alice@example.org, eve@example.org",
    "Eve <eve@example.org> <alice@example.org>",
    "Eve\" <eve@example.org>",
    "",
])
def test_bad_addresses_are_refused(value: str) -> None:
    with pytest.raises(DeliveryError, match="address"):
        mail.parse_address(value)


def test_subject_is_one_clean_line() -> None:
    title = "Baku\r\nBcc: eve@example.org \u202eevil\u200b\x07 talks\u2028again"
    subject = mail.subject_line(title)
    assert subject == "Baku Bcc: eve@example.org evil talks again"
    msg = message()
    msg.replace_header("Subject", subject)
    assert b"\r\nBcc:" not in msg.as_bytes(policy=policy.SMTP)
    assert clean_line("x" * 300).endswith("…") and len(clean_line("x" * 300)) == 200


def test_settings_from_style_environment_and_netrc(tmp_path: Path) -> None:
    from briefing.config import Smtp

    netrc = tmp_path / "netrc"
    netrc.write_text("machine mail.example.org login analyst password from-netrc\n", encoding="utf-8")
    netrc.chmod(0o600)
    style = Smtp(host="mail.example.org", user="", sender="briefs@example.org")
    got = smtp.smtp_settings(style, {}, netrc_file=str(netrc))
    assert (got.host, got.port, got.user, got.password) == ("mail.example.org", 587, "analyst", "from-netrc")
    env = {"BRIEFING_SMTP_HOST": "smtp.example.org", "BRIEFING_SMTP_PORT": "465", "BRIEFING_SMTP_SECURITY": "ssl",
           "BRIEFING_SMTP_USER": "other", "BRIEFING_SMTP_PASSWORD": "from-env"}
    got = smtp.smtp_settings(style, env, netrc_file=str(netrc))
    assert (got.host, got.port, got.security, got.user, got.password) == (
        "smtp.example.org", 465, "ssl", "other", "from-env")
    assert "from-env" not in repr(got)
    with pytest.raises(DeliveryError, match="BRIEFING_SMTP_PORT"):
        smtp.smtp_settings(style, {"BRIEFING_SMTP_PORT": "25; rm"})
    with pytest.raises(DeliveryError, match="no SMTP password for analyst"):
        smtp.check_settings(smtp.SmtpSettings(host="mail.example.org", port=587, user="analyst",
                                              sender="briefs@example.org"))


# ------------------------------------------------------------------ the command


def smtp_env(port: int, ca_file: Path) -> dict[str, str]:
    return {"BRIEFING_SMTP_HOST": "127.0.0.1", "BRIEFING_SMTP_PORT": str(port), "BRIEFING_SMTP_USER": USER,
            "BRIEFING_SMTP_PASSWORD": PASSWORD, "BRIEFING_SMTP_CA_FILE": str(ca_file),
            "BRIEFING_SMTP_FROM": "Briefing desk <briefs@example.org>"}


def test_command_renders_and_sends_the_brief(runner: CliRunner, starttls_server: tuple[Recorder, int],
                                             ca_file: Path, sample_path: Path, sample_pdf: Path,
                                             sample_brief: Any) -> None:
    recorder, port = starttls_server
    result = runner.invoke(cli, ["email", str(sample_path), "--to", "Alice <alice@example.org>",
                                 "--cc", "bob@example.org", "--date", BRIEF_DATE], env=smtp_env(port, ca_file))
    assert result.exit_code == 0, result.output
    [(rcpts, data, over_tls)] = recorder.messages
    assert over_tls and rcpts == ["alice@example.org", "bob@example.org"]
    found = parts(data)
    assert found["pdf"] == sample_pdf.read_bytes()  # the attachment is the rendered brief, byte for byte
    assert found["pdf_name"].endswith(".pdf")
    assert found["message"]["Subject"] == sample_brief.title
    assert sample_brief.title in found["text"]
    assert sample_brief.takeaways[0].text[:60] in " ".join(found["text"].split())
    assert "<html" in found["html"].lower() and "<script" not in found["html"].lower()
    assert "sent" in result.stdout and "alice@example.org" in result.stdout


def test_command_sends_a_finished_pdf_as_it_is(runner: CliRunner, starttls_server: tuple[Recorder, int],
                                               ca_file: Path, sample_pdf: Path) -> None:
    recorder, port = starttls_server
    result = runner.invoke(cli, ["email", str(sample_pdf), "--to", "alice@example.org", "--subject", "For Monday"],
                           env=smtp_env(port, ca_file))
    assert result.exit_code == 0, result.output
    found = parts(recorder.messages[0][1])
    assert found["pdf"] == sample_pdf.read_bytes() and found["pdf_name"] == sample_pdf.name
    assert found["message"]["Subject"] == "For Monday"


def test_finished_pdf_body_has_the_takeaways_of_the_brief_it_carries(
        runner: CliRunner, ca_file: Path, sample_pdf: Path, sample_brief: Any, tmp_path: Path) -> None:
    target = tmp_path / "finished.eml"
    result = runner.invoke(cli, ["email", str(sample_pdf), "--to", "alice@example.org", "--dry-run", str(target)],
                           env={"BRIEFING_SMTP_FROM": "briefs@example.org", "BRIEFING_SMTP_HOST": ""})
    assert result.exit_code == 0, result.output
    found = parts(target.read_bytes())
    assert found["pdf"] == sample_pdf.read_bytes()
    assert found["message"]["Subject"] == sample_brief.title
    for point in sample_brief.takeaways:
        assert point.text[:50] in " ".join(found["text"].split())
    assert sample_brief.takeaways[0].text[:30] in found["html"]


def test_a_pdf_with_a_tampered_brief_is_sent_with_its_title_only(
        runner: CliRunner, sample_pdf: Path, tmp_path: Path) -> None:
    """The embedded brief is untrusted input: invalid JSON is ignored, not obeyed."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(sample_pdf))
    writer._root_object.pop("/Names")  # noqa: SLF001 - drop the real brief.json
    writer.add_attachment("brief.json", b'{"schema_version": 1, "title": "x", "bogus": "<script>"}')
    tampered = tmp_path / "tampered.pdf"
    with tampered.open("wb") as handle:
        writer.write(handle)
    target = tmp_path / "tampered.eml"
    result = runner.invoke(cli, ["email", str(tampered), "--to", "alice@example.org", "--dry-run", str(target)],
                           env={"BRIEFING_SMTP_FROM": "briefs@example.org", "BRIEFING_SMTP_HOST": ""})
    assert result.exit_code == 0, result.output
    found = parts(target.read_bytes())
    assert "bogus" not in found["text"] and "<script>" not in found["html"]
    assert found["message"]["Subject"] != "x"


def test_command_refuses_a_bad_address_before_connecting(runner: CliRunner, starttls_server: tuple[Recorder, int],
                                                         ca_file: Path, sample_path: Path) -> None:
    recorder, port = starttls_server
    result = runner.invoke(cli, ["email", str(sample_path), "--to", "alice@example.org",
                                 "--to", "eve@example.org\nBcc: all@example.org"], env=smtp_env(port, ca_file))
    assert result.exit_code == 1
    assert result.stderr.startswith("briefing: error: address") and len(result.stderr.strip().splitlines()) == 1
    assert recorder.ehlo == [] and recorder.messages == []


def test_command_has_no_password_flag(runner: CliRunner, sample_path: Path) -> None:
    result = runner.invoke(cli, ["email", str(sample_path), "--to", "a@example.org", "--password", "x"])
    assert result.exit_code == 2


def test_dry_run_writes_the_eml(runner: CliRunner, sample_path: Path, sample_pdf: Path, tmp_path: Path) -> None:
    target = tmp_path / "brief.eml"
    result = runner.invoke(cli, ["email", str(sample_path), "--to", "alice@example.org", "--date", BRIEF_DATE,
                                 "--dry-run", str(target)], env={"BRIEFING_SMTP_FROM": "briefs@example.org",
                                                                  "BRIEFING_SMTP_HOST": ""})
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == str(target)
    data = target.read_bytes()
    assert b"\r\n" in data
    found = parts(data)
    assert found["pdf"] == sample_pdf.read_bytes() and "text" in found and "html" in found
    assert found["message"]["From"] == "briefs@example.org" and found["message"]["To"] == "alice@example.org"
