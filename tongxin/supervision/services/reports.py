"""Progress reports (开展情况): a unit submits, the department accepts or returns with a comment."""

from __future__ import annotations

import datetime as dt
from typing import IO

from django.db import IntegrityError, transaction

from tongxin.activities.models import Activity, Session
from tongxin.audit.services import audit_record
from tongxin.core import clock
from tongxin.core.text import quoted
from tongxin.notify.services import notify
from tongxin.notify.webhooks import webhook_event
from tongxin.supervision.models import Evidence, ProgressReport, Task
from tongxin.supervision.recipients import department_admins, unit_users
from tongxin.supervision.services.errors import ConcurrentUpdate, SupervisionError
from tongxin.supervision.services.uploads import as_file, check_total, check_upload, head_and_size


def report_submit(
    *,
    actor,
    activity: Activity,
    org,
    summary: str,
    held_on: dt.date | None = None,
    place: str = "",
    participants: int | None = None,
    media_links: str = "",
    session: Session | None = None,
    task: Task | None = None,
    files: list[tuple[str, bytes | IO[bytes]]] = (),
    submission_token: str = "",
) -> ProgressReport:
    """Files are (name, bytes or an upload on disk); every one is checked, and their total, before anything is
    written, so a bad file loses nothing else.

    With a `submission_token` (the form's one-time token) a second submission of the same form returns the report
    the first one filed, marked `repeated`, and files nothing.
    """
    if earlier := _earlier(actor, submission_token):
        return earlier
    if not summary.strip():
        raise SupervisionError("请填写开展情况。")
    if participants is not None and participants < 0:
        raise SupervisionError("参加人数不能为负数。")
    if task is not None and task.activity_id != activity.pk:
        raise SupervisionError("任务与活动不一致。")
    if task is not None and task.owner_org_id != org.pk:
        raise SupervisionError(f"所选任务由{task.owner_org}负责，不能作为{org}的报告报送。")
    checked = [(name, data, check_upload(name, data)) for name, data in files]
    check_total(list(files))
    for line in media_links.splitlines():
        if line.strip() and not line.strip().startswith(("http://", "https://")):
            raise SupervisionError(f"媒体报道链接应以 http:// 或 https:// 开头：{line.strip()}")
    try:
        return _file_report(
            actor=actor, activity=activity, org=org, summary=summary, held_on=held_on, place=place,
            participants=participants, media_links=media_links, session=session, task=task, checked=checked,
            submission_token=submission_token,
        )  # fmt: skip
    except IntegrityError:
        # The same form posted twice at once: the other request won the unique constraint.
        if earlier := _earlier(actor, submission_token):
            return earlier
        raise


def _earlier(actor, token: str) -> ProgressReport | None:
    report = ProgressReport.objects.filter(author=actor, submission_token=token).first() if token else None
    if report is not None:
        report.repeated = True
    return report


def _file_report(*, actor, activity, org, summary, held_on, place, participants, media_links, session, task, checked,
                 submission_token) -> ProgressReport:  # fmt: skip
    with transaction.atomic():
        report = ProgressReport.objects.create(
            activity=activity,
            session=session,
            task=task,
            org=org,
            author=actor,
            summary=summary.strip(),
            held_on=held_on,
            place=place.strip()[:300],
            participants=participants,
            media_links=media_links.strip(),
            submission_token=submission_token[:64],
        )
        for name, data, ctype in checked:
            ev = Evidence(report=report, original_name=name[:255], content_type=ctype, size=head_and_size(data)[1])
            ev.file.save(name, as_file(name, data), save=False)
            ev.save()
        if task is not None and not task.is_closed:
            Task.objects.filter(pk=task.pk).update(
                state=Task.State.SUBMITTED, version=task.version + 1, updated_at=clock.now()
            )
            webhook_event(event="task.state_changed", data={"task_id": task.pk, "state": Task.State.SUBMITTED})
        audit_record(
            actor=actor,
            action="report.submit",
            target=report,
            summary=f"{org} 报送开展情况：{activity.title}" + (f"（{len(checked)} 个附件）" if checked else ""),
            plan_id=activity.plan_id,
        )
        notify(
            users=department_admins(),
            kind="report.submitted",
            title=f"{org} 报送了开展情况：{activity.title}",
            body=summary[:200],
            url=f"/supervision/reports/{report.pk}/",
        )
    return report


def _review(*, actor, report: ProgressReport, state: str, comment: str) -> ProgressReport:
    with transaction.atomic():
        changed = ProgressReport.objects.filter(pk=report.pk, state=ProgressReport.State.SUBMITTED).update(
            state=state, review_comment=comment, reviewed_by=actor, reviewed_at=clock.now()
        )
        if not changed:
            raise ConcurrentUpdate("这份报告已经审核过了（可能是其他人刚刚处理），请刷新查看。")
        report.refresh_from_db()
        task = report.task
        if task is not None and not task.is_closed:
            new_state = Task.State.DONE if state == ProgressReport.State.ACCEPTED else Task.State.RETURNED
            # Done as of the report's submission: a unit that reported on time is on time, however long the review.
            Task.objects.filter(pk=task.pk).update(
                state=new_state,
                version=task.version + 1,
                updated_at=clock.now(),
                done_at=report.submitted_at if new_state == Task.State.DONE else None,
            )
        if state == ProgressReport.State.ACCEPTED and report.session_id:
            Session.objects.filter(pk=report.session_id).update(state=Session.State.HELD)
        webhook_event(
            event="report.reviewed", data={"report_id": report.pk, "state": state, "task_id": report.task_id}
        )
        verb = "采用" if state == ProgressReport.State.ACCEPTED else "退回"
        audit_record(
            actor=actor,
            action=f"report.{state}",
            target=report,
            summary=f"{verb}了 {report.org} 的开展情况报告" + (f"：{comment}" if comment else ""),
            plan_id=report.activity.plan_id,
        )
        notify(
            users=unit_users(report.org),
            orgs=[report.org],
            kind=f"report.{state}",
            title=f"您报送的{quoted(report.activity.title)}开展情况已被{verb}",
            body=comment,
            url=f"/supervision/reports/{report.pk}/",
        )
    return report


def report_accept(*, actor, report: ProgressReport, comment: str = "") -> ProgressReport:
    return _review(actor=actor, report=report, state=ProgressReport.State.ACCEPTED, comment=comment.strip())


def report_return(*, actor, report: ProgressReport, comment: str) -> ProgressReport:
    if not comment.strip():
        raise SupervisionError("退回时请写明需要修改的地方。")
    return _review(actor=actor, report=report, state=ProgressReport.State.RETURNED, comment=comment.strip())
