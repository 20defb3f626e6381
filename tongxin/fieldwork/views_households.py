"""Pages for 扶贫济困: the households (masked unless the viewer is the responsible unit), a household's file with
its QR label, difficulties taken to resolved, visits, and the register download (recorded)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from tongxin.activities.selectors import activities_visible_to
from tongxin.core.access import get_visible_or_404, require
from tongxin.core.signed import make_token, read_token
from tongxin.fieldwork import exporters, forms, selectors, services
from tongxin.fieldwork.models import Household
from tongxin.fieldwork.views_common import run
from tongxin.public.qr import qr_bytes

QR_PURPOSE = "fieldwork.household"
QR_MAX_AGE = dt.timedelta(days=3 * 365)  # a label on a door lasts a few years


@login_required
def households(request, activity_id: int):
    activity = get_visible_or_404(activities_visible_to(request.user), pk=activity_id)
    qs = selectors.households_visible_to(request.user).filter(activity=activity).select_related("unit")
    page = Paginator(qs.order_by("town", "village", "id"), 50).get_page(request.GET.get("page"))
    # Counted for this page's households only: a GROUP BY over every household's visits was the page's cost.
    selectors.add_household_counts(page.object_list)
    for h in page.object_list:
        h.shown_id = selectors.personal(request.user, h, h.id_number, kind="id")
        h.shown_phone = selectors.personal(request.user, h, h.phone, kind="phone")
    form = forms.HouseholdForm(request.POST or None)
    if request.method == "POST":
        require(request.user, "activities.change_activity", activity)
        unit = request.user.organisation
        if unit is None:
            raise Http404
        h = run(
            request,
            form,
            lambda d: services.household_create(actor=request.user, activity=activity, unit=unit, **d),
            done="已建档。",
        )
        if h:
            return redirect("fieldwork:household", h.pk)
    can_add = bool(request.user.organisation_id) and request.user.has_perm("activities.change_activity", activity)
    return render(
        request, "fieldwork/households.html", {"activity": activity, "page": page, "form": form, "can_add": can_add}
    )


def _household(request, pk: int) -> Household:
    return get_visible_or_404(selectors.households_visible_to(request.user).select_related("activity", "unit"), pk=pk)


@login_required
def household(request, pk: int, bound: tuple | None = None):
    """`bound`: (action, difficulty id, form) of a refused action, shown in its place with what was typed."""
    h = _household(request, pk)
    action, bound_id, bound_form = bound or ("", None, None)
    difficulties = list(h.difficulties.order_by("id"))
    evidence = {}
    for a in attachments_of_many(difficulties):
        evidence.setdefault(a.target_id, []).append(a)
    for d in difficulties:
        d.evidence = evidence.get(d.pk, [])
        d.measure_form = bound_form if (action, bound_id) == ("measure", d.pk) else forms.MeasureForm()
        d.resolve_form = bound_form if (action, bound_id) == ("resolve", d.pk) else forms.ResolveForm()
    ctx = {
        "h": h,
        "difficulties": difficulties,
        "id_number": selectors.personal(request.user, h, h.id_number, kind="id"),
        "phone": selectors.personal(request.user, h, h.phone, kind="phone"),
        "visits": h.visits.order_by("-visited_on", "-id")[:50],
        "can_change": request.user.has_perm("fieldwork.change_household", h),
        "difficulty_form": bound_form if action == "difficulty" else forms.DifficultyForm(),
        "sessions": h.activity.sessions.order_by("order", "id"),
        "statuses": Household.Status.choices,
    }
    return render(request, "fieldwork/household.html", ctx, status=400 if bound else 200)


def attachments_of_many(objects):
    from django.contrib.contenttypes.models import ContentType

    from tongxin.files.models import Attachment

    if not objects:
        return []
    ct = ContentType.objects.get_for_model(objects[0])
    return Attachment.objects.filter(target_type=ct, target_id__in=[o.pk for o in objects], purpose="evidence")


@login_required
@require_POST
def household_action(request, pk: int, action: str):
    h = _household(request, pk)
    require(request.user, "fieldwork.change_household", h)
    d = None
    if action in ("measure", "resolve"):
        d = h.difficulties.filter(pk=request.POST.get("difficulty") or 0).first()
        if d is None:
            raise Http404
    if action == "difficulty":
        form = forms.DifficultyForm(request.POST)
        call = lambda c: services.difficulty_add(actor=request.user, household=h, description=c["description"])  # noqa: E731
    elif action == "measure":
        form = forms.MeasureForm(request.POST)
        call = lambda c: services.difficulty_set_measure(actor=request.user, difficulty=d, **c)  # noqa: E731
    elif action == "resolve":
        form = forms.ResolveForm(request.POST, request.FILES)
        call = lambda c: services.difficulty_resolve(  # noqa: E731
            actor=request.user, difficulty=d, result=c["result"], evidence=c["evidence"]
        )
    elif action == "status":
        form = forms.forms.Form(request.POST)
        call = lambda c: services.household_set_status(  # noqa: E731
            actor=request.user, household=h, status=request.POST.get("status", "")
        )
    else:
        raise Http404
    if run(request, form, call, done="已保存。") is None:
        if action == "status":
            for errors in form.errors.values():
                for e in errors:
                    messages.error(request, e)
        else:  # the page again, the message on the form, what was typed kept
            return household(request, h.pk, bound=(action, d.pk if d else None, form))
    return redirect("fieldwork:household", h.pk)


def household_token(h: Household) -> str:
    return make_token(QR_PURPOSE, {"h": h.pk})


@login_required
def household_qr(request, pk: int):
    """The household's QR label (SVG): it opens the file for a signed-in user who may see it."""
    h = _household(request, pk)
    # SITE_URL, not the request's host: the label is printed and scanned on another device.
    url = settings.SITE_URL.rstrip("/") + reverse("fieldwork:household_open", args=[household_token(h)])
    return HttpResponse(qr_bytes(url, "svg"), content_type="image/svg+xml")


@login_required
def household_open(request, token: str):
    data = read_token(QR_PURPOSE, token, max_age=QR_MAX_AGE)
    if not data or not isinstance(data.get("h"), int):
        raise Http404
    return redirect("fieldwork:household", _household(request, data["h"]).pk)


@login_required
def households_export(request, activity_id: int):
    activity = get_visible_or_404(activities_visible_to(request.user), pk=activity_id)
    rows = selectors.households_visible_to(request.user).filter(activity=activity)
    return exporters.households_response(request.user, activity, rows)
