"""直通车 专报 to leaders, 批示 turned into supervised tasks, and the 办理结果 fed back to the proposer."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Max

from tongxin.audit.services import audit_record
from tongxin.calls.models import Call, DirectReport, Instruction, Submission
from tongxin.calls.services.errors import CallError
from tongxin.core import clock
from tongxin.notify.services import notify
from tongxin.supervision.services import task_create


@dataclass(frozen=True)
class TaskSpec:
    title: str
    owner_org: object
    due: dt.date


@transaction.atomic
def direct_report_send(*, actor, call: Call, title: str, submissions: list[Submission], leaders: list) -> DirectReport:
    if not submissions:
        raise CallError("请选择要报送的建议。")
    if not leaders:
        raise CallError("请选择报送的领导。")
    if any(s.call_id != call.pk for s in submissions):
        raise CallError("只能报送本次征集的建议。")
    if any(s.state in (Submission.State.REJECTED, Submission.State.RETURNED) for s in submissions):
        raise CallError("未入选或退回修改的建议不能报送。")
    Call.objects.select_for_update().get(pk=call.pk)
    number = (call.reports.aggregate(n=Max("number"))["n"] or 0) + 1
    report = DirectReport.objects.create(
        call=call, number=number, title=title.strip() or f"{call.title}直通车专报", sent_by=actor
    )
    report.submissions.set(submissions)
    report.leaders.set(leaders)
    audit_record(
        actor=actor,
        action="call.direct_report",
        target=report,
        summary=f"直通车第{number}期报送建议{len(submissions)}件",
        plan_id=call.activity.plan_id,
    )
    return report


@transaction.atomic
def instruction_record(*, actor, submission: Submission, leader, text: str, tasks: list[TaskSpec]) -> Instruction:
    """Record a 批示 (by the leader, or by staff on the leader's behalf) and open one task per line of work."""
    if not text.strip():
        raise CallError("请填写批示内容。")
    if not submission.direct_reports.filter(leaders=leader).exists():
        raise CallError("这件建议未经直通车报送给该领导。")
    if not tasks:
        raise CallError("请至少交办一项工作。")
    if any(spec.due < clock.today() for spec in tasks):
        raise CallError("办理期限不能早于今天。")
    if any(not spec.title.strip() or spec.owner_org is None for spec in tasks):
        raise CallError("每项交办工作须写明事项和承办单位。")
    instruction = Instruction.objects.create(
        submission=submission,
        leader=leader,
        text=text.strip(),
        recorded_by=actor,
        on_behalf=getattr(actor, "person_id", None) != leader.pk,
    )
    activity = submission.call.activity
    for spec in tasks:
        task = task_create(
            actor=actor,
            activity=activity,
            title=f"落实{leader.name}批示：{spec.title}",
            owner_org=spec.owner_org,
            due=spec.due,
        )
        instruction.tasks.add(task)
    audit_record(
        actor=actor,
        action="call.instruction",
        target=instruction,
        summary=f"{submission.receipt} 录入{leader.name}批示，交办{len(tasks)}项",
        plan_id=activity.plan_id,
    )
    return instruction


@transaction.atomic
def instruction_feedback(*, actor, instruction: Instruction, result: str) -> Instruction:
    """办理结果 back to the proposer: stored (the public receipt lookup shows it) and sent to their inbox."""
    if not result.strip():
        raise CallError("请填写办理结果。")
    instruction.result = result.strip()
    instruction.result_at = clock.now()
    instruction.save(update_fields=["result", "result_at"])
    submission = instruction.submission
    audit_record(actor=actor, action="call.feedback", target=instruction, summary=f"{submission.receipt} 反馈办理结果")
    if submission.submitted_by_id:
        notify(
            users=[submission.submitted_by],
            kind="call.feedback",
            title=f"您的建议（{submission.receipt}）有了办理结果",
            body=instruction.result,
            department_robots=False,
        )
    return instruction
