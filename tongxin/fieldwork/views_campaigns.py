"""Pages for the rectification campaign: phases with their gates and rates, the venues (a unit sees its own), a
venue's checklist, inspections and problems on a phone, and the 整改台账."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from tongxin.core.access import get_visible_or_404, require
from tongxin.fieldwork import exporters, forms, rates, selectors, services
from tongxin.fieldwork.errors import FieldworkError
from tongxin.fieldwork.models import CampaignPhase, CheckItem
from tongxin.fieldwork.views_common import run
from tongxin.files.selectors import attachments_of


@login_required
def campaign(request, pk: int):
    c = get_visible_or_404(selectors.campaigns_visible_to(request.user).select_related("activity"), pk=pk)
    venues = selectors.venues_visible_to(request.user).filter(campaign=c).select_related("unit")
    counts = rates.tally(c, venues=selectors.venue_scope(request.user))
    phases = list(c.phases.order_by("order", "id"))
    for phase, rate in zip(phases, counts.by("phase"), strict=True):
        phase.rate = rate
    page = Paginator(venues.order_by("religion", "name", "id"), 50).get_page(request.GET.get("page"))
    venue_rates = {r.key: r for r in counts.by("venue", only={v.pk for v in page.object_list})}
    for v in page.object_list:
        v.rate = venue_rates.get(v.pk)
    form = forms.ImportForm()
    if request.method == "POST":
        require(request.user, "fieldwork.manage_campaign")
        form = forms.ImportForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                n = services.venues_import(actor=request.user, campaign=c, data=form.cleaned_data["file"].read())
            except FieldworkError as exc:
                form.add_error("file", exc.message)
            else:
                messages.success(request, f"已导入场所 {n} 个。")
                return redirect(request.path)
    ctx = {
        "campaign": c,
        "phases": phases,
        "page": page,
        "form": form,
        "by_religion": counts.by("religion"),
        "total": counts.overall(),
        "can_manage": request.user.has_perm("fieldwork.manage_campaign"),
        "close_form": forms.PhaseCloseForm(),
    }
    return render(request, "fieldwork/campaign.html", ctx)


@login_required
@require_POST
def phase_close(request, pk: int):
    phase = get_visible_or_404(
        CampaignPhase.objects.filter(campaign__in=selectors.campaigns_visible_to(request.user)).select_related(
            "campaign__activity"
        ),
        pk=pk,
    )
    require(request.user, "activities.change_activity", phase.campaign.activity)
    form = forms.PhaseCloseForm(request.POST)
    done = f"阶段“{phase.name}”已关闭。"
    if run(request, form, lambda d: services.phase_close(actor=request.user, phase=phase, **d), done=done) is None:
        for errors in form.errors.values():
            for e in errors:
                messages.error(request, e)
    return redirect("fieldwork:campaign", phase.campaign_id)


def _venue(request, pk: int):
    return get_visible_or_404(
        selectors.venues_visible_to(request.user).select_related("campaign__activity", "unit"), pk=pk
    )


@login_required
def venue(request, pk: int):
    v = _venue(request, pk)
    phases = list(v.campaign.phases.order_by("order", "id"))
    items = list(v.items.select_related("phase").order_by("phase__order", "id"))
    for phase in phases:
        phase.venue_items = [i for i in items if i.phase_id == phase.pk]
    problems = list(v.problems.select_related("phase", "inspection").order_by("id"))
    ctx = {
        "venue": v,
        "phases": phases,
        "problems": problems,
        "phone": selectors.personal(request.user, v, v.phone, kind="phone"),
        "can_change": request.user.has_perm("fieldwork.change_venue", v),
        "can_inspect": request.user.has_perm("fieldwork.inspect_venue", v),
        "item_form": forms.CheckItemForm(),
        "inspection_form": forms.InspectionForm(phases=[p for p in phases if not p.is_closed]),
    }
    return render(request, "fieldwork/venue.html", ctx)


@login_required
def inspection_new(request, pk: int):
    v = _venue(request, pk)
    require(request.user, "fieldwork.inspect_venue", v)
    phases = [p for p in v.campaign.phases.order_by("order", "id") if not p.is_closed]
    form = forms.InspectionForm(request.POST or None, request.FILES or None, phases=phases)
    if request.method == "POST":
        by_pk = {p.pk: p for p in phases}
        ok = run(
            request,
            form,
            lambda d: services.inspection_record(
                actor=request.user,
                venue=v,
                phase=by_pk[d["phase"]],
                inspected_on=d["inspected_on"],
                inspectors=d["inspectors"],
                notes=d["notes"],
                problems=form.problems(),
            ),
            done="检查记录已保存。",
        )
        if ok:
            return redirect("fieldwork:venue", v.pk)
    return render(request, "fieldwork/inspection_form.html", {"venue": v, "form": form})


@login_required
@require_POST
def item_complete(request, pk: int):
    item = get_visible_or_404(
        CheckItem.objects.filter(venue__in=selectors.venues_visible_to(request.user)).select_related(
            "phase__campaign__activity", "venue"
        ),
        pk=pk,
    )
    require(request.user, "fieldwork.change_venue", item.venue)
    form = forms.CheckItemForm(request.POST, request.FILES)
    if (
        run(
            request,
            form,
            lambda d: services.check_item_complete(actor=request.user, item=item, **d),
            done=f"“{item.name}”已完成。",
        )
        is None
    ):
        for errors in form.errors.values():
            for e in errors:
                messages.error(request, e)
    return redirect("fieldwork:venue", item.venue_id)


FORM_SLOTS = {"measure": "measure_form", "submit": "rectify_form", "sign_off": "signoff_form", "return": "return_form"}


@login_required
def problem(request, pk: int, bound: dict | None = None):
    """`bound`: a refused action's form with what was typed, shown in its place (from problem_action)."""
    p = get_visible_or_404(
        selectors.problems_visible_to(request.user).select_related("venue__campaign", "phase", "inspection"), pk=pk
    )
    ctx = {
        "problem": p,
        "photos": attachments_of(p, purpose="photo"),
        "evidence": attachments_of(p, purpose="evidence"),
        "can_change": request.user.has_perm("fieldwork.change_venue", p.venue),
        "can_review": request.user.has_perm("fieldwork.review_problem", p.venue),
        "measure_form": forms.ProblemMeasureForm(initial={"measure": p.measure, "deadline": p.deadline}),
        "rectify_form": forms.RectifyForm(),
        "signoff_form": forms.SignOffForm(),
        "return_form": forms.CommentForm(),
        **(bound or {}),
    }
    return render(request, "fieldwork/problem.html", ctx, status=400 if bound else 200)


ACTIONS = {
    "measure": ("fieldwork.change_venue", forms.ProblemMeasureForm, services.problem_set_measure, "整改措施已保存。"),
    "submit": ("fieldwork.change_venue", forms.RectifyForm, services.problem_submit, "整改情况已报送。"),
    "sign_off": ("fieldwork.review_problem", forms.SignOffForm, services.problem_sign_off, "已销号。"),
    "return": ("fieldwork.review_problem", forms.CommentForm, services.problem_return, "已退回整改。"),
}


@login_required
@require_POST
def problem_action(request, pk: int, action: str):
    p = get_visible_or_404(
        selectors.problems_visible_to(request.user).select_related("venue__campaign__activity"), pk=pk
    )
    if action not in ACTIONS:
        raise Http404
    perm, form_class, service, done = ACTIONS[action]
    require(request.user, perm, p.venue)
    form = form_class(request.POST, request.FILES)
    if run(request, form, lambda d: service(actor=request.user, problem=p, **d), done=done) is None:
        # Refused (e.g. 销号 without evidence): the page again, the message on the form, what was typed kept.
        return problem(request, p.pk, bound={FORM_SLOTS[action]: form})
    return redirect("fieldwork:problem", p.pk)


@login_required
def problems_ledger(request, pk: int):
    c = get_visible_or_404(selectors.campaigns_visible_to(request.user), pk=pk)
    qs = selectors.problems_visible_to(request.user).filter(venue__campaign=c)
    return exporters.problems_ledger_response(request.user, c, qs)
