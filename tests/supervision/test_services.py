"""Supervision state transitions: each service validates, writes, audits and notifies (personas in tests/conftest.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from tongxin.audit.models import AuditEntry
from tongxin.notify.models import Notification
from tongxin.supervision import status
from tongxin.supervision.models import Approval, ProgressReport, Task
from tongxin.supervision.services import (
    ConcurrentUpdate,
    SupervisionError,
    approval_decide,
    approval_request,
    report_accept,
    report_return,
    report_submit,
    rule_create,
    rules_generate_due,
    task_escalate,
    task_update,
    task_urge,
    tasks_generate_for_plan,
)

pytestmark = pytest.mark.django_db
PNG = b"\x89PNG\r\n\x1a\n" + b"0" * 100


def test_plan_generates_implementation_session_and_results_tasks_once(tasks, people, units):
    a = tasks["a"]
    kinds = sorted(Task.objects.filter(activity=a).values_list("kind", "due"))
    assert kinds == [
        ("impl_plan", dt.date(2019, 1, 1)),
        ("results", dt.date(2020, 1, 7)),
        *[("session", dt.date(2019, m, 28)) for m in (2, 4, 6, 8, 10, 12)],
    ]
    assert set(Task.objects.filter(activity=a).values_list("owner_org__name", flat=True)) == {"党外干部和民主党派科"}
    # B has only a cooperating unit: no owner, no tasks.
    assert not Task.objects.filter(activity=tasks["b"]).exists()
    assert tasks_generate_for_plan(actor=people["admin"], plan=tasks["plan"]) == 0


def test_report_submit_accept_closes_the_task_and_marks_the_session_held(tasks, people, units):
    a = tasks["a"]
    task = Task.objects.get(activity=a, kind="session", session__order=0)
    report = report_submit(
        actor=people["dangwai"],
        activity=a,
        org=units["dangwai"],
        summary="第一期读书会已举办",
        held_on=dt.date(2019, 2, 20),
        participants=45,
        session=task.session,
        task=task,
        files=[("现场.png", PNG)],
        media_links="https://example.org/news/1",
    )
    task.refresh_from_db()
    assert task.state == "submitted"
    assert report.evidence.get().content_type == "image/png"
    assert Notification.objects.filter(recipient=people["admin"], kind="report.submitted").count() == 1
    report_accept(actor=people["admin"], report=report, comment="很好")
    task.refresh_from_db()
    task.session.refresh_from_db()
    assert (task.state, task.session.state, report.state) == ("done", "held", "accepted")
    assert list(
        AuditEntry.objects.filter(target_type="supervision.progressreport").values_list("action", flat=True)
    ) == ["report.accepted", "report.submit"]
    with pytest.raises(ConcurrentUpdate):
        report_return(actor=people["admin"], report=report, comment="再改改")


def test_return_needs_a_comment_and_reopens_the_task(tasks, people, units):
    task = Task.objects.filter(activity=tasks["a"], kind="impl_plan").get()
    report = report_submit(
        actor=people["dangwai"], activity=tasks["a"], org=units["dangwai"], summary="方案", task=task
    )
    with pytest.raises(SupervisionError, match="退回时请写明"):
        report_return(actor=people["admin"], report=report, comment=" ")
    report_return(actor=people["admin"], report=report, comment="请补充经费预算")
    task.refresh_from_db()
    assert task.state == "returned"
    assert Notification.objects.get(recipient=people["dangwai"]).body == "请补充经费预算"


def test_a_bad_file_stores_nothing(tasks, people, units):
    with pytest.raises(SupervisionError, match="内容与扩展名不符"):
        report_submit(
            actor=people["dangwai"],
            activity=tasks["a"],
            org=units["dangwai"],
            summary="x",
            files=[("ok.png", PNG), ("fake.jpg", b"MZ\x90\x00")],
        )
    with pytest.raises(SupervisionError, match="文件类型不支持"):
        report_submit(
            actor=people["dangwai"],
            activity=tasks["a"],
            org=units["dangwai"],
            summary="x",
            files=[("virus.exe", b"MZ")],
        )
    assert ProgressReport.objects.count() == 0


def test_extension_approved_by_the_lead_leader_moves_the_deadline_and_keeps_both_dates(tasks, people, units):
    task = Task.objects.get(activity=tasks["a"], kind="impl_plan")
    old = task.due
    ap = approval_request(
        actor=people["dangwai"],
        activity=tasks["a"],
        org=units["dangwai"],
        kind="extension",
        title="实施方案延期",
        body="主讲嘉宾时间调整",
        task=task,
        new_due=old + dt.timedelta(days=20),
    )
    assert Notification.objects.filter(recipient=people["zhang"], kind="approval.extension").exists()
    assert people["zhang"].has_perm("supervision.decide_approval", ap)
    assert not people["admin"].has_perm("supervision.decide_approval", ap)
    assert not people["dangwai"].has_perm("supervision.decide_approval", ap)
    approval_decide(actor=people["zhang"], approval=ap, approve=True, comment="同意")
    task.refresh_from_db()
    assert (task.original_due, task.due) == (old, old + dt.timedelta(days=20))
    entry = AuditEntry.objects.get(action="task.extend")
    assert entry.changes == {"due": [old.isoformat(), (old + dt.timedelta(days=20)).isoformat()]}
    assert Approval.objects.get().state == "approved"


def test_extension_must_move_the_deadline_later(tasks, people, units):
    task = Task.objects.get(activity=tasks["a"], kind="impl_plan")
    with pytest.raises(SupervisionError, match="应晚于当前截止日期"):
        approval_request(
            actor=people["dangwai"],
            activity=tasks["a"],
            org=units["dangwai"],
            kind="extension",
            title="x",
            body="y",
            task=task,
            new_due=task.due,
        )


def test_concurrent_task_updates_never_silently_overwrite(tasks, people):
    task = Task.objects.get(activity=tasks["a"], kind="impl_plan")
    first = Task.objects.get(pk=task.pk)
    second = Task.objects.get(pk=task.pk)
    task_update(actor=people["admin"], task=first, expected_version=first.version, title="改名一")
    with pytest.raises(ConcurrentUpdate):
        task_update(actor=people["admin"], task=second, expected_version=second.version, title="改名二")
    assert Task.objects.get(pk=task.pk).title == "改名一"


def test_urge_records_who_urged_whom_and_escalation_reaches_the_lead_leader_once(tasks, people, units):
    task = Task.objects.get(activity=tasks["c"], kind="results")
    urge = task_urge(actor=people["admin"], task=task, note="请尽快报送")
    assert (urge.by_name, urge.to_org, urge.channels) == ("管理员", units["zongjiao"], ["inbox"])
    assert Notification.objects.filter(recipient=people["zongjiao"], title__startswith="【催办】").count() == 1
    wu = people["zhang"].__class__.objects.create(
        username="wu", role="leader", person=tasks["c"].assignments.get(role="lead").person
    )
    assert task_escalate(task=task) is not None
    assert task_escalate(task=task) is None
    assert Notification.objects.filter(recipient=wu, kind="task.escalate").count() == 1


def test_reporting_rule_generates_monthly_tasks_once(tasks, people):
    rule_create(
        actor=people["admin"],
        plan=tasks["plan"],
        title="月度进展",
        every_months=1,
        day_of_month=25,
        starts_on=dt.date(2019, 1, 1),
        ends_on=dt.date(2019, 12, 31),
    )
    n = rules_generate_due(today=dt.date(2019, 3, 20))
    periods = sorted(set(Task.objects.filter(kind="periodic").values_list("period", flat=True)))
    assert periods == ["2019-01", "2019-02", "2019-03"]
    assert n == Task.objects.filter(kind="periodic").count() > 0
    assert rules_generate_due(today=dt.date(2019, 3, 20)) == 0


@pytest.mark.parametrize(
    "state,due,expected",
    [
        ("open", dt.date(2019, 8, 14), "red"),
        ("open", dt.date(2019, 8, 15), "yellow"),
        ("open", dt.date(2019, 8, 22), "yellow"),
        ("open", dt.date(2019, 8, 23), "green"),
        ("done", dt.date(2019, 1, 1), "done"),
        ("returned", dt.date(2019, 8, 1), "red"),
        ("submitted", dt.date(2019, 9, 30), "green"),
        ("cancelled", dt.date(2019, 8, 1), "done"),
    ],
)
def test_light_is_the_same_in_python_and_sql(tasks, state, due, expected):
    task = Task.objects.filter(activity=tasks["a"]).first()
    Task.objects.filter(pk=task.pk).update(state=state, due=due)
    today = dt.date(2019, 8, 15)
    assert status.task_light(state, due, today=today, days=7) == expected
    assert status.annotate_tasks(Task.objects.filter(pk=task.pk), today=today, days=7).get().light == expected
