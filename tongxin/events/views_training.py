"""Signed-in pages of a training (quotas, nominations, curriculum, downloads) and an activity's programme PDF."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_POST

from tongxin.accounts.rules import is_admin
from tongxin.activities.selectors import activities_visible_to, under_visible_activities
from tongxin.core.access import get_visible_or_404
from tongxin.events import documents
from tongxin.events import services_training as svc
from tongxin.events.models import Nomination, Training
from tongxin.events.services import EventsError
from tongxin.orgs.selectors import user_unit_ids

PDF = "application/pdf"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _training(request, pk: int) -> Training:
    """Visible with its activity, or to a unit given seats in it (the member organisations that nominate)."""
    base = Training.objects.select_related("activity", "activity__plan")
    qs = under_visible_activities(base, request.user)
    if request.user.organisation_id:
        qs = qs | base.filter(quotas__org_id__in=user_unit_ids(request.user))
    return get_visible_or_404(qs.distinct(), pk=pk)


def _file(data: bytes, content_type: str, name: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, name)
    return response


@login_required
def training_detail(request, pk: int):
    training = _training(request, pk)
    units = user_unit_ids(request.user) if request.user.organisation_id else set()
    quotas = list(training.quotas.select_related("org").order_by("org__name"))
    context = {
        "training": training,
        "quotas": quotas,
        "my_quotas": [q for q in quotas if q.org_id in units],
        "nominations": training.nominations.select_related("org").order_by("org__name", "id"),
        "courses": training.courses.all(),
        "is_department": is_admin(request.user),
    }
    return render(request, "events/training.html", context)


@login_required
@require_POST
def nomination_add(request, pk: int):
    training = _training(request, pk)
    quota = training.quotas.filter(pk=request.POST.get("quota")).select_related("org").first()
    if quota is None or quota.org_id not in user_unit_ids(request.user):
        raise PermissionDenied  # a unit nominates only for its own seats
    try:
        n = svc.nomination_submit(
            actor=request.user, training=training, org=quota.org, name=request.POST.get("name", ""),
            position=request.POST.get("position", ""),
        )  # fmt: skip
        messages.success(request, f"已推荐{n.name}，待统战部审核。")
    except EventsError as exc:
        messages.error(request, str(exc))
    return redirect("events:training", pk=training.pk)


@login_required
@require_POST
def nomination_decide(request, pk: int, nomination_pk: int):
    training = _training(request, pk)
    if not is_admin(request.user):
        raise PermissionDenied
    nomination = get_visible_or_404(training.nominations.all(), pk=nomination_pk)
    try:
        svc.nomination_decide(
            actor=request.user, nomination=nomination, approve=request.POST.get("approve") == "1",
            reason=request.POST.get("reason", ""),
        )  # fmt: skip
    except EventsError as exc:
        messages.error(request, str(exc))
    return redirect("events:training", pk=training.pk)


@login_required
def certificate(request, pk: int, nomination_pk: int):
    training = _training(request, pk)
    nomination = get_visible_or_404(training.nominations.filter(state=Nomination.State.APPROVED), pk=nomination_pk)
    return _file(documents.certificate_pdf(nomination), PDF, f"结业证书-{nomination.name}.pdf")


@login_required
def ledger(request, pk: int):
    training = _training(request, pk)
    return _file(documents.training_ledger_xlsx(training), XLSX, f"培训台账-{training.title[:40]}.xlsx")


@login_required
def programme(request, pk: int):
    activity = get_visible_or_404(activities_visible_to(request.user), pk=pk)
    return _file(documents.programme_pdf(activity), PDF, f"节目单-{activity.title[:40]}.pdf")
