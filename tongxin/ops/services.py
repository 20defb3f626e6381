"""Operations jobs: heartbeats of the background processes and the daily cleanup."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.db import transaction
from django_tasks import task
from django_tasks_db.models import DBTaskResult

from tongxin.core import clock
from tongxin.notify.services import deliveries_delete_sent_before
from tongxin.ops.models import Heartbeat

log = logging.getLogger(__name__)

# The reminder loop asks the worker for a heartbeat this often (and not again while one is still queued).
WORKER_ASK_EVERY = dt.timedelta(minutes=4)
CLEANUP_EVERY = dt.timedelta(days=1)
HEARTBEAT_TASK = "tongxin.ops.services.worker_heartbeat"


def heartbeat_beat(*, name: str, detail: str = "") -> None:
    Heartbeat.objects.update_or_create(name=name, defaults={"beat_at": clock.now(), "detail": detail[:300]})


def heartbeat_age(name: str, now: dt.datetime | None = None) -> dt.timedelta | None:
    beat = Heartbeat.objects.filter(name=name).values_list("beat_at", flat=True).first()
    return None if beat is None else (now or clock.now()) - beat


@task()
def worker_heartbeat() -> str:
    """Queued by the reminder loop; when the worker runs it, the queue, the worker and its database all work."""
    heartbeat_beat(name="worker")
    return "ok"


@dataclass
class CleanupRun:
    deliveries: int = 0
    sessions: int = 0
    task_results: int = 0

    def summary(self) -> str:
        return (
            f"清理完成：已发送的旧消息记录 {self.deliveries} 条，过期登录会话 {self.sessions} 个，"
            f"后台任务记录 {self.task_results} 条。"
        )


def cleanup_run(*, delivery_days: int | None = None) -> CleanupRun:
    """Delete sent deliveries older than `delivery_days`, expired sessions and old finished task results.
    Failed and pending deliveries are kept whatever their age: someone still has to look at them."""
    days = settings.TONGXIN_DELIVERY_KEEP_DAYS if delivery_days is None else delivery_days
    now = clock.now()
    run = CleanupRun()
    with transaction.atomic():
        run.deliveries = deliveries_delete_sent_before(before=now - dt.timedelta(days=days))
        run.sessions, _ = Session.objects.filter(expire_date__lt=now).delete()
        before = DBTaskResult.objects.count()
        call_command("prune_db_task_results", queue_name="*", min_age_days=settings.TONGXIN_TASK_RESULTS_KEEP_DAYS)
        run.task_results = before - DBTaskResult.objects.count()
        heartbeat_beat(name="cleanup", detail=run.summary())
    log.info("cleanup", extra={"deliveries": run.deliveries, "sessions": run.sessions, "tasks": run.task_results})
    return run


def ops_tick() -> CleanupRun | None:
    """One round of the reminder loop: its own heartbeat, a heartbeat job for the worker, the cleanup once a day."""
    now = clock.now()
    heartbeat_beat(name="remind")
    asked = heartbeat_age("worker-asked", now)
    waiting = DBTaskResult.objects.ready().filter(task_path=HEARTBEAT_TASK).exists()
    if not waiting and (asked is None or asked >= WORKER_ASK_EVERY):
        worker_heartbeat.enqueue()
        heartbeat_beat(name="worker-asked")
    last = heartbeat_age("cleanup", now)
    if last is None or last >= CLEANUP_EVERY:
        return cleanup_run()
    return None
