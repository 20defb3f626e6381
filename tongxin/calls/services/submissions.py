"""Creating a call, taking submissions with a receipt number, and the department's decisions."""

from __future__ import annotations

from django.db import transaction

from tongxin.accounts.services import object_role_grant
from tongxin.audit.services import audit_record
from tongxin.calls.models import Call, Submission
from tongxin.calls.selectors import REVIEWER
from tongxin.calls.services.errors import CallError


@transaction.atomic
def call_create(*, actor, activity, kind: str, title: str, rounds: int = 1, reviewers_per_submission: int = 3) -> Call:
    if kind not in Call.Kind.values:
        raise CallError("征集类型无效。")
    if not title.strip():
        raise CallError("请填写征集名称。")
    if not 1 <= reviewers_per_submission <= 15:
        raise CallError("每件作品的评审人数应在1到15之间。")
    call = Call.objects.create(
        activity=activity,
        kind=kind,
        title=title.strip()[:300],
        rounds=max(1, rounds),
        reviewers_per_submission=reviewers_per_submission,
    )
    audit_record(
        actor=actor, action="call.create", target=call, summary=f"创建征集：{call.title}", plan_id=activity.plan_id
    )
    return call


def reviewer_add(*, actor, call: Call, user) -> None:
    """`user` becomes a reviewer of `call` (a role on the call as a row, not a global role)."""
    object_role_grant(actor=actor, role=REVIEWER, target=call, user=user)


@transaction.atomic
def submission_create(
    *, actor, call: Call, title: str, author_name: str, author_unit=None, body: str = ""
) -> Submission:
    if not title.strip():
        raise CallError("请填写标题。")
    if not author_name.strip():
        raise CallError("请填写作者姓名。")
    # Lock the call so two submissions at once never get the same receipt number.
    Call.objects.select_for_update().get(pk=call.pk)
    seq = Submission.objects.filter(call=call).count() + 1
    submission = Submission.objects.create(
        call=call,
        receipt=f"ZJ{call.pk:03d}-{seq:05d}",
        title=title.strip()[:300],
        body=body,
        author_name=author_name.strip()[:100],
        author_unit=author_unit,
        submitted_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    audit_record(
        actor=actor or "公众",
        action="call.submit",
        target=submission,
        summary=f"提交作品 {submission.receipt}",
        plan_id=call.activity.plan_id,
    )
    return submission


DECISIONS = {
    "select": Submission.State.SELECTED,
    "reject": Submission.State.REJECTED,
    "return": Submission.State.RETURNED,
}


@transaction.atomic
def submission_decide(*, actor, submission: Submission, decision: str, note: str = "") -> Submission:
    """Select, reject or return (退回修改) a submission; a selected one moves to the next round if there is one."""
    if decision not in DECISIONS:
        raise CallError("处理意见无效：只能是入选、未入选或退回修改。")
    if decision == "return" and not note.strip():
        raise CallError("退回修改须写明修改意见。")
    before = submission.state
    submission.state = DECISIONS[decision]
    submission.decision_note = note.strip()
    if decision == "select" and submission.round < submission.call.rounds:
        submission.round += 1
        submission.state = Submission.State.SUBMITTED
    submission.save(update_fields=["state", "decision_note", "round"])
    audit_record(
        actor=actor,
        action=f"call.decide.{decision}",
        target=submission,
        summary=f"{submission.receipt}：{submission.get_state_display()}",
        changes={"state": [before, submission.state]},
        plan_id=submission.call.activity.plan_id,
    )
    return submission
