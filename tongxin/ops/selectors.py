"""What the health check and the operations page read: database, heartbeats, disk, queue, deliveries, sizes."""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import DatabaseError, connection
from django.db.models import Count
from django_tasks_db.models import DBTaskResult

from tongxin.core import clock
from tongxin.notify.models import Delivery
from tongxin.ops.models import Heartbeat


@dataclass
class Check:
    ok: bool
    detail: str
    value: float | None = None

    def as_dict(self) -> dict:
        out = {"ok": self.ok, "detail": self.detail}
        if self.value is not None:
            out["value"] = self.value
        return out


def check_database() -> Check:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as exc:
        return Check(False, f"数据库不可用：{exc.__class__.__name__}")
    return Check(True, f"数据库正常（{connection.vendor}）")


def check_heartbeat(name: str, label: str) -> Check:
    """Fresh when the process beat within TONGXIN_HEARTBEAT_STALE_SECONDS; value is the age in seconds."""
    try:
        beat = Heartbeat.objects.filter(name=name).values_list("beat_at", flat=True).first()
    except DatabaseError:
        return Check(False, f"{label}：无法读取心跳（数据库不可用）")
    if beat is None:
        return Check(False, f"{label}：从未运行")
    age = (clock.now() - beat).total_seconds()
    limit = settings.TONGXIN_HEARTBEAT_STALE_SECONDS
    if age > limit:
        return Check(False, f"{label}：已 {int(age)} 秒没有心跳（上限 {limit} 秒）", round(age, 1))
    return Check(True, f"{label}：{int(age)} 秒前有心跳", round(age, 1))


def check_disk() -> Check:
    path = Path(settings.MEDIA_ROOT)
    while not path.exists() and path != path.parent:
        path = path.parent
    free_mb = shutil.disk_usage(path).free // (1024 * 1024)
    need = settings.TONGXIN_MIN_FREE_DISK_MB
    if free_mb < need:
        return Check(False, f"磁盘剩余 {free_mb} MB，低于 {need} MB", free_mb)
    return Check(True, f"磁盘剩余 {free_mb} MB", free_mb)


def health() -> dict[str, Check]:
    return {
        "database": check_database(),
        "worker": check_heartbeat("worker", "后台任务进程"),
        "reminders": check_heartbeat("remind", "督办提醒循环"),
        "disk": check_disk(),
    }


def queue_counts() -> dict[str, int]:
    """django-tasks-db rows by status (READY, RUNNING, SUCCESSFUL, FAILED …), in one grouped query."""
    rows = DBTaskResult.objects.order_by().values("status").annotate(n=Count("id"))
    return {row["status"]: row["n"] for row in rows}


def delivery_counts() -> dict[str, int]:
    rows = Delivery.objects.order_by().values("state").annotate(n=Count("id"))
    return {row["state"]: row["n"] for row in rows}


def media_size() -> tuple[int, int]:
    """(bytes, files) under MEDIA_ROOT."""
    total = files = 0
    for root, _dirs, names in os.walk(settings.MEDIA_ROOT):
        for name in names:
            try:
                total += os.stat(os.path.join(root, name)).st_size
            except OSError:
                continue  # removed while we walked
            files += 1
    return total, files


def database_size() -> int | None:
    """Bytes on disk: pg_database_size on PostgreSQL, the file (with its WAL) on SQLite."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_database_size(current_database())")
            return cursor.fetchone()[0]
    if connection.vendor == "sqlite":
        name = str(connection.settings_dict["NAME"])
        return sum(os.path.getsize(p) for p in (name, f"{name}-wal") if os.path.isfile(p)) or None
    return None


def heartbeats() -> list[Heartbeat]:
    return list(Heartbeat.objects.order_by("name"))
