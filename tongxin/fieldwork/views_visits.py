"""Pages for 联谊交友: the pairs with their coverage, a pair's visits, logging a visit on a phone, an opinion's
follow-up to closed, the roster import and the 联谊交友台账."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from tongxin.activities.selectors import activities_visible_to
from tongxin.core.access import get_visible_or_404, require
from tongxin.fieldwork import exporters, forms, selectors, services
from tongxin.fieldwork.errors import FieldworkError
from tongxin.fieldwork.models import Opinion
from tongxin.fieldwork.views_common import run
from tongxin.files.selectors import attachments_of


@login_required
def pairings(request, activity_id: int):
    activity = get_visible_or_404(activities_visible_to(request.user), pk=activity_id)
    rows = selectors.pairing_rows(selectors.pairings_visible_to(request.user).filter(activity=activity))
    form = forms.ImportForm()
    if request.method == "POST":
        require(request.user, "fieldwork.manage_campaign")
        form = forms.ImportForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                n = services.pairings_import(
                    actor=request.user, activity=activity, data=form.cleaned_data["file"].read()
                )
            except FieldworkError as exc:
                form.add_error("file", exc.message)
            else:
                messages.success(request, f"已导入结对 {n} 对。")
                return redirect(request.path)
    return render(request, "fieldwork/pairings.html", {"activity": activity, "rows": rows, "form": form})


@login_required
def pairing(request, pk: int):
    p = get_visible_or_404(
        selectors.pairings_visible_to(request.user).select_related("activity", "leader", "figure"), pk=pk
    )
    visits = p.visits.prefetch_related("opinions__task").order_by("-visited_on", "-id")
    phone = selectors.personal(request.user, p, p.figure.phone, kind="phone")
    return render(
        request,
        "fieldwork/pairing.html",
        {"pairing": p, "visits": visits, "phone": phone, "can_log": request.user.has_perm("fieldwork.log_visit", p)},
    )


def _subject(request):
    if request.GET.get("household"):
        return None, get_visible_or_404(selectors.households_visible_to(request.user), pk=request.GET["household"])
    return get_visible_or_404(selectors.pairings_visible_to(request.user), pk=request.GET.get("pairing") or 0), None


@login_required
def visit_new(request):
    if not (request.GET.get("household") or "").isdigit() and not (request.GET.get("pairing") or "").isdigit():
        raise Http404
    pairing, household = _subject(request)
    require(request.user, "fieldwork.log_visit", pairing or household)
    form = forms.VisitForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        visit = run(
            request,
            form,
            lambda d: services.visit_log(
                actor=request.user,
                pairing=pairing,
                household=household,
                visited_on=d["visited_on"],
                form=d["form"],
                place=d["place"],
                content=d["content"],
                photos=d["photos"],
                opinions=form.opinions(),
            ),
            done="走访记录已保存。",
        )
        if visit:
            return redirect("fieldwork:visit", visit.pk)
    return render(request, "fieldwork/visit_form.html", {"form": form, "subject": pairing or household})


def _with_actions(user, opinions: list[Opinion]) -> list[Opinion]:
    for o in opinions:
        o.state_label = selectors.opinion_state(o)
        o.can_feed_back = bool(
            o.task and not o.task.is_closed and o.task.state != "submitted" and user.has_perm("fieldwork.feed_back", o)
        )
        o.can_follow_up = user.has_perm("fieldwork.follow_up", o.visit)
    return opinions


def _forms() -> dict:
    return {
        "follow_form": forms.FollowUpForm(),
        "feedback_form": forms.FeedbackForm(),
        "comment_form": forms.CommentForm(),
    }


@login_required
def visit(request, pk: int):
    v = get_visible_or_404(
        selectors.visits_visible_to(request.user).select_related("pairing__figure", "household"), pk=pk
    )
    opinions = _with_actions(request.user, list(v.opinions.select_related("task__owner_org", "visit").order_by("id")))
    ctx = {"visit": v, "opinions": opinions, "photos": attachments_of(v, purpose="photo"), **_forms()}
    return render(request, "fieldwork/visit.html", ctx)


@login_required
def opinion(request, pk: int):
    """One opinion, for the unit it was handed to (which may not see the visit itself) and for the visit's unit."""
    o = _opinion(request, pk)
    [o] = _with_actions(request.user, [o])
    return render(request, "fieldwork/opinion.html", {"opinion": o, **_forms()})


def _opinion(request, pk: int) -> Opinion:
    return get_visible_or_404(
        selectors.opinions_visible_to(request.user).select_related("visit__activity", "visit__unit", "task__owner_org"),
        pk=pk,
    )


@login_required
@require_POST
def opinion_action(request, pk: int, action: str):
    """follow_up, feedback, confirm or return — each one service; a refusal comes back as a message."""
    opinion = _opinion(request, pk)
    if action == "feedback":
        require(request.user, "fieldwork.feed_back", opinion)
        form = forms.FeedbackForm(request.POST)
        call = lambda d: services.opinion_feedback(actor=request.user, opinion=opinion, result=d["result"])  # noqa: E731
    elif action == "follow_up":
        require(request.user, "fieldwork.follow_up", opinion.visit)
        form = forms.FollowUpForm(request.POST)
        call = lambda d: services.opinion_follow_up(  # noqa: E731
            actor=request.user, opinion=opinion, unit=d["unit"], due=d["due"]
        )
    else:
        require(request.user, "fieldwork.follow_up", opinion.visit)
        form = forms.CommentForm(request.POST)
        service = services.opinion_confirm if action == "confirm" else services.opinion_return
        call = lambda d: service(actor=request.user, opinion=opinion, comment=d["comment"])  # noqa: E731
    done = {
        "feedback": "办理结果已反馈，等待确认。",
        "follow_up": "已交办。",
        "confirm": "已确认办结。",
        "return": "已退回重办。",
    }[action]
    if run(request, form, call, done=done) is None:
        for errors in form.errors.values():
            for e in errors:
                messages.error(request, e)
    return redirect("fieldwork:opinion", opinion.pk)


@login_required
def pairings_ledger(request, activity_id: int):
    activity = get_visible_or_404(activities_visible_to(request.user), pk=activity_id)
    rows = selectors.pairings_visible_to(request.user).filter(activity=activity)
    return exporters.pairings_ledger_response(request.user, activity, rows)
