"""Senders talk to the real protocols, here against local receivers: WeCom and DingTalk robots, and SMTP."""

from __future__ import annotations

import socket

import pytest

from tests.notify.conftest import DINGTALK_SECRET
from tongxin.notify import senders


def test_wecom_robot_gets_a_text_message_and_errcode_0_is_success(robot):
    senders.send_wecom(url=robot.url("/wecom/send?key=k1"), content="【督办提醒】宗教业务科：已逾期 1 项")
    (post,) = robot.posts
    assert (post.path, post.query) == ("/wecom/send", {"key": ["k1"]})
    assert post.body == {"msgtype": "text", "text": {"content": "【督办提醒】宗教业务科：已逾期 1 项"}}


def test_dingtalk_robot_with_a_secret_gets_a_valid_signature(robot):
    senders.send_dingtalk(url=robot.url("/dingtalk/robot/send?access_token=t1"), content="测试", secret=DINGTALK_SECRET)
    (post,) = robot.posts
    assert post.signature_ok is True
    assert post.query["access_token"] == ["t1"]
    assert post.body == {"msgtype": "text", "text": {"content": "测试"}}


def test_dingtalk_signature_is_the_documented_one():
    # base64(hmac_sha256("SEC…", "1700000000000\nSEC…")), then URL-encoded into the query string.
    url = senders.dingtalk_signed_url("https://oapi.dingtalk.com/robot/send?access_token=x", "SECabc", 1700000000000)
    assert url == (
        "https://oapi.dingtalk.com/robot/send?access_token=x&timestamp=1700000000000"
        "&sign=jcUpW0QmtKduN03n4JqQ0PBosVjqnM8gU7fIIvsDmCM%3D"
    )
    assert senders.dingtalk_sign("SECabc", 1700000000000) == "jcUpW0QmtKduN03n4JqQ0PBosVjqnM8gU7fIIvsDmCM="  # openssl dgst -sha256 -hmac SECabc -binary | base64


def test_a_wrong_dingtalk_secret_is_refused_with_the_robots_message(robot):
    with pytest.raises(senders.SendError) as exc:
        senders.send_dingtalk(url=robot.url("/dingtalk/robot/send?access_token=t1"), content="测试", secret="SECwrong")
    assert str(exc.value) == "机器人接口拒绝了消息：errcode=310000 sign not match"


def test_an_error_code_and_an_http_500_are_failures_with_their_text(robot):
    robot.answer(200, {"errcode": 93000, "errmsg": "invalid webhook url"})
    with pytest.raises(senders.SendError, match="errcode=93000 invalid webhook url"):
        senders.send_wecom(url=robot.url("/wecom/send?key=bad"), content="x")
    robot.answer(500, {"error": "internal"})
    with pytest.raises(senders.SendError, match=r'^机器人接口返回 HTTP 500：\{"error": "internal"\}$'):
        senders.send_wecom(url=robot.url("/wecom/send?key=k"), content="x")


def test_an_unreachable_robot_and_a_non_http_address_are_failures():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # closed again: nobody listens there
    with pytest.raises(senders.SendError, match="^无法连接机器人接口："):
        senders.send_wecom(url=f"http://127.0.0.1:{port}/send", content="x")
    with pytest.raises(senders.SendError, match="必须以 http:// 或 https:// 开头"):
        senders.send_wecom(url="file:///etc/passwd", content="x")


def test_long_wecom_messages_are_cut_to_2048_bytes_on_a_character_boundary(robot):
    senders.send_wecom(url=robot.url("/wecom/send?key=k"), content="逾" * 1000)
    content = robot.texts()[0]
    assert len(content.encode()) <= 2048 and content.endswith("…") and content.startswith("逾" * 600)


def test_email_goes_through_the_smtp_server_in_the_settings(smtp_sink):
    senders.send_email(to="dangwai@example.org", subject="【督办提醒】党外干部和民主党派科", body="已逾期 1 项")
    assert smtp_sink.messages == [
        {
            "from": "<tongxin@localhost>",
            "rcpt": ["<dangwai@example.org>"],
            "subject": "【督办提醒】党外干部和民主党派科",
            "to": "dangwai@example.org",
            "body": "已逾期 1 项",
        }
    ]


def test_an_unreachable_mail_server_is_a_failure(settings):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    with pytest.raises(senders.SendError, match="^邮件发送失败：ConnectionRefusedError"):
        senders.send_email(to="a@example.org", subject="s", body="b")
