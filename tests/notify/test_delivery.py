"""Deliveries: sent by the background task after commit, retried with back-off, failed but visible, never lost.

Personas (tests/conftest.py): admin [department administrator] retries; dangwai and zongjiao [unit members] receive.
Channels (tests/notify/conftest.py): e-mail on, a department-wide WeCom robot, a signed DingTalk robot for 党外科.
"""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.db import connection
from django.urls import reverse

from tongxin.audit.models import AuditEntry
from tongxin.core import clock
from tongxin.notify.models import Delivery
from tongxin.notify.services import LEASE, DeliveryRun, deliveries_claim, deliveries_send_due, notify
from tongxin.notify.tasks import deliver_pending

pytestmark = pytest.mark.django_db
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def urge_dangwai(people, units):
    return notify(
        users=[people["dangwai"]],
        orgs=[units["dangwai"]],
        kind="task.urge",
        title="【催办】报送细化实施方案：双月读书会活动",
        body="截止日期 2019-08-20。",
        url="/supervision/tasks/7/",
    )


def test_after_commit_the_task_sends_email_and_both_robots(
    settings, channels, people, units, robot, smtp_sink, django_capture_on_commit_callbacks
):
    settings.TASKS, settings.SITE_URL = IMMEDIATE, "https://tongxin.example.org"
    people["dangwai"].email = "dangwai@example.org"
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        urge_dangwai(people, units)
        assert robot.posts == [] and smtp_sink.messages == []  # nothing leaves before the commit
    assert len(callbacks) == 1
    text = "【催办】报送细化实施方案：双月读书会活动\n截止日期 2019-08-20。\nhttps://tongxin.example.org/supervision/tasks/7/"
    assert sorted((p.path, p.body["text"]["content"], p.signature_ok) for p in robot.posts) == [
        ("/dingtalk/robot/send", text, True),
        ("/wecom/send", text, None),
    ]
    assert [(m["rcpt"], m["subject"], m["body"]) for m in smtp_sink.messages] == [
        (
            ["<dangwai@example.org>"],
            "【催办】报送细化实施方案：双月读书会活动",
            "截止日期 2019-08-20。\nhttps://tongxin.example.org/supervision/tasks/7/",
        )
    ]
    assert sorted(Delivery.objects.values_list("channel_kind", "state", "attempts", "last_error")) == [
        ("dingtalk", "sent", 1, ""),
        ("email", "sent", 1, ""),
        ("wecom", "sent", 1, ""),
    ]


def test_a_failing_robot_is_retried_after_1_5_30_120_480_minutes_then_failed(channels, people, units, robot):
    robot.answer(500, {"error": "upstream down"}, times=6)
    notify(users=[people["zongjiao"]], orgs=[units["zongjiao"]], kind="task.urge", title="【催办】教风整治")
    d = Delivery.objects.get()  # zongjiao has no e-mail; the DingTalk robot belongs to another unit
    now, gaps = clock.now(), []
    for _ in range(5):
        assert deliveries_send_due(now=now) == DeliveryRun(retrying=1)
        d.refresh_from_db()
        assert (d.state, d.last_error) == ("pending", '机器人接口返回 HTTP 500：{"error": "upstream down"}')
        gaps.append((d.next_attempt_at - now) / dt.timedelta(minutes=1))
        assert deliveries_send_due(now=now + dt.timedelta(seconds=59)) == DeliveryRun()  # not due yet
        now = d.next_attempt_at
    assert gaps == [1, 5, 30, 120, 480]
    assert deliveries_send_due(now=now) == DeliveryRun(failed=1)
    d.refresh_from_db()
    assert (d.state, d.attempts, d.next_attempt_at) == ("failed", 6, None)
    assert deliveries_send_due(now=now + dt.timedelta(days=30)) == DeliveryRun()  # given up: no more attempts
    assert len(robot.posts) == 6


def test_the_retry_button_puts_a_failed_delivery_back_and_it_is_sent(
    settings, client_for, channels, people, units, robot, django_capture_on_commit_callbacks
):
    settings.TASKS = IMMEDIATE
    notify(users=[people["zongjiao"]], orgs=[units["zongjiao"]], kind="task.urge", title="【催办】教风整治")
    Delivery.objects.update(state="failed", attempts=6, last_error="机器人接口返回 HTTP 500：down", next_attempt_at=None)
    d = Delivery.objects.get()
    assert client_for("viewer").post(reverse("notify:delivery_retry", args=[d.pk])).status_code == 403
    c = client_for("admin")
    html = c.get(reverse("notify:deliveries"), {"state": "failed"}).content.decode()
    assert "机器人接口返回 HTTP 500：down" in html and "重新发送" in html
    with django_capture_on_commit_callbacks(execute=True):
        r = c.post(reverse("notify:delivery_retry", args=[d.pk]), HTTP_HX_REQUEST="true")
    assert r.status_code == 200 and f'id="delivery-{d.pk}"' in r.content.decode()
    d.refresh_from_db()
    assert (d.state, d.attempts, d.last_error) == ("sent", 7, "")
    assert robot.texts() == ["【催办】教风整治"]
    entry = AuditEntry.objects.get(action="delivery.retry")
    assert (entry.actor_name, entry.summary) == ("管理员", "重新发送：企业微信群机器人“【催办】教风整治”")


def test_a_crash_mid_send_leaves_the_delivery_pending_and_it_is_sent_later(channels, people, units, robot):
    notify(users=[people["zongjiao"]], orgs=[units["zongjiao"]], kind="task.urge", title="【催办】教风整治")
    now = clock.now()
    (claimed,) = deliveries_claim(now=now)
    # The worker dies here, before or while posting: nothing records the delivery as sent.
    claimed.refresh_from_db()
    assert (claimed.state, claimed.attempts) == ("pending", 0)
    assert deliveries_claim(now=now) == []  # another worker leaves it alone while the first might still be sending
    assert deliveries_send_due(now=now + LEASE) == DeliveryRun(sent=1)  # once the lease has run out it goes out
    assert robot.texts() == ["【催办】教风整治"]


def test_a_disabled_channel_does_not_send_and_a_corrected_address_is_used_on_the_next_attempt(
    channels, people, units, robot
):
    notify(users=[people["zongjiao"]], orgs=[units["zongjiao"]], kind="task.urge", title="【催办】教风整治")
    wecom = channels["wecom"]
    wecom.is_active = False
    wecom.save()
    now = clock.now()
    assert deliveries_send_due(now=now) == DeliveryRun(retrying=1)
    assert Delivery.objects.get().last_error == "渠道“统战部工作群”已停用。"
    wecom.is_active, wecom.webhook_url = True, robot.url("/wecom/send?key=corrected")
    wecom.save()
    assert deliveries_send_due(now=now + dt.timedelta(minutes=1)) == DeliveryRun(sent=1)
    assert [(p.path, p.query) for p in robot.posts] == [("/wecom/send", {"key": ["corrected"]})]


def test_the_task_can_be_called_directly_and_reports_what_it_did(channels, people, units, robot):
    urge_dangwai(people, units)
    assert deliver_pending.call() == {"sent": 2, "retrying": 0, "failed": 0}  # the two robots; dangwai has no e-mail


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_workers_at_once_send_each_delivery_exactly_once(channels, robot):
    if connection.vendor != "postgresql":
        pytest.skip("real concurrent workers need PostgreSQL")
    Delivery.objects.bulk_create(
        Delivery(channel_kind="wecom", channel=channels["wecom"], target=channels["wecom"].webhook_url,
                 subject=f"消息{i:02d}", body="", next_attempt_at=clock.now())
        for i in range(30)
    )
    robot.delay = 0.01
    barrier, runs = threading.Barrier(2), []

    def worker() -> None:
        barrier.wait()
        try:
            runs.append(deliveries_send_due())
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(robot.texts()) == [f"消息{i:02d}" for i in range(30)]
    assert sum(r.sent for r in runs) == 30 and all(r.sent for r in runs)  # both worked, neither twice
    assert set(Delivery.objects.values_list("state", flat=True)) == {"sent"}
