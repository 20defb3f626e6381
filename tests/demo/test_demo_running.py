"""The "running" demo: the reference plan imported for real, then half a year replayed through the services.

Seen on 2019-08-15 (tests/conftest.py pins it, as `tongxin serve` does for the demo with TONGXIN_TODAY).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest

from tongxin.audit.models import AuditEntry
from tongxin.demo.plan import demo_load
from tongxin.demo.running import demo_stage_running
from tongxin.notify.models import Notification
from tongxin.supervision import status
from tongxin.supervision.models import Approval, Evidence, ProgressReport, Task, Urge

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    plan = demo_load()["plan"]
    demo_stage_running()  # demo_load may already have run it: the second call then does nothing
    return {"plan": plan}


def test_tasks_come_from_the_plan_and_the_monthly_rule_with_lights_as_of_mid_august(demo):
    tasks = Task.objects.filter(activity__plan=demo["plan"])
    assert Counter(tasks.values_list("kind", flat=True)) == {
        "impl_plan": 15, "session": 16, "results": 15, "periodic": 19,
    }  # fmt: skip
    assert Counter(tasks.values_list("state", flat=True)) == {
        "open": 47, "done": 16, "submitted": 1, "returned": 1,
    }  # fmt: skip
    assert status.light_counts(tasks) == {"red": 8, "yellow": 3, "green": 38, "done": 16}
    # July's monthly reports: five accepted on time, three still open and red; none for activities that
    # only began in August.
    july = tasks.filter(period="2019-07")
    assert Counter(july.values_list("state", flat=True)) == {"done": 5, "open": 3}
    assert sorted(july.filter(state="open").values_list("owner_org__name", flat=True)) == [
        "党外知识分子联络中心", "党外知识分子联络中心", "研究室",
    ]  # fmt: skip


def test_reading_club_sessions_one_to_three_and_the_june_training_are_reported_and_accepted(demo):
    reports = ProgressReport.objects.filter(activity__plan=demo["plan"])
    assert Counter(reports.values_list("state", flat=True)) == {"accepted": 16, "submitted": 1, "returned": 1}
    reading = reports.filter(activity__number="一", session__isnull=False).order_by("held_on")
    assert [(r.session.order, r.held_on, r.participants, r.state) for r in reading] == [
        (0, dt.date(2019, 2, 26), 62, "accepted"),
        (1, dt.date(2019, 4, 25), 57, "accepted"),
        (2, dt.date(2019, 6, 27), 66, "accepted"),
    ]
    assert [s.state for s in demo["plan"].activities.get(number="一").sessions.order_by("order")] == [
        "held", "held", "held", "planned", "planned", "planned",
    ]  # fmt: skip
    photos = Evidence.objects.filter(report__in=reading)
    assert [(e.content_type, e.file.read(8)) for e in photos] == [("image/png", b"\x89PNG\r\n\x1a\n")] * 3
    training = reports.filter(activity__number="二", session__order=0)
    assert sorted(training.values_list("org__name", "place", "participants", "state")) == [
        ("党外干部和民主党派科", "哈尔滨社会主义学院", 48, "accepted"),
        ("党外知识分子联络中心", "哈尔滨社会主义学院", 48, "accepted"),
    ]
    assert reports.get(state="returned").review_comment == "请补充拍摄进度安排、经费预算和审核把关流程后重新报送。"
    # Each step happened on its own day, so the history reads as the half-year it tells.
    first = reading.first()
    assert (first.submitted_at.date(), first.reviewed_at.date()) == (dt.date(2019, 2, 27), dt.date(2019, 3, 1))


def test_extension_approved_by_zhang_moves_the_deadline_and_keeps_both_dates(demo):
    extension = Approval.objects.get(kind="extension")
    assert (extension.state, extension.decided_by.username, extension.old_due, extension.new_due) == (
        "approved", "zhangsh", dt.date(2019, 8, 7), dt.date(2019, 8, 30),
    )  # fmt: skip
    task = extension.task
    assert (task.original_due, task.due) == (dt.date(2019, 8, 7), dt.date(2019, 8, 30))
    moved = AuditEntry.objects.get(action="task.extend", target_id=str(task.pk))
    assert moved.changes == {"due": ["2019-08-07", "2019-08-30"]}
    assert moved.summary.startswith("截止日期由 2019-08-07 延至 2019-08-30：延期申请获批")
    decided = AuditEntry.objects.get(action="approval.approved", target_id=str(extension.pk))
    assert (decided.actor_name, decided.changes["old_due"], decided.changes["new_due"]) == (
        "张圣合", "2019-08-07", "2019-08-30",
    )  # fmt: skip


def test_one_request_pending_one_approved_and_a_filing_acknowledged(demo):
    assert sorted(Approval.objects.values_list("kind", "state", "activity__number")) == [
        ("extension", "approved", "四"),
        ("filing", "acknowledged", "十一"),
        ("request", "approved", "二"),
        ("request", "pending", "三"),
    ]
    pending = Approval.objects.get(state="pending")
    assert pending.attachment_name == "集中走访实施方案.docx" and pending.attachment.read(2) == b"PK"


def test_late_tasks_are_urged_and_one_is_escalated_to_its_lead_leader(demo):
    urges = Urge.objects.order_by("at", "id")
    assert [(u.at.date(), u.by_name, u.to_org.name, u.escalation) for u in urges] == [
        (dt.date(2019, 8, 1), "部办公室管理员", "研究室", False),
        (dt.date(2019, 8, 1), "部办公室管理员", "港澳台侨科", False),
        (dt.date(2019, 8, 1), "部办公室管理员", "党外知识分子联络中心", False),
        (dt.date(2019, 8, 8), "部办公室管理员", "港澳台侨科", False),
        (dt.date(2019, 8, 13), "督办提醒", "港澳台侨科", True),
        (dt.date(2019, 8, 14), "张圣合", "研究室", False),
    ]
    assert Notification.objects.filter(recipient__username="zhangsh", kind="task.escalate").count() == 1


def test_every_persona_has_something_in_the_inbox(demo):
    inbox = Counter(Notification.objects.values_list("recipient__username", flat=True))
    assert inbox == {"admin": 21, "dangwai": 8, "zhangsh": 4, "zongjiao": 3, "wulj": 1}


def test_running_it_again_changes_nothing(demo):
    before = (Task.objects.count(), ProgressReport.objects.count(), AuditEntry.objects.count())
    assert demo_stage_running()["created"] is False
    assert (Task.objects.count(), ProgressReport.objects.count(), AuditEntry.objects.count()) == before
