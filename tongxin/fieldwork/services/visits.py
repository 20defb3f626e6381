"""Writes for 联谊交友 and visits: pairings, a visit with its photos and opinions, the follow-up of an opinion."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from tongxin.audit.services import audit_record
from tongxin.fieldwork.errors import FieldworkError
from tongxin.fieldwork.models import Household, Opinion, Pairing, Visit
from tongxin.fieldwork.services.common import attach, check_files, not_in_future
from tongxin.notify.services import notify
from tongxin.supervision.models import ProgressReport, Task
from tongxin.supervision.recipients import unit_users
from tongxin.supervision.services import report_accept, report_return, report_submit, task_create


@transaction.atomic
def pairing_create(
    *, actor, activity, leader, figure, unit, affiliation: str = "", required_visits: int = 2
) -> Pairing:
    if leader.pk == figure.pk:
        raise FieldworkError("党员领导干部与党外人士不能是同一人。", field="figure")
    if required_visits < 1:
        raise FieldworkError("年度应走访次数至少为 1。", field="required_visits")
    if Pairing.objects.filter(activity=activity, leader=leader, figure=figure).exists():
        raise FieldworkError(f"{leader} 与 {figure} 已结对。", field="figure")
    pairing = Pairing.objects.create(
        activity=activity,
        leader=leader,
        figure=figure,
        unit=unit,
        figure_affiliation=affiliation.strip()[:100],
        required_visits=required_visits,
    )
    audit_record(
        actor=actor,
        action="pairing.create",
        target=pairing,
        summary=f"结对：{leader} — {figure}",
        plan_id=activity.plan_id,
    )
    return pairing


def visit_log(
    *,
    actor,
    visited_on: dt.date | None,
    content: str,
    form: str = Visit.Form.CALL_ON,
    place: str = "",
    pairing: Pairing | None = None,
    household: Household | None = None,
    photos=(),
    opinions: list[tuple[str, str]] = (),
) -> Visit:
    """A visit to a pair's figure or a household, with photos (images only) and the opinions raised.
    Everything is checked first; nothing is written when anything is wrong."""
    subject = pairing or household
    if subject is None:
        raise FieldworkError("请选择走访对象。")
    not_in_future(visited_on, label="走访日期", field="visited_on")
    if not content.strip():
        raise FieldworkError("请填写走访内容。", field="content")
    if form not in Visit.Form.values:
        raise FieldworkError("请选择走访形式。", field="form")
    kinds = dict(Opinion.Kind.choices)
    opinions = [(k, t.strip()) for k, t in opinions if t and t.strip()]
    if any(k not in kinds for k, _t in opinions):
        raise FieldworkError("意见建议的类别不正确。", field="opinions")
    photos = check_files(photos, kinds={"image"}, field="photos")
    activity = subject.activity
    with transaction.atomic():
        visit = Visit.objects.create(
            activity=activity,
            pairing=pairing,
            household=household,
            unit_id=subject.unit_id,
            visited_on=visited_on,
            place=place.strip()[:200],
            form=form,
            content=content.strip(),
            created_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        Opinion.objects.bulk_create([Opinion(visit=visit, kind=k, text=t) for k, t in opinions])
        attach(actor=actor, target=visit, uploads=photos, kinds={"image"}, purpose="photo", plan_id=activity.plan_id)
        audit_record(
            actor=actor,
            action="visit.log",
            target=visit,
            summary=f"记录走访：{subject}（{visit.get_form_display()}，意见建议 {len(opinions)} 条，照片 {len(photos)} 张）",
            plan_id=activity.plan_id,
        )
    return visit


@transaction.atomic
def opinion_follow_up(*, actor, opinion: Opinion, unit, due: dt.date | None) -> Task:
    """Hand an opinion to a unit as a supervised task: lights, reminders, 催办 and escalation come with it."""
    if opinion.task_id:
        raise FieldworkError("这条意见已交办。")
    if unit is None:
        raise FieldworkError("请选择承办单位。", field="unit")
    if due is None:
        raise FieldworkError("请填写办理时限。", field="due")
    visit = opinion.visit
    task = task_create(
        actor=actor,
        activity=visit.activity,
        owner_org=unit,
        due=due,
        title=f"办理{opinion.get_kind_display()}：{opinion.text[:80]}",
    )
    opinion.task = task
    opinion.save(update_fields=["task"])
    audit_record(
        actor=actor,
        action="opinion.follow_up",
        target=opinion,
        summary=f"交办 {unit} 办理，时限 {due:%Y-%m-%d}",
        plan_id=visit.activity.plan_id,
    )
    notify(
        users=unit_users(unit),
        orgs=[unit],
        kind="opinion.follow_up",
        title=f"请办理：{task.title}",
        body=f"办理时限 {due:%Y年%m月%d日}，办理结果请在系统中反馈。",
        url=f"/supervision/tasks/{task.pk}/",
    )
    return task


def opinion_feedback(*, actor, opinion: Opinion, result: str) -> ProgressReport:
    """The unit feeds back what it did; the task waits for confirmation (a report of supervision)."""
    task = _open_task(opinion)
    if not result.strip():
        raise FieldworkError("请填写办理结果。", field="result")
    return report_submit(
        actor=actor, activity=task.activity, org=task.owner_org, summary=result, task=task, held_on=None
    )


def _open_task(opinion: Opinion) -> Task:
    if opinion.task_id is None:
        raise FieldworkError("这条意见尚未交办。")
    task = Task.objects.select_related("activity", "owner_org").get(pk=opinion.task_id)
    if task.is_closed:
        raise FieldworkError("这条意见已办结。")
    return task


def _pending_report(task: Task) -> ProgressReport:
    report = task.reports.filter(state=ProgressReport.State.SUBMITTED).order_by("-id").first()
    if report is None:
        raise FieldworkError("承办单位还没有反馈办理结果。")
    return report


def opinion_confirm(*, actor, opinion: Opinion, comment: str = "") -> Task:
    """The result is confirmed: the task is done and the opinion closed."""
    task = _open_task(opinion)
    report_accept(actor=actor, report=_pending_report(task), comment=comment)
    task.refresh_from_db()
    return task


def opinion_return(*, actor, opinion: Opinion, comment: str) -> Task:
    task = _open_task(opinion)
    if not comment.strip():
        raise FieldworkError("退回时请写明理由。", field="comment")
    report_return(actor=actor, report=_pending_report(task), comment=comment)
    task.refresh_from_db()
    return task
