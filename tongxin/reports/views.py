"""Outputs of a plan: the reports index, the ledger download and the bulletin form (each view: parse, check, respond)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from tongxin.core.access import get_visible_or_404, require
from tongxin.core.clock import today
from tongxin.plans.models import Plan
from tongxin.plans.selectors import plans_visible_to
from tongxin.reports.exporters import BulletinExporter, LedgerExporter
from tongxin.reports.forms import BulletinForm
from tongxin.reports.selectors import ledger_plans_for, ledger_units


def _plan_with_ledger(user, pk: int) -> Plan:
    """The plan if `user` may have (part of) its ledger; a unit with no part in it is an outsider: 404."""
    plan = get_visible_or_404(plans_visible_to(user), pk=pk)
    if not user.has_perm("reports.view_ledger", plan):
        raise Http404
    return plan


@login_required
def index(request: HttpRequest) -> HttpResponse:
    plans = ledger_plans_for(request.user)
    return render(
        request,
        "reports/index.html",
        {"plans": plans, "can_bulletin": request.user.has_perm("reports.make_bulletin"), "today": today()},
    )


@login_required
def ledger_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _plan_with_ledger(request.user, pk)
    units = ledger_units(request.user)
    unit_name = request.user.organisation.name if units is not None else ""
    return LedgerExporter(plan=plan, units=units, unit_name=unit_name).response()


@login_required
def bulletin(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _plan_with_ledger(request.user, pk)
    require(request.user, "reports.make_bulletin")
    if "start" in request.GET:
        form = BulletinForm(request.GET)
        if form.is_valid():
            return BulletinExporter(plan=plan, **form.cleaned_data).response()
    else:
        form = BulletinForm(initial=BulletinForm.initial_for(plan, today()))
    return render(request, "reports/bulletin.html", {"plan": plan, "form": form})


@login_required
def summary(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """年终总结 of the plan's year (or ?year=), as .docx or PDF; made by those who make bulletins."""
    from tongxin.reports.summary import SummaryDocxExporter, SummaryPdfExporter

    plan = _plan_with_ledger(request.user, pk)
    require(request.user, "reports.make_bulletin")
    year = request.GET.get("year", "")
    year = int(year) if year.isdigit() and 2000 <= int(year) <= 2100 else (plan.year or today().year)
    exporter = SummaryPdfExporter if fmt == "pdf" else SummaryDocxExporter
    return exporter(plan=plan, year=year).response()
