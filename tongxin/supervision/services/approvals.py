"""请示 / 报备 / 延期申请: a unit asks, the activity's lead leader decides; an approved extension moves the deadline."""

from __future__ import annotations

import datetime as dt
from typing import IO

from django.db import transaction

from tongxin.activities.models import Activity
from tongxin.audit.services import audit_record
from tongxin.core import clock
from tongxin.core.text import quoted
from tongxin.notify.services import notify
from tongxin.supervision.models import Approval, Task
from tongxin.supervision.recipients import department_admins, lead_leader_users, unit_users
from tongxin.supervision.services.errors import ConcurrentUpdate, SupervisionError
from tongxin.supervision.services.tasks import task_set_due
from tongxin.supervision.services.uploads import as_file, check_upload


def approval_request(
    *,
    actor,
    activity: Activity,
    org,
    kind: str,
    title: str,
    body: str = "",
    task: Task | None = None,
    new_due: dt.date | None = None,
    attachment: tuple[str, bytes | IO[bytes]] | None = None,
) -> Approval:
    if kind not in Approval.Kind.values:
        raise SupervisionError("未知的申请类别。")
    if not title.strip():
        raise SupervisionError("请填写标题。")
    if kind == Approval.Kind.EXTENSION:
        if task is None or new_due is None:
            raise SupervisionError("延期申请需要选择任务并填写申请延至的日期。")
        if new_due <= task.due:
            raise SupervisionError(f"申请延至的日期应晚于当前截止日期 {task.due:%Y-%m-%d}。")
        if not body.strip():
            raise SupervisionError("请说明延期理由。")
        if task.owner_org_id != org.pk:
            raise SupervisionError(f"所选任务由{task.owner_org}负责，不能由{org}申请延期。")
    ctype = check_upload(*attachment) if attachment else None
    with transaction.atomic():
        approval = Approval(
            kind=kind,
            activity=activity,
            task=task,
            org=org,
            requested_by=actor,
            title=title.strip()[:300],
            body=body.strip(),
            old_due=task.due if task else None,
            new_due=new_due,
        )
        if attachment and ctype:
            approval.attachment.save(attachment[0], as_file(*attachment), save=False)
            approval.attachment_name = attachment[0][:255]
        approval.save()
        audit_record(
            actor=actor,
            action=f"approval.{kind}",
            target=approval,
            summary=f"{org} 提交{approval.get_kind_display()}：{approval.title}",
            plan_id=activity.plan_id,
        )
        deciders = lead_leader_users(activity) or department_admins()
        if kind == Approval.Kind.FILING:
            deciders = deciders + department_admins()
        notify(
            users=deciders,
            kind=f"approval.{kind}",
            title=f"待处理{approval.get_kind_display()}：{approval.title}",
            body=body[:200],
            url=f"/supervision/approvals/{approval.pk}/",
        )
    return approval


def approval_decide(*, actor, approval: Approval, approve: bool, comment: str = "") -> Approval:
    """Approve or decline a 请示/延期申请, or acknowledge a 报备 (approve=True)."""
    if approval.kind == Approval.Kind.FILING:
        state = Approval.State.ACKNOWLEDGED
    else:
        state = Approval.State.APPROVED if approve else Approval.State.DECLINED
    if state == Approval.State.DECLINED and not comment.strip():
        raise SupervisionError("不同意时请写明意见。")
    with transaction.atomic():
        changed = Approval.objects.filter(pk=approval.pk, state=Approval.State.PENDING).update(
            state=state, decided_by=actor, decided_at=clock.now(), comment=comment.strip()
        )
        if not changed:
            raise ConcurrentUpdate("这项申请已经处理过了，请刷新查看。")
        approval.refresh_from_db()
        if state == Approval.State.APPROVED and approval.kind == Approval.Kind.EXTENSION and approval.task:
            task_set_due(
                actor=actor, task=approval.task, due=approval.new_due, reason=f"延期申请获批（{approval.title}）"
            )
        audit_record(
            actor=actor,
            action=f"approval.{state}",
            target=approval,
            summary=f"{approval.get_kind_display()}{quoted(approval.title)}：{approval.get_state_display()}"
            + (f"，意见：{comment.strip()}" if comment.strip() else ""),
            changes={"state": ["pending", state], "old_due": approval.old_due, "new_due": approval.new_due},
            plan_id=approval.activity.plan_id,
        )
        notify(
            users=unit_users(approval.org),
            orgs=[approval.org],
            kind=f"approval.{state}",
            title=f"您的{approval.get_kind_display()}{quoted(approval.title)}{approval.get_state_display()}",
            body=comment,
            url=f"/supervision/approvals/{approval.pk}/",
        )
    return approval


def approval_withdraw(*, actor, approval: Approval) -> Approval:
    with transaction.atomic():
        if not Approval.objects.filter(pk=approval.pk, state=Approval.State.PENDING).update(
            state=Approval.State.WITHDRAWN
        ):
            raise ConcurrentUpdate("这项申请已经处理过，不能撤回。")
        approval.refresh_from_db()
        audit_record(
            actor=actor,
            action="approval.withdraw",
            target=approval,
            summary=f"撤回了{approval.get_kind_display()}{quoted(approval.title)}",
            plan_id=approval.activity.plan_id,
        )
    return approval
