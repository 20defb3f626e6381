"""Local receivers the notify tests send to (never the real WeCom, DingTalk or a mail server), and channels on them.

- `robot`: an HTTP server on 127.0.0.1 that records every posted JSON body, answers like a WeCom / DingTalk robot
  ({"errcode":0}), and on demand answers an error code or HTTP 500. It recomputes DingTalk's signature.
- `smtp_sink`: a minimal SMTP server on 127.0.0.1 that keeps every message it is given.
"""

from __future__ import annotations

import base64
import email
import email.policy
import hashlib
import hmac
import json
import socketserver
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest

from tongxin.notify.models import Channel

DINGTALK_SECRET = "SEC0123456789abcdef"


@dataclass
class Post:
    path: str
    query: dict
    body: dict
    signature_ok: bool | None = None


@dataclass
class Robot:
    """What the fake robot received, and how it should answer the next posts."""

    port: int = 0
    posts: list[Post] = field(default_factory=list)
    answers: list[tuple[int, dict]] = field(default_factory=list)  # queued (HTTP status, JSON) answers; then errcode 0
    delay: float = 0.0  # seconds to think before answering, so concurrent senders overlap
    lock: threading.Lock = field(default_factory=threading.Lock)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def answer(self, status: int, payload: dict, times: int = 1) -> None:
        with self.lock:
            self.answers += [(status, payload)] * times

    def texts(self, path_prefix: str = "") -> list[str]:
        return [p.body["text"]["content"] for p in self.posts if p.path.startswith(path_prefix)]


def _dingtalk_signature_ok(query: dict) -> bool:
    """DingTalk's check: sign == base64(hmac_sha256(secret, f"{timestamp}\\n{secret}")), timestamp within an hour."""
    try:
        timestamp, sign = query["timestamp"][0], query["sign"][0]
    except KeyError:
        return False
    expected = base64.b64encode(
        hmac.new(DINGTALK_SECRET.encode(), f"{timestamp}\n{DINGTALK_SECRET}".encode(), hashlib.sha256).digest()
    ).decode()
    return hmac.compare_digest(sign, expected) and abs(time.time() * 1000 - int(timestamp)) < 3600_000


@pytest.fixture
def robot():
    state = Robot()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802 - http.server's naming
            parts = urlsplit(self.path)
            query = parse_qs(parts.query)
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            time.sleep(state.delay)
            post = Post(path=parts.path, query=query, body=body)
            if parts.path.startswith("/dingtalk") and "sign" in query:
                post.signature_ok = _dingtalk_signature_ok(query)
            with state.lock:
                state.posts.append(post)
                status, payload = state.answers.pop(0) if state.answers else (200, {"errcode": 0, "errmsg": "ok"})
            if post.signature_ok is False:
                status, payload = 200, {"errcode": 310000, "errmsg": "sign not match"}
            data = json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    state.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield state
    server.shutdown()
    server.server_close()


@dataclass
class Sink:
    port: int = 0
    messages: list[dict] = field(default_factory=list)


@pytest.fixture
def smtp_sink(settings):
    """Speaks just enough SMTP for Django's backend: greeting, EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT."""
    sink = Sink()

    class Handler(socketserver.StreamRequestHandler):
        def reply(self, line: str) -> None:
            self.wfile.write(line.encode() + b"\r\n")

        def handle(self):
            self.reply("220 sink.local ESMTP")
            mail_from, rcpt = "", []
            while line := self.rfile.readline():
                verb = line.decode(errors="replace").strip().split(" ", 1)[0].upper()
                if verb in ("EHLO", "HELO"):
                    self.reply("250 sink.local")
                elif verb == "MAIL":
                    mail_from, rcpt = line.decode().split(":", 1)[1].strip(), []
                    self.reply("250 OK")
                elif verb == "RCPT":
                    rcpt.append(line.decode().split(":", 1)[1].strip())
                    self.reply("250 OK")
                elif verb == "DATA":
                    self.reply("354 End data with <CR><LF>.<CR><LF>")
                    data = b""
                    while (chunk := self.rfile.readline()) not in (b".\r\n", b""):
                        data += chunk[1:] if chunk.startswith(b"..") else chunk
                    msg = email.message_from_bytes(data, policy=email.policy.default)
                    sink.messages.append(
                        {
                            "from": mail_from,
                            "rcpt": rcpt,
                            "subject": str(msg["subject"]).strip(),
                            "to": str(msg["to"]),
                            "body": msg.get_content().replace("\r\n", "\n").strip(),
                        }
                    )
                    self.reply("250 OK queued")
                elif verb in ("RSET", "NOOP"):
                    self.reply("250 OK")
                elif verb == "QUIT":
                    self.reply("221 Bye")
                    return
                else:
                    self.reply("502 Command not implemented")

    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    sink.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", sink.port
    settings.EMAIL_USE_TLS, settings.EMAIL_HOST_USER, settings.EMAIL_HOST_PASSWORD = False, "", ""
    yield sink
    server.shutdown()
    server.server_close()


@pytest.fixture
def channels(db, robot, smtp_sink, units):
    """E-mail on; a department-wide WeCom robot; a DingTalk robot (signed) for 党外干部和民主党派科 only."""
    return {
        "email": Channel.objects.create(kind=Channel.Kind.EMAIL, name="邮件"),
        "wecom": Channel.objects.create(
            kind=Channel.Kind.WECOM, name="统战部工作群", webhook_url=robot.url("/wecom/send?key=wecom-key-0001")
        ),
        "dingtalk": Channel.objects.create(
            kind=Channel.Kind.DINGTALK,
            name="党外科钉钉群",
            webhook_url=robot.url("/dingtalk/robot/send?access_token=ding-token-0002"),
            secret=DINGTALK_SECRET,
            org=units["dangwai"],
        ),
    }


@pytest.fixture(autouse=True)
def _unread_context_processor(settings):
    """The navigation's unread count (tongxin.notify.context_processors.unread), whether or not settings list it yet."""
    processors = settings.TEMPLATES[0]["OPTIONS"]["context_processors"]
    name = "tongxin.notify.context_processors.unread"
    if name not in processors:
        templates = [dict(settings.TEMPLATES[0], OPTIONS=dict(settings.TEMPLATES[0]["OPTIONS"]))]
        templates[0]["OPTIONS"]["context_processors"] = [*processors, name]
        settings.TEMPLATES = templates
