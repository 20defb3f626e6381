"""/healthz for monitors and load balancers, and the operations page for department administrators."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache

from tongxin.core.access import require
from tongxin.ops import selectors


@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """200 when the database answers, the worker and the reminder loop beat recently and the disk has room; else 503.
    Public, like a load balancer needs it; it names no data, only what is broken."""
    checks = selectors.health()
    ok = all(c.ok for c in checks.values())
    body = {"status": "ok" if ok else "fail", "checks": {name: c.as_dict() for name, c in checks.items()}}
    return JsonResponse(body, status=200 if ok else 503, json_dumps_params={"ensure_ascii": False})


CHECK_LABELS = {
    "database": _("数据库"),
    "worker": _("后台任务进程"),
    "reminders": _("督办提醒循环"),
    "disk": _("磁盘空间"),
}
QUEUE_LABELS = {"READY": _("待执行"), "RUNNING": _("执行中"), "SUCCESSFUL": _("已完成"), "FAILED": _("失败")}
BEAT_LABELS = {
    "worker": _("后台任务进程"),
    "worker-asked": _("请后台任务进程报到"),
    "remind": _("督办提醒循环"),
    "cleanup": _("定时清理"),
}


@login_required
def ops_page(request: HttpRequest) -> HttpResponse:
    require(request.user, "ops.view")
    media_bytes, media_files = selectors.media_size()
    ctx = {
        "checks": [(CHECK_LABELS.get(name, name), c) for name, c in selectors.health().items()],
        "queue": [(QUEUE_LABELS.get(k, k), n) for k, n in sorted(selectors.queue_counts().items())],
        "deliveries": selectors.delivery_counts(),
        "media_bytes": media_bytes,
        "media_files": media_files,
        "database_bytes": selectors.database_size(),
        "heartbeats": [(BEAT_LABELS.get(h.name, h.name), h) for h in selectors.heartbeats()],
    }
    return render(request, "ops/ops.html", ctx)
