"""Sending one message out: SMTP e-mail, a WeCom / DingTalk group robot, or a signed webhook (urllib, with a timeout)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
import urllib.error
import urllib.parse
import urllib.request

from django.conf import settings
from django.core.mail import EmailMessage, get_connection

WEBHOOK_TIMEOUT = 10  # seconds; a robot that does not answer in time is a failed attempt, retried later
WECOM_MAX_BYTES = 2048  # WeCom refuses text content longer than this (UTF-8 bytes)
DINGTALK_MAX_BYTES = 18000


class SendError(Exception):
    """The channel did not accept the message; the text says why (shown in the deliveries list)."""


def send_email(*, to: str, subject: str, body: str) -> None:
    """One plain-text e-mail through Django's configured backend (SMTP in production, settings.EMAIL_*)."""
    try:
        connection = get_connection(fail_silently=False, timeout=settings.EMAIL_TIMEOUT)
        sent = EmailMessage(subject=subject, body=body, to=[to], connection=connection).send()
    except Exception as exc:  # noqa: BLE001 - SMTP, socket and DNS errors all mean "not sent"
        raise SendError(f"邮件发送失败：{type(exc).__name__}: {exc}") from exc
    if sent != 1:
        raise SendError("邮件发送失败：邮件服务器没有接受这封邮件。")


def send_wecom(*, url: str, content: str) -> None:
    """企业微信群机器人: POST {"msgtype":"text","text":{"content":…}}; success is {"errcode":0}."""
    _post_robot(url, {"msgtype": "text", "text": {"content": truncate_bytes(content, WECOM_MAX_BYTES)}})


def send_dingtalk(*, url: str, content: str, secret: str = "") -> None:
    """钉钉群机器人: the same text message; with a secret, the URL carries `timestamp` and `sign` (加签)."""
    if secret:
        url = dingtalk_signed_url(url, secret)
    _post_robot(url, {"msgtype": "text", "text": {"content": truncate_bytes(content, DINGTALK_MAX_BYTES)}})


def dingtalk_sign(secret: str, timestamp: int) -> str:
    """base64(hmac_sha256(secret, "{timestamp}\\n{secret}")), before URL encoding."""
    digest = hmac.new(secret.encode(), f"{timestamp}\n{secret}".encode(), hashlib.sha256).digest()
    return base64.b64encode(digest).decode()


def dingtalk_signed_url(url: str, secret: str, timestamp: int | None = None) -> str:
    timestamp = int(time.time() * 1000) if timestamp is None else timestamp
    sign = urllib.parse.quote_plus(dingtalk_sign(secret, timestamp))
    return f"{url}{'&' if '?' in url else '?'}timestamp={timestamp}&sign={sign}"


def webhook_signature(secret: str, body: bytes) -> str:
    """The X-Tongxin-Signature header: "sha256=" + hex(hmac_sha256(secret, raw body))."""
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def send_webhook(*, url: str, body: str, secret: str, event: str) -> None:
    """Another system's endpoint: POST the JSON body signed with the channel's secret; any 2xx is success."""
    if urllib.parse.urlsplit(url).scheme not in ("http", "https"):
        raise SendError("Webhook 地址必须以 http:// 或 https:// 开头。")
    if not secret:
        raise SendError("Webhook 没有签名密钥，未发送。")
    data = body.encode()
    request = urllib.request.Request(
        url,
        data=data,
        headers={
            "Content-Type": "application/json; charset=utf-8",
            "X-Tongxin-Event": event,
            "X-Tongxin-Signature": webhook_signature(secret, data),
        },
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=WEBHOOK_TIMEOUT) as response:  # noqa: S310 - scheme checked
            response.read(65536)
    except urllib.error.HTTPError as exc:
        raise SendError(f"Webhook 返回 HTTP {exc.code}：{_snippet(exc.read(2000))}") from exc
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        raise SendError(f"无法连接 Webhook：{getattr(exc, 'reason', exc)}") from exc


def truncate_bytes(text: str, limit: int) -> str:
    """At most `limit` UTF-8 bytes, cut on a character boundary, marked with … when cut."""
    data = text.encode()
    if len(data) <= limit:
        return text
    return data[: limit - 3].decode(errors="ignore") + "…"


def _post_robot(url: str, payload: dict) -> None:
    if urllib.parse.urlsplit(url).scheme not in ("http", "https"):
        # urllib would also open file:// and ftp:// addresses; a webhook is only ever HTTP(S).
        raise SendError("Webhook 地址必须以 http:// 或 https:// 开头。")
    request = urllib.request.Request(
        url,
        data=json.dumps(payload, ensure_ascii=False).encode(),
        headers={"Content-Type": "application/json; charset=utf-8"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=WEBHOOK_TIMEOUT) as response:  # noqa: S310 - scheme checked
            raw = response.read(65536)
    except urllib.error.HTTPError as exc:
        raise SendError(f"机器人接口返回 HTTP {exc.code}：{_snippet(exc.read(2000))}") from exc
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise SendError(f"无法连接机器人接口：{reason}") from exc
    try:
        answer = json.loads(raw)
    except ValueError as exc:
        raise SendError(f"机器人接口的应答不是 JSON：{_snippet(raw)}") from exc
    if not isinstance(answer, dict) or answer.get("errcode") != 0:
        errcode = answer.get("errcode") if isinstance(answer, dict) else None
        errmsg = answer.get("errmsg", "") if isinstance(answer, dict) else _snippet(raw)
        raise SendError(f"机器人接口拒绝了消息：errcode={errcode} {errmsg}".strip())


def _snippet(raw: bytes) -> str:
    return raw.decode(errors="replace").strip()[:300]
