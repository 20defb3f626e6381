"""Signed-in pages: a session's attendance, QR code, manual attendance and minutes; an activity's publicity log."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from tongxin.accounts.rules import is_admin
from tongxin.activities.models import Session
from tongxin.activities.selectors import activities_visible_to, under_visible_activities
from tongxin.core.access import get_visible_or_404, require
from tongxin.events import selectors, services
from tongxin.events.forms import AttendanceForm, MinutesForm, PublicityForm
from tongxin.files.checks import UploadRejected
from tongxin.files.selectors import attachments_of
from tongxin.public.qr import absolute_url, qr_bytes


def _session(request, pk: int) -> Session:
    qs = under_visible_activities(Session.objects.select_related("activity", "activity__plan"), request.user)
    return get_visible_or_404(qs, pk=pk)


def signin_url(session: Session) -> str:
    return reverse("events_public:signin", args=[services.signin_token(session)])


@login_required
def session_detail(request, pk: int):
    session = _session(request, pk)
    minutes = getattr(session, "minutes", None) if hasattr(session, "minutes") else None
    context = {
        "session": session,
        "activity": session.activity,
        "attendances": selectors.attendance_of(session),
        "by_unit": selectors.attendance_by_unit(session),
        "minutes": minutes,
        "photos": attachments_of(minutes, purpose="minutes") if minutes else [],
        "can_edit": request.user.has_perm("activities.edit_sessions", session.activity),
        "signin_url": absolute_url(signin_url(session)),
        "attendance_form": AttendanceForm(),
        "minutes_form": MinutesForm(),
    }
    return render(request, "events/session.html", context)


@login_required
def session_qr(request, pk: int):
    session = _session(request, pk)
    return HttpResponse(qr_bytes(absolute_url(signin_url(session)), "svg"), content_type="image/svg+xml")


@login_required
@require_POST
def attendance_add(request, pk: int):
    session = _session(request, pk)
    require(request.user, "activities.edit_sessions", session.activity)
    form = AttendanceForm(request.POST)
    if not form.is_valid():
        messages.error(request, "请填写姓名和单位。")
    else:
        try:
            services.attendance_record(actor=request.user, session=session, **form.cleaned_data)
            messages.success(request, f"已登记：{form.cleaned_data['name']}")
        except services.EventsError as exc:
            messages.error(request, str(exc))
    return redirect("events:session", pk=session.pk)


@login_required
@require_POST
def minutes_add(request, pk: int):
    session = _session(request, pk)
    require(request.user, "activities.edit_sessions", session.activity)
    form = MinutesForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, "请填写会议纪要。")
        return redirect("events:session", pk=session.pk)
    try:
        services.minutes_file(
            actor=request.user, session=session, text=form.cleaned_data["text"],
            photos=request.FILES.getlist("photos"), is_department=is_admin(request.user),
        )  # fmt: skip
        messages.success(request, "纪要已登记。")
    except (services.EventsError, UploadRejected) as exc:
        messages.error(request, str(exc))
    return redirect("events:session", pk=session.pk)


@login_required
def publicity_list(request, pk: int):
    activity = get_visible_or_404(activities_visible_to(request.user), pk=pk)
    entries = selectors.publicity_visible_to(request.user).filter(activity=activity)
    form = PublicityForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        require(request.user, "activities.change_activity", activity)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.publicity_add(
                    actor=request.user, activity=activity, outlet_type=data["outlet_type"], outlet=data["outlet"],
                    date=data["date"], title=data["title"], link=data["link"], screenshot=data["screenshot"],
                )  # fmt: skip
                messages.success(request, "宣传报道已登记。")
                return redirect("events:publicity", pk=activity.pk)
            except (services.EventsError, UploadRejected) as exc:
                form.add_error(None, str(exc))
    context = {
        "activity": activity,
        "entries": entries,
        "counts": selectors.publicity_counts(entries),
        "form": form,
        "can_add": request.user.has_perm("activities.change_activity", activity),
    }
    return render(request, "events/publicity.html", context)
