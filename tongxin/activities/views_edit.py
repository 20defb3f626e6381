"""Editing a published activity: its details, sessions and phases. Every screen follows one path: check the version
it was read at, show which deadlines would move and ask to confirm, call one service, go back to the activity."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from tongxin.activities import selectors, services
from tongxin.activities.forms import (
    ActivityEditForm,
    PhaseEditForm,
    SessionCancelForm,
    SessionEditForm,
)
from tongxin.activities.models import Activity, Phase, Session
from tongxin.activities.services.common import span_label
from tongxin.activities.templatetags.programme import window_label
from tongxin.core.access import get_visible_or_404, require


@dataclass
class Screen:
    """One edit screen: how to build its form, what it shows as "current" after a conflict, and how it saves."""

    template: str
    heading: str
    make_form: Callable[..., object]  # make_form(data) → a bound form; make_form(None) → the initial form
    current: Callable[[Activity], list[tuple[str, str]]]
    save: Callable[[object], object]
    done: str
    schedule: Callable[[object], services.ScheduleChange | None] = lambda form: None
    extra: dict | None = None


def _activity(request: HttpRequest, pk: int) -> Activity:
    return get_visible_or_404(selectors.with_details(selectors.activities_visible_to(request.user)), pk=pk)


def _render(request, activity, screen: Screen, form, *, status=200, conflict=False) -> HttpResponse:
    ctx = {"activity": activity, "form": form, "heading": screen.heading, "conflict": conflict, **(screen.extra or {})}
    if conflict:
        ctx["current"] = screen.current(activity)
    return render(request, screen.template, ctx, status=status)


def _run(request: HttpRequest, activity: Activity, screen: Screen) -> HttpResponse:
    if request.method != "POST" or request.POST.get("back"):
        form = screen.make_form(request.POST if request.method == "POST" else None)
        if form.is_bound:
            form.is_valid()  # back from the confirmation: show what was typed
        return _render(request, activity, screen, form)
    form = screen.make_form(request.POST)
    if not form.is_valid():
        return _render(request, activity, screen, form, status=400)
    if form.cleaned_data["version"] != activity.version:
        return _conflict(request, activity.pk, screen)
    change = screen.schedule(form)
    consequences = services.consequences_of(change) if change else []
    if consequences and request.POST.get("confirm") != "1":
        return _confirm(request, activity, screen, change, consequences)
    try:
        screen.save(form)
    except services.ConcurrentEdit:
        return _conflict(request, activity.pk, screen)
    except services.ActivityError as exc:
        form.add_error(None, exc.message)
        return _render(request, activity, screen, form, status=400)
    messages.success(request, screen.done)
    return redirect("activities:detail", pk=activity.pk)


def _conflict(request: HttpRequest, pk: int, screen: Screen) -> HttpResponse:
    """Keep what the person typed, say what happened, show the current values; saving again applies on top of them."""
    current = _activity(request, pk)
    data = request.POST.copy()
    data["version"] = str(current.version)
    data.pop("confirm", None)
    again = screen.make_form(data)
    again.is_valid()
    again.add_error(None, services.ConcurrentEdit().message)
    return _render(request, current, screen, again, status=409, conflict=True)


def _confirm(request, activity, screen: Screen, change: services.ScheduleChange, consequences) -> HttpResponse:
    """The typed values ride along as hidden fields; "确认保存" posts them again with confirm=1."""
    posted = [
        (k, v) for k, values in request.POST.lists() if k not in ("csrfmiddlewaretoken", "confirm") for v in values
    ]
    moved = [("开始日期", change.start), ("结束日期", change.end)] + [("场次结束日期", m) for m in change.sessions.values()]
    ctx = {"activity": activity, "heading": screen.heading, "consequences": consequences, "posted": posted}
    ctx["dates"] = [(label, *pair) for label, pair in moved if pair]
    return render(request, "activities/edit_confirm.html", ctx)


# --- Current values, shown beside the typed ones after a conflict -------------------------------------------------


def _activity_values(activity: Activity) -> list[tuple[str, str]]:
    roles = selectors.roles_of(activity)
    return [
        ("活动名称", activity.title),
        ("时间安排", "；".join(window_label(w) for w in activity.windows.all()) or "—"),
        ("地点", "、".join(activity.places) or ("地点待定" if activity.place_pending else "—")),
        ("类型", "、".join(activity.kind_labels) or "—"),
        *[(label, "、".join(a.holder_name for a in roles[key]) or "—") for key, label in _ROLE_LABELS],
    ]


_ROLE_LABELS = (("lead", "牵头领导"), ("responsible", "责任单位"), ("cooperating", "配合单位"))


def _session_values(session: Session) -> Callable[[Activity], list[tuple[str, str]]]:
    def values(activity: Activity) -> list[tuple[str, str]]:
        s = next((x for x in activity.sessions.all() if x.pk == session.pk), session)
        times = "—".join(t.strftime("%H:%M") for t in (s.start_time, s.end_time) if t)
        return [
            ("主题", s.title),
            ("日期", span_label(s.start, s.end)),
            ("时间", times or "—"),
            ("地点", s.place or "—"),
            ("主讲人", s.speakers or "—"),
            ("特邀嘉宾", s.guests or "—"),
            ("参加人员", s.participants or "—"),
            ("状态", s.get_state_display()),
        ]

    return values


def _sessions_list(activity: Activity) -> list[tuple[str, str]]:
    return [(s.title, f"{span_label(s.start, s.end)} · {s.get_state_display()}") for s in activity.sessions.all()]


# --- Screens --------------------------------------------------------------------------------------------------------


@login_required
def activity_edit(request: HttpRequest, pk: int) -> HttpResponse:
    activity = _activity(request, pk)
    require(request.user, "activities.edit_sessions", activity)
    full = request.user.has_perm("activities.edit_activity", activity)

    def make_form(data):
        if data is None:
            return ActivityEditForm.for_activity(activity, full=full)
        return ActivityEditForm(data, activity=activity, full=full)

    def save(form):
        v = form.cleaned_data["version"]
        services.activity_update(actor=request.user, activity=activity, expected_version=v, **form.service_kwargs())

    screen = Screen(
        template="activities/edit_activity.html",
        heading="编辑活动" if full else "修改活动地点",
        make_form=make_form,
        current=_activity_values,
        save=save,
        done="活动已保存。",
        schedule=lambda form: services.activity_schedule_change(activity, form.service_kwargs().get("windows")),
    )
    return _run(request, activity, screen)


def _session_screen(request, activity: Activity, session: Session | None) -> Screen:
    def make_form(data):
        if data is None:
            return (
                SessionEditForm.for_session(session)
                if session
                else SessionEditForm(initial={"version": activity.version}, activity=activity)
            )
        return SessionEditForm(data, activity=activity)

    def save(form):
        v, kw = form.cleaned_data["version"], form.service_kwargs()
        if session is None:
            services.session_add(actor=request.user, activity=activity, expected_version=v, **kw)
        else:
            services.session_update(actor=request.user, session=session, expected_version=v, **kw)

    def schedule(form):
        if session is None:
            return None
        kw = form.service_kwargs()
        return services.session_schedule_change(session, start=kw["start"], end=kw["end"])

    return Screen(
        template="activities/edit_session.html",
        heading=f"编辑场次：{session.title}" if session else "添加场次",
        make_form=make_form,
        current=_session_values(session) if session else _sessions_list,
        save=save,
        done="场次已保存。" if session else "场次已添加。",
        schedule=schedule,
        extra={"session": session},
    )


@login_required
def session_edit(request: HttpRequest, pk: int, session_pk: int) -> HttpResponse:
    activity = _activity(request, pk)
    session = get_object_or_404(Session, pk=session_pk, activity=activity)
    require(request.user, "activities.edit_sessions", activity)
    return _run(request, activity, _session_screen(request, activity, session))


@login_required
def session_add(request: HttpRequest, pk: int) -> HttpResponse:
    activity = _activity(request, pk)
    require(request.user, "activities.edit_sessions", activity)
    return _run(request, activity, _session_screen(request, activity, None))


@login_required
def session_cancel(request: HttpRequest, pk: int, session_pk: int) -> HttpResponse:
    activity = _activity(request, pk)
    session = get_object_or_404(Session, pk=session_pk, activity=activity)
    require(request.user, "activities.edit_sessions", activity)

    def make_form(data):
        return SessionCancelForm(data, initial={"version": activity.version})

    def save(form):
        d = form.cleaned_data
        services.session_cancel(actor=request.user, session=session, expected_version=d["version"], reason=d["reason"])

    screen = Screen(
        template="activities/edit_cancel.html",
        heading=f"取消场次：{session.title}",
        make_form=make_form,
        current=_session_values(session),
        save=save,
        done="场次已取消。",
        extra={"session": session},
    )
    return _run(request, activity, screen)


@login_required
def phase_edit(request: HttpRequest, pk: int, phase_pk: int) -> HttpResponse:
    activity = _activity(request, pk)
    phase = get_object_or_404(Phase, pk=phase_pk, activity=activity)
    require(request.user, "activities.edit_activity", activity)

    def make_form(data):
        return PhaseEditForm.for_phase(phase) if data is None else PhaseEditForm(data, activity=activity)

    def save(form):
        v = form.cleaned_data["version"]
        services.phase_update(actor=request.user, phase=phase, expected_version=v, **form.service_kwargs())

    def current(act: Activity) -> list[tuple[str, str]]:
        return [(p.name, span_label(p.start, p.end)) for p in act.phases.all()]

    screen = Screen(
        template="activities/edit_phase.html",
        heading=f"修改阶段时间：{phase.name}",
        make_form=make_form,
        current=current,
        save=save,
        done="阶段时间已保存。",
        extra={"phase": phase},
    )
    return _run(request, activity, screen)
