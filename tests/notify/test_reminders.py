"""The reminder job (`tongxin remind`): one batched reminder per unit per day, escalation once, a dry run that
writes nothing, and delivery through the configured channels.

Today is 2019-08-15 (tests/conftest.py); a task is yellow when due within 7 days, escalated when 7 days overdue.
Personas: dangwai [党外干部和民主党派科] owes A's tasks; zongjiao [宗教业务科] owes C's; 乌力吉 [lead leader of C].
"""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from tests.factories import UserFactory
from tongxin.audit.models import AuditEntry
from tongxin.notify.models import Delivery, Notification
from tongxin.supervision.management.commands.remind import Command as RemindCommand
from tongxin.supervision.models import Task, Urge
from tongxin.supervision.services import rule_create, task_create
from tongxin.supervision.tasks import remind_all

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(settings, programme, people, units, leaders):
    """Two units with work falling due or late, plus tasks the job must leave alone."""
    settings.TONGXIN_YELLOW_DAYS, settings.TONGXIN_ESCALATE_DAYS = 7, 7
    people["dangwai"].email = "dangwai@example.org"
    people["dangwai"].save()
    wu = UserFactory(username="wu", role="leader", person=leaders["wu"], display_name="乌力吉")
    a, c, admin = programme["a"], programme["c"], people["admin"]

    def make(activity, title, org, due):
        return task_create(actor=admin, activity=activity, title=title, owner_org=org, due=dt.date.fromisoformat(due))

    tasks = {
        "soon": make(a, "报送第四期读书会方案", units["dangwai"], "2019-08-20"),
        "late": make(a, "报送第三期读书会开展情况", units["dangwai"], "2019-08-12"),
        "long_late": make(c, "报送教风整治阶段总结", units["zongjiao"], "2019-08-01"),
        "later": make(a, "报送第五期读书会方案", units["dangwai"], "2019-09-30"),  # green: not yet
        "submitted": make(c, "报送宗教场所排查情况", units["zongjiao"], "2019-08-02"),  # waiting for review
    }
    Task.objects.filter(pk=tasks["submitted"].pk).update(state="submitted")
    return {"tasks": tasks, "wu": wu}


def remind(*args) -> list[str]:
    out = StringIO()
    call_command("remind", *args, stdout=out)
    return out.getvalue().splitlines()


def inbox(user) -> list[tuple[str, str, str]]:
    return list(Notification.objects.filter(recipient=user).order_by("pk").values_list("kind", "title", "body"))


DANGWAI_BODY = (
    "已逾期：\n1. 报送第三期读书会开展情况（截止 2019-08-12，已逾期 3 天）\n"
    "即将到期：\n1. 报送第四期读书会方案（截止 2019-08-20，还剩 5 天）"
)
ZONGJIAO_BODY = "已逾期：\n1. 报送教风整治阶段总结（截止 2019-08-01，已逾期 14 天）"


def test_one_batched_reminder_per_unit_and_nothing_more_the_same_day(world, channels, people, units, robot, smtp_sink):
    assert remind() == ["提醒 2 个单位，逾期上报 1 项，发送 3 条"]
    assert inbox(people["dangwai"]) == [
        ("reminder.overdue", "【督办提醒】党外干部和民主党派科：已逾期 1 项，即将到期 1 项", DANGWAI_BODY)
    ]
    assert inbox(people["zongjiao"]) == [("reminder.overdue", "【督办提醒】宗教业务科：已逾期 1 项", ZONGJIAO_BODY)]
    assert Notification.objects.get(recipient=people["dangwai"]).url == f"/supervision/units/{units['dangwai'].pk}/"
    # The unit's own DingTalk robot gets the unit's message; the department-wide WeCom robot one digest (the
    # escalation goes to the lead leader, not to the robot); the unit member with an e-mail address gets an e-mail.
    site = "http://127.0.0.1:8000"
    assert robot.texts("/dingtalk") == [
        f"【督办提醒】党外干部和民主党派科：已逾期 1 项，即将到期 1 项\n{DANGWAI_BODY}\n{site}/supervision/units/{units['dangwai'].pk}/"
    ]
    assert robot.texts("/wecom") == [
        "【督办提醒】2019-08-15：2 个单位有逾期或即将到期的任务\n"
        f"党外干部和民主党派科：已逾期 1 项，即将到期 1 项\n宗教业务科：已逾期 1 项\n{site}/supervision/",
    ]
    assert [m["subject"] for m in smtp_sink.messages] == ["【督办提醒】党外干部和民主党派科：已逾期 1 项，即将到期 1 项"]
    reminded = dict(Task.objects.values_list("title", "last_reminded_on"))
    assert reminded == {
        "报送第四期读书会方案": dt.date(2019, 8, 15),
        "报送第三期读书会开展情况": dt.date(2019, 8, 15),
        "报送教风整治阶段总结": dt.date(2019, 8, 15),
        "报送第五期读书会方案": None,
        "报送宗教场所排查情况": None,
    }
    # Run again the same day (the background loop does, every minute): nothing new for anyone.
    assert remind() == ["提醒 0 个单位，逾期上报 0 项，发送 0 条"]
    assert Notification.objects.count() == 3 and len(robot.posts) == 2 and len(smtp_sink.messages) == 1


def test_the_next_day_units_are_reminded_again_but_escalation_happens_once(world, settings, people):
    assert remind() == ["提醒 2 个单位，逾期上报 1 项，发送 0 条"]  # no channels configured: inbox only
    assert inbox(world["wu"]) == [
        ("task.escalate", "【逾期上报】宗教业务科：报送教风整治阶段总结", "截止日期 2019-08-01，至今未完成。")
    ]
    settings.TONGXIN_TODAY = "2019-08-16"
    assert remind() == ["提醒 2 个单位，逾期上报 0 项，发送 0 条"]
    assert [title for _kind, title, _body in inbox(people["zongjiao"])] == ["【督办提醒】宗教业务科：已逾期 1 项"] * 2
    assert len(inbox(world["wu"])) == 1
    urge = Urge.objects.get(escalation=True)
    assert (urge.task, urge.by_name, urge.note) == (world["tasks"]["long_late"], "督办提醒", "逾期未完成，已报牵头领导")


def test_a_dry_run_prints_what_would_happen_and_writes_nothing(world, channels, robot, smtp_sink, programme, people):
    rule_create(
        actor=people["admin"], plan=programme["plan"], title="月度进展", every_months=1, day_of_month=25,
        starts_on=dt.date(2019, 8, 1), ends_on=dt.date(2019, 12, 31),
    )

    def snapshot():
        return (
            list(Task.objects.order_by("pk").values_list("pk", "last_reminded_on", "escalated_at")),
            Notification.objects.count(),
            list(Delivery.objects.values_list("pk", "state", "attempts")),
            AuditEntry.objects.count(),
            Urge.objects.count(),
        )

    before = snapshot()
    assert remind("--dry-run") == [
        "2019-08-15（试运行：不写入数据库，不发送）",
        "将生成定期报送任务 2 项",
        "将提醒 党外干部和民主党派科（1 人）：已逾期 1 项，即将到期 1 项",
        "  · 报送第三期读书会开展情况（截止 2019-08-12，已逾期 3 天）",
        "  · 报送第四期读书会方案（截止 2019-08-20，还剩 5 天）",
        "将提醒 宗教业务科（1 人）：已逾期 1 项",
        "  · 报送教风整治阶段总结（截止 2019-08-01，已逾期 14 天）",
        "将上报牵头领导：报送教风整治阶段总结（宗教业务科，截止 2019-08-01）",
        "将发送：钉钉群机器人 1 条，电子邮件 1 条，企业微信群机器人 1 条",
        "（试运行）提醒 2 个单位，逾期上报 1 项，发送 3 条",
    ]
    assert snapshot() == before
    assert robot.posts == [] and smtp_sink.messages == []
    # The real run does what the dry run said.
    assert remind() == ["提醒 2 个单位，逾期上报 1 项，发送 3 条"]
    assert Task.objects.filter(kind="periodic").count() == 2


def test_periodic_reports_from_a_rule_are_generated_and_reminded_when_they_fall_due(world, settings, programme, people):
    rule_create(
        actor=people["admin"], plan=programme["plan"], title="月度进展", every_months=1, day_of_month=25,
        starts_on=dt.date(2019, 8, 1), ends_on=dt.date(2019, 12, 31),
    )
    settings.TONGXIN_TODAY = "2019-08-20"
    remind()
    periodic = Notification.objects.get(recipient=people["zongjiao"]).body
    assert periodic == (
        "已逾期：\n1. 报送教风整治阶段总结（截止 2019-08-01，已逾期 19 天）\n"
        "即将到期：\n1. 月度进展（2019-08）：宗教界教风整治活动（截止 2019-08-25，还剩 5 天）"
    )


def test_the_background_task_and_the_loop_round_run_the_same_job(world, settings, people):
    assert remind_all.call() == {
        "today": "2019-08-15", "generated": 0, "units": 2, "escalated": 1, "sent": 0, "retrying": 0, "failed": 0,
    }
    settings.TONGXIN_TODAY = "2019-08-16"
    settings.TONGXIN_REMIND_HOUR = 24  # before the working day: the loop only sends deliveries
    RemindCommand(stdout=StringIO())._round(verbosity=1)
    assert Notification.objects.filter(kind__startswith="reminder").count() == 2
    settings.TONGXIN_REMIND_HOUR = 0
    out = StringIO()
    RemindCommand(stdout=out)._round(verbosity=1)
    assert Notification.objects.filter(kind__startswith="reminder").count() == 4
    assert out.getvalue().endswith("提醒 2 个单位，逾期上报 0 项，发送 0 条\n")


def test_loop_and_dry_run_do_not_mix():
    with pytest.raises(CommandError, match="--dry-run 不能与 --loop 同时使用。"):
        call_command("remind", "--loop", "60", "--dry-run")
