"""Health and operations: /healthz, the worker's heartbeat, the admins' page, the daily cleanup, JSON logs.

Personas from tests/conftest.py: admin (the department) sees the operations page; dangwai and viewer get 403.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import logging

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from tongxin.core import clock
from tongxin.notify.models import Channel, Delivery
from tongxin.ops.logging import JsonFormatter
from tongxin.ops.models import Heartbeat
from tongxin.ops.services import HEARTBEAT_TASK, ops_tick

pytestmark = pytest.mark.django_db


def test_healthz_fails_until_the_worker_and_the_reminder_loop_have_beaten(client):
    r = client.get("/healthz")
    assert r.status_code == 503
    body = r.json()
    assert body["status"] == "fail"
    assert body["checks"]["database"]["ok"] is True
    assert body["checks"]["worker"] == {"ok": False, "detail": "后台任务进程：从未运行"}
    assert body["checks"]["reminders"] == {"ok": False, "detail": "督办提醒循环：从未运行"}
    # One round of the reminder loop queues a heartbeat job; the worker runs it.
    ops_tick()
    assert DBTaskResult.objects.filter(task_path=HEARTBEAT_TASK, status="READY").count() == 1
    ops_tick()  # a job is still waiting: not queued twice
    assert DBTaskResult.objects.filter(task_path=HEARTBEAT_TASK).count() == 1
    # What the worker does with it (running `db_worker` in this process would close the test's PostgreSQL connection).
    from tongxin.ops.services import worker_heartbeat

    worker_heartbeat.call()
    r = client.get("/healthz")
    assert r.status_code == 200, r.json()
    assert r.json()["status"] == "ok"
    assert r.json()["checks"]["worker"]["detail"].startswith("后台任务进程：")
    assert r["Cache-Control"].startswith("max-age=0")


def test_a_stale_worker_or_a_full_disk_is_a_503(client, settings):
    for name in ("worker", "remind"):
        Heartbeat.objects.create(name=name, beat_at=clock.now())
    assert client.get("/healthz").status_code == 200
    Heartbeat.objects.filter(name="worker").update(beat_at=clock.now() - dt.timedelta(hours=1))
    r = client.get("/healthz")
    assert r.status_code == 503
    assert r.json()["checks"]["worker"]["detail"].startswith("后台任务进程：已 36")
    Heartbeat.objects.filter(name="worker").update(beat_at=clock.now())
    settings.TONGXIN_MIN_FREE_DISK_MB = 10**12
    r = client.get("/healthz")
    assert r.status_code == 503 and "低于 1000000000000 MB" in r.json()["checks"]["disk"]["detail"]


def _delivery(state: str, age_days: int) -> Delivery:
    moment = clock.now() - dt.timedelta(days=age_days)
    return Delivery.objects.create(
        channel_kind=Channel.Kind.EMAIL, target="a@b.cn", subject=f"{state}-{age_days}", body="x", state=state,
        sent_at=moment if state == "sent" else None,
    )  # fmt: skip


def test_cleanup_deletes_old_sent_deliveries_and_expired_sessions_only(people):
    for state, age in [("sent", 100), ("sent", 10), ("failed", 100), ("pending", 100)]:
        _delivery(state, age)
    alive = SessionStore()
    alive.create()
    expired = Session.objects.create(session_key="x" * 32, session_data="", expire_date=clock.now() - dt.timedelta(1))
    out = io.StringIO()
    call_command("cleanup", stdout=out)
    assert out.getvalue().strip() == "清理完成：已发送的旧消息记录 1 条，过期登录会话 1 个，后台任务记录 0 条。"
    assert sorted(Delivery.objects.values_list("subject", flat=True)) == ["failed-100", "pending-100", "sent-10"]
    assert list(Session.objects.values_list("session_key", flat=True)) == [alive.session_key]
    assert not Session.objects.filter(pk=expired.pk).exists()
    call_command("cleanup", "--days", "5", stdout=out)
    assert sorted(Delivery.objects.values_list("subject", flat=True)) == ["failed-100", "pending-100"]


def test_the_reminder_loop_runs_the_cleanup_once_a_day():
    _delivery("sent", 200)
    assert ops_tick() is not None
    assert not Delivery.objects.exists()
    _delivery("sent", 200)
    assert ops_tick() is None  # not again the same day
    with clock.travel(clock.now() + dt.timedelta(days=1, minutes=1)):
        assert ops_tick().deliveries == 1


def test_the_operations_page_is_for_the_department_only(client_for, people, django_assert_max_num_queries):
    _delivery("failed", 1)
    _delivery("sent", 1)
    Heartbeat.objects.create(name="worker", beat_at=clock.now())
    client = client_for("admin")
    with django_assert_max_num_queries(12):
        html = client.get("/ops/").content.decode()
    assert "发送失败 1 条" in html and "已发送 1 条" in html and 'href="/inbox/deliveries/?state=failed"' in html
    assert "上传文件：" in html and "数据库：" in html
    assert "后台任务进程：" in html and "督办提醒循环：从未运行" in html
    assert "<td>数据库</td>" in html and "<td>磁盘空间</td>" in html and "队列为空" in html
    assert client_for("dangwai").get("/ops/").status_code == 403
    assert client_for("viewer").get("/ops/").status_code == 403


def test_json_logs_carry_the_message_and_extra_fields():
    record = logging.LogRecord("tongxin.ops", logging.INFO, __file__, 1, "清理 %s 条", (3,), None)
    record.deliveries = 3
    line = json.loads(JsonFormatter().format(record))
    assert (line["level"], line["logger"], line["message"], line["deliveries"]) == (
        "INFO",
        "tongxin.ops",
        "清理 3 条",
        3,
    )
    assert line["time"].endswith("+00:00")
