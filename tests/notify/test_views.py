"""The inbox (everyone's own messages) and, for administrators, channel settings and the deliveries list.

Personas (tests/conftest.py): dangwai and zongjiao [unit members] read their own messages; admin [department
administrator] manages channels; viewer [read-only], zhang [leader] and dangwai may not (403).
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from tongxin.audit.models import AuditEntry
from tongxin.core import clock
from tongxin.notify.models import Channel, Delivery, Notification

pytestmark = pytest.mark.django_db


@pytest.fixture
def messages_for(people):
    """dangwai: one read message and two unread (newest last); zongjiao: one of their own."""

    def make(user, title, *, read=False, url="", minutes_ago=0):
        n = Notification.objects.create(recipient=user, kind="test", title=title, body=f"{title}的内容", url=url)
        at = clock.now() - dt.timedelta(minutes=minutes_ago)
        Notification.objects.filter(pk=n.pk).update(created_at=at, read_at=at if read else None)
        return Notification.objects.get(pk=n.pk)

    return {
        "read": make(people["dangwai"], "您报送的开展情况已被采用", read=True, minutes_ago=1),
        "urge": make(people["dangwai"], "【催办】报送细化实施方案", url="/supervision/tasks/1/", minutes_ago=30),
        "reminder": make(people["dangwai"], "【督办提醒】已逾期 1 项", url="/supervision/units/1/", minutes_ago=10),
        "other": make(people["zongjiao"], "【督办提醒】宗教业务科：已逾期 1 项"),
    }


def titles(response) -> list[str]:
    return [n.title for n in response.context["page"]]


def test_inbox_shows_own_messages_unread_first_with_the_unread_count(client_for, messages_for):
    r = client_for("dangwai").get(reverse("notify:inbox"))
    assert titles(r) == ["【督办提醒】已逾期 1 项", "【催办】报送细化实施方案", "您报送的开展情况已被采用"]
    html = r.content.decode()
    assert '<span class="badge" data-testid="unread">2</span>' in html
    assert "未读 2 条" in html and "【督办提醒】宗教业务科" not in html
    assert f'href="{reverse("notify:open", args=[messages_for["urge"].pk])}"' in html
    only_unread = client_for("dangwai").get(reverse("notify:inbox"), {"show": "unread"})
    assert titles(only_unread) == ["【督办提醒】已逾期 1 项", "【催办】报送细化实施方案"]


def test_marking_one_read_with_htmx_returns_the_row_and_the_new_counts(client_for, messages_for):
    n = messages_for["urge"]
    r = client_for("dangwai").post(reverse("notify:read", args=[n.pk]), HTTP_HX_REQUEST="true")
    html = r.content.decode()
    assert r.status_code == 200 and f'id="msg-{n.pk}"' in html and "标为已读" not in html
    assert 'hx-swap-oob="true" data-testid="unread-summary">未读 1 条</span>' in html
    assert 'hx-swap-oob="outerHTML:.mainnav [data-testid=unread]" data-testid="unread" class="badge">1</span>' in html
    n.refresh_from_db()
    assert n.read_at is not None
    # Without htmx: back to the inbox.
    r = client_for("dangwai").post(reverse("notify:read", args=[messages_for["reminder"].pk]))
    assert (r.status_code, r["Location"]) == (302, reverse("notify:inbox"))
    assert Notification.objects.filter(recipient__username="dangwai", read_at__isnull=True).count() == 0


def test_someone_elses_message_is_a_404_and_stays_unread(client_for, messages_for):
    other = messages_for["other"]
    assert client_for("dangwai").post(reverse("notify:read", args=[other.pk])).status_code == 404
    assert client_for("dangwai").get(reverse("notify:open", args=[other.pk])).status_code == 404
    other.refresh_from_db()
    assert other.read_at is None


def test_opening_a_message_marks_it_read_and_follows_its_link(client_for, messages_for, people):
    r = client_for("dangwai").get(reverse("notify:open", args=[messages_for["urge"].pk]))
    assert (r.status_code, r["Location"]) == (302, "/supervision/tasks/1/")
    assert Notification.objects.get(pk=messages_for["urge"].pk).read_at is not None
    odd = Notification.objects.create(recipient=people["dangwai"], kind="x", title="外部链接", url="https://evil.example/")
    r = client_for("dangwai").get(reverse("notify:open", args=[odd.pk]))
    assert r["Location"] == reverse("notify:inbox")  # never an open redirect


def test_mark_all_read(client_for, messages_for):
    r = client_for("dangwai").post(reverse("notify:read_all"), follow=True)
    assert "已将 2 条消息标为已读。" in r.content.decode()
    assert 'data-testid="unread"' not in r.content.decode()
    assert Notification.objects.filter(read_at__isnull=True).values_list("title", flat=True).get() == (
        "【督办提醒】宗教业务科：已逾期 1 项"  # zongjiao's is untouched
    )
    assert client_for("dangwai").get(reverse("notify:read_all")).status_code == 405


def test_anonymous_is_sent_to_sign_in(client, messages_for):
    r = client.get(reverse("notify:inbox"))
    assert r.status_code == 302 and r["Location"].startswith(reverse("accounts:login"))


def test_inbox_query_count_does_not_grow_with_messages(client_for, messages_for, people, django_assert_max_num_queries):
    c = client_for("dangwai")
    with django_assert_max_num_queries(7) as small:
        c.get(reverse("notify:inbox"))
    Notification.objects.bulk_create(
        Notification(recipient=people["dangwai"], kind="test", title=f"消息{i}", url="/") for i in range(40)
    )
    with django_assert_max_num_queries(len(small.captured_queries)):
        r = c.get(reverse("notify:inbox"))
    assert len(titles(r)) == 30 and "1 / 2" in r.content.decode()


@pytest.mark.parametrize("persona", ["viewer", "zhang", "dangwai"])
@pytest.mark.parametrize("name", ["notify:channels", "notify:channel_new", "notify:deliveries"])
def test_only_administrators_manage_channels_and_deliveries(client_for, persona, name):
    r = client_for(persona).get(reverse(name))
    assert r.status_code == 403 and "提醒渠道" not in r.content.decode()


def test_admin_sees_channels_without_their_keys(client_for, channels):
    r = client_for("admin").get(reverse("notify:channels"))
    html = r.content.decode()
    assert [c.name for c in r.context["channels"]] == ["党外科钉钉群", "邮件", "统战部工作群"]
    assert "wecom-key-0001" not in html and "ding-token-0002" not in html and "SEC0123" not in html
    assert "/wecom/send?…0001" in html and "已加签" in html and "党外干部和民主党派科" in html


def test_admin_adds_a_robot_and_bad_input_gets_a_chinese_message_keeping_what_was_typed(client_for, units):
    c = client_for("admin")
    data = {"kind": "wecom", "name": "宗教科工作群", "webhook_url": "", "org": units["zongjiao"].pk, "is_active": "on"}
    r = c.post(reverse("notify:channel_new"), data)
    assert r.status_code == 400
    html = r.content.decode()
    assert "群机器人需要填写 Webhook 地址。" in html and 'value="宗教科工作群"' in html
    r = c.post(reverse("notify:channel_new"), {**data, "webhook_url": "ftp://example.org/hook"})
    assert "Webhook 地址必须以 http:// 或 https:// 开头。" in r.content.decode()
    url = "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abcd-1234"
    r = c.post(reverse("notify:channel_new"), {**data, "webhook_url": url})
    assert r["Location"] == reverse("notify:channels")
    ch = Channel.objects.get()
    assert (ch.kind, ch.name, ch.webhook_url, ch.org, ch.is_active) == ("wecom", "宗教科工作群", url, units["zongjiao"], True)
    assert AuditEntry.objects.get(action="channel.create").summary == "新增提醒渠道“企业微信群机器人：宗教科工作群”（启用）"


def test_editing_keeps_the_secret_when_left_blank_and_can_disable(client_for, channels, units):
    ding = channels["dingtalk"]
    c = client_for("admin")
    assert "SEC0123" not in c.get(reverse("notify:channel_edit", args=[ding.pk])).content.decode()
    r = c.post(
        reverse("notify:channel_edit", args=[ding.pk]),
        {"kind": "dingtalk", "name": "党外科钉钉群", "webhook_url": ding.webhook_url, "secret": "", "org": units["dangwai"].pk},
    )
    assert r.status_code == 302
    ding.refresh_from_db()
    assert (ding.secret, ding.is_active) == ("SEC0123456789abcdef", False)
    assert AuditEntry.objects.get(action="channel.update").summary == "修改提醒渠道“钉钉群机器人：党外科钉钉群”（停用）"


def test_the_test_button_sends_now_and_says_whether_it_arrived(client_for, channels, robot, smtp_sink, people):
    c = client_for("admin")
    r = c.post(reverse("notify:channel_test", args=[channels["dingtalk"].pk]), follow=True)
    assert "测试消息已发送到“党外科钉钉群”" in r.content.decode()
    (post,) = robot.posts
    assert post.signature_ok is True
    assert post.body["text"]["content"] == (
        "【测试】同心 · 方案落实管理\n这是一条测试消息，由 管理员 在提醒渠道设置页面发送。收到即表示渠道“党外科钉钉群”配置正确。"
    )
    robot.answer(200, {"errcode": 93000, "errmsg": "invalid webhook url"})
    r = c.post(reverse("notify:channel_test", args=[channels["wecom"].pk]), follow=True)
    assert "测试消息发送失败：机器人接口拒绝了消息：errcode=93000 invalid webhook url" in r.content.decode()
    failed = Delivery.objects.get(channel=channels["wecom"])
    assert (failed.state, failed.attempts) == ("failed", 1)  # a test is not retried behind the admin's back
    r = c.post(reverse("notify:channel_test", args=[channels["email"].pk]), follow=True)
    assert "您的账号没有设置电子邮箱，无法发送测试邮件。" in r.content.decode()
    people["admin"].email = "admin@example.org"
    people["admin"].save()
    c.post(reverse("notify:channel_test", args=[channels["email"].pk]))
    assert [(m["rcpt"], m["subject"]) for m in smtp_sink.messages] == [(["<admin@example.org>"], "【测试】同心 · 方案落实管理")]
    assert client_for("viewer").post(reverse("notify:channel_test", args=[channels["wecom"].pk])).status_code == 403


def test_deliveries_list_shows_state_attempts_and_errors_in_few_queries(
    client_for, channels, django_assert_max_num_queries
):
    wecom = channels["wecom"]

    def add(n, **kw):
        Delivery.objects.bulk_create(
            Delivery(channel_kind="wecom", channel=wecom, target=wecom.webhook_url, subject=f"消息{i}", body="", **kw)
            for i in range(n)
        )

    add(1, state="failed", attempts=6, last_error="机器人接口返回 HTTP 500：down")
    add(1, state="sent", attempts=1, sent_at=clock.now())
    c = client_for("admin")
    with django_assert_max_num_queries(8) as small:
        r = c.get(reverse("notify:deliveries"))
    html = r.content.decode()
    assert "机器人接口返回 HTTP 500：down" in html and "重新发送" in html and "wecom-key-0001" not in html
    assert ">发送失败 1</a>" in html and ">已发送 1</a>" in html and ">待发送 0</a>" in html
    add(40, state="pending", next_attempt_at=clock.now())
    with django_assert_max_num_queries(len(small.captured_queries)):
        r = c.get(reverse("notify:deliveries"), {"state": "pending"})
    assert len(r.context["page"]) == 30 and ">待发送 40</a>" in r.content.decode()
