"""The import pages: upload, progress while the worker reads the document, discard."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from tongxin.core import clock
from tongxin.core.access import get_visible_or_404, require
from tongxin.ingest import services
from tongxin.ingest.forms import UploadForm
from tongxin.plans import selectors
from tongxin.plans.models import PlanImport


@login_required
def import_upload(request: HttpRequest) -> HttpResponse:
    require(request.user, "plans.import_plan")
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            record = services.plan_import_upload(user=request.user, name=upload.name, data=form.cleaned_bytes)
        except services.ImportRejected as exc:
            form.add_error("file", exc.message)
        else:
            return redirect("ingest:review", pk=record.pk)
    return render(request, "plans/import.html", {"form": form})


@login_required
def import_progress(request: HttpRequest, pk: int) -> HttpResponse:
    """Polled by the progress page (htmx, every second); sends the browser on once the job is done."""
    require(request.user, "plans.import_plan")
    record = get_visible_or_404(selectors.imports_visible_to(request.user), pk=pk)
    if not record.working and record.status != PlanImport.Status.FAILED:
        response = HttpResponse(status=204)
        response["HX-Redirect"] = _after_job_url(record)
        return response
    return render(request, "plans/_progress.html", progress_context(record))


def _after_job_url(record: PlanImport) -> str:
    if record.status == PlanImport.Status.PUBLISHED and record.plan_id:
        return reverse("activities:plan_detail", args=[record.plan_id])
    return reverse("ingest:review", args=[record.pk])


PARSE_STEPS = [PlanImport.Status.QUEUED, PlanImport.Status.READING, PlanImport.Status.PARSING]
# Still queued after this long: the task worker is probably not running.
STALLED_AFTER = dt.timedelta(minutes=1)


def progress_context(record: PlanImport) -> dict:
    stalled = record.status == PlanImport.Status.QUEUED and clock.now() - record.uploaded_at > STALLED_AFTER
    return {"record": record, "steps": progress_steps(record), "stalled": stalled}


def progress_steps(record: PlanImport) -> list[tuple[str, str]]:
    """(label, state) for each step: done, current or waiting."""
    if record.status == PlanImport.Status.PUBLISHING:
        return [("已识别", "done"), (PlanImport.Status.PUBLISHING.label, "current")]
    steps = []
    reached = PARSE_STEPS.index(record.status) if record.status in PARSE_STEPS else len(PARSE_STEPS)
    for i, status in enumerate(PARSE_STEPS):
        steps.append((status.label, "done" if i < reached else "current" if i == reached else "waiting"))
    last = ("识别失败", "failed") if record.status == PlanImport.Status.FAILED else ("完成", "waiting")
    return steps + [last]


@login_required
@require_POST
def import_discard(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, "plans.import_plan")
    record = get_visible_or_404(selectors.imports_visible_to(request.user), pk=pk)
    try:
        services.plan_import_discard(user=request.user, plan_import=record)
        messages.success(request, "已放弃这次导入。")
    except services.ImportRejected as exc:
        messages.error(request, exc.message)
    return redirect("plans:list")
