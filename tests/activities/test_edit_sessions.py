"""Sessions and phases after publishing: move a session (its "held and reported" deadline follows), change its place
and people, add one (it gets its task), cancel one with a reason (its open task is cancelled); phases' dates.

Personas (tests/conftest.py): admin; dangwai responsible for A (6 sessions) and cooperating on B; zhang leads A;
zongjiao responsible for C; viewer read-only; stranger sees nothing.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from tongxin.activities.models import Activity, Phase, Session
from tongxin.activities.services import (
    ActivityError,
    ConcurrentEdit,
    phase_update,
    session_add,
    session_cancel,
    session_update,
)
from tongxin.audit.models import AuditEntry
from tongxin.notify.models import Notification
from tongxin.supervision.models import Task

pytestmark = pytest.mark.django_db

D = dt.date


def _third(activity) -> Session:
    return activity.sessions.order_by("order")[2]


def _session_form(session: Session, **over) -> dict:
    data = {
        "version": str(Activity.objects.get(pk=session.activity_id).version),
        "title": session.title,
        "when": f"{session.start:%Y-%m-%d}至{session.end:%Y-%m-%d}",
        "start_time": "",
        "end_time": "",
        "place": session.place,
        "speakers": session.speakers,
        "guests": session.guests,
        "participants": session.participants,
    }
    return data | over


def _edit(session: Session, **changes) -> dict:
    kw = {f: getattr(session, f) for f in ("title", "start", "end", "place", "speakers", "guests", "participants")}
    return kw | changes


def test_moving_a_session_changes_its_place_and_time_and_its_task_deadline_follows(tasks, people):
    s = _third(tasks["a"])
    assert Task.objects.get(session=s).due == D(2019, 6, 28)
    changes = session_update(
        actor=people["admin"],
        session=s,
        expected_version=1,
        **_edit(s, start=D(2019, 7, 10), end=D(2019, 7, 10), place="市图书馆报告厅", speakers="王教授"),
        start_time=dt.time(14, 30),
        end_time=dt.time(17, 0),
    )
    s.refresh_from_db()
    assert (s.start, s.end, s.start_time, s.end_time, s.place, s.speakers) == (
        D(2019, 7, 10),
        D(2019, 7, 10),
        dt.time(14, 30),
        dt.time(17, 0),
        "市图书馆报告厅",
        "王教授",
    )
    assert changes == {
        "地点": ["", "市图书馆报告厅"],
        "主讲人": ["", "王教授"],
        "日期": ["2019-05-01至2019-06-28", "2019-07-10"],
        "时间": ["", "14:30—17:00"],
    }
    task = Task.objects.get(session=s)
    assert (task.due, task.original_due) == (D(2019, 7, 10), D(2019, 7, 10))
    assert AuditEntry.objects.get(action="session.update").summary.startswith(
        "修改场次“第3期主题”：地点：（空） → 市图书馆报告厅"
    )
    assert AuditEntry.objects.get(action="task.reschedule").changes["due"] == ["2019-06-28", "2019-07-10"]
    # The other sessions' tasks stay where they were.
    assert Task.objects.get(session=_third(tasks["a"]).activity.sessions.order_by("order")[3]).due == D(2019, 8, 28)
    title = "第3期主题已调整：地点、主讲人、日期、时间"
    assert Notification.objects.get(recipient=people["dangwai"]).title == title
    body = Notification.objects.get(recipient=people["zhang"]).body
    assert body.startswith("活动：双月读书会活动\n地点：")
    assert body.endswith("任务截止日期随之调整：举办并报送：第3期主题（党外干部和民主党派科）2019-06-28 → 2019-07-10")


def test_a_place_change_alone_reads_like_the_news(programme, people):
    s = _third(programme["a"])
    session_update(actor=people["dangwai"], session=s, expected_version=1, **_edit(s, place="市民族团结教育基地"))
    assert list(Notification.objects.values_list("recipient__username", "title")) == [
        ("zhang", "第3期主题地点改为市民族团结教育基地")
    ]  # the acting unit is not told its own change


def test_adding_a_session_gives_it_its_task_once_the_plan_has_tasks(tasks, people):
    a = Activity.objects.get(pk=tasks["a"].pk)
    s = session_add(
        actor=people["dangwai"],
        activity=a,
        expected_version=1,
        title="第7期：增补一期",
        start=D(2019, 12, 10),
        end=None,
        place="市委党校",
    )
    assert (s.order, s.start, s.end, s.state) == (6, D(2019, 12, 10), D(2019, 12, 10), "planned")
    task = Task.objects.get(session=s)
    assert (task.kind, task.due, task.owner_org.name) == ("session", D(2019, 12, 10), "党外干部和民主党派科")
    assert AuditEntry.objects.get(action="session.add").summary == "新增场次“第7期：增补一期”（2019-12-10）"
    assert Notification.objects.get(recipient=people["zhang"]).title == "“双月读书会活动”新增场次“第7期：增补一期”"


def test_adding_a_session_before_tasks_are_generated_creates_none_generation_does(programme, people):
    from tongxin.supervision.services import tasks_generate_for_plan

    session_add(
        actor=people["admin"],
        activity=programme["b"],
        expected_version=1,
        title="补训",
        start=D(2019, 7, 1),
        end=D(2019, 7, 2),
    )
    assert not Task.objects.exists()
    tasks_generate_for_plan(actor=people["admin"], plan=programme["plan"])
    assert Task.objects.filter(session__title="补训").count() == 0  # B has no responsible unit: no tasks at all
    assert Task.objects.filter(activity=programme["a"], kind="session").count() == 6


def test_cancelling_a_session_needs_a_reason_and_cancels_its_open_task(tasks, people):
    s = _third(tasks["a"])
    with pytest.raises(ActivityError, match="请填写取消原因"):
        session_cancel(actor=people["admin"], session=s, expected_version=1, reason=" ")
    session_cancel(actor=people["admin"], session=s, expected_version=1, reason="与全市会议冲突")
    s.refresh_from_db()
    assert (s.state, s.cancel_reason) == ("cancelled", "与全市会议冲突")
    assert Task.objects.get(session=s).state == "cancelled"
    assert AuditEntry.objects.get(action="session.cancel").summary == "取消场次“第3期主题”：与全市会议冲突"
    assert AuditEntry.objects.get(action="task.cancel").summary == "场次已取消，任务随之取消"
    assert Notification.objects.get(recipient=people["dangwai"]).title == "第3期主题已取消"
    with pytest.raises(ActivityError, match="已取消"):
        session_update(actor=people["admin"], session=s, expected_version=2, **_edit(s, place="某地"))


def test_a_phase_gets_new_dates(programme, people):
    c = programme["c"]
    phase = Phase.objects.create(activity=c, name="自查自纠", start=D(2019, 2, 1), end=D(2019, 3, 31))
    phase_update(actor=people["admin"], phase=phase, expected_version=1, start=D(2019, 2, 15), end=D(2019, 4, 15))
    phase.refresh_from_db()
    assert (phase.start, phase.end) == (D(2019, 2, 15), D(2019, 4, 15))
    assert AuditEntry.objects.get(action="phase.update").changes == {
        "阶段“自查自纠”时间": ["2019-02-01至2019-03-31", "2019-02-15至2019-04-15"]
    }
    assert Notification.objects.get(recipient=people["zongjiao"]).title == "“宗教界教风整治活动”自查自纠时间调整"
    with pytest.raises(ConcurrentEdit):
        phase_update(actor=people["admin"], phase=phase, expected_version=1, start=D(2019, 3, 1), end=D(2019, 4, 1))


def test_session_bad_input_keeps_what_was_typed(client_for, programme):
    s = _third(programme["a"])
    url = reverse("activities:session_edit", args=[programme["a"].pk, s.pk])
    r = client_for("dangwai").post(url, _session_form(s, when="下周找个时间", place="新地点", guests="李四"))
    html = r.content.decode()
    assert r.status_code == 400 and "无法识别“下周找个时间”" in html
    assert 'value="新地点"' in html and "李四</textarea>" in html
    r = client_for("dangwai").post(url, _session_form(s, when="2019-07-10", start_time="17:00", end_time="09:00"))
    assert r.status_code == 400 and "结束时间不能早于开始时间。" in r.content.decode()
    s.refresh_from_db()
    assert (s.place, s.start_time) == ("", None)


def test_session_screens_edit_add_and_cancel(client_for, tasks):
    a = tasks["a"]
    s = _third(a)
    client = client_for("dangwai")
    edit = reverse("activities:session_edit", args=[a.pk, s.pk])
    assert "第3期主题</textarea>" in client.get(edit).content.decode()
    r = client.post(edit, _session_form(s, when="7月上旬"))
    assert "保存后，以下 1 项任务的截止日期随之调整" in r.content.decode()  # confirmation first
    client.post(edit, _session_form(s, when="7月上旬", confirm="1", start_time="09:00"))
    s.refresh_from_db()
    assert (s.start, s.end, s.start_time, Task.objects.get(session=s).due) == (
        D(2019, 7, 1),
        D(2019, 7, 10),
        dt.time(9, 0),
        D(2019, 7, 10),
    )
    add = reverse("activities:session_add", args=[a.pk])
    client.post(add, {"version": "2", "title": "增补一期", "when": "2019-12-10", "place": "市委党校"})
    assert a.sessions.filter(title="增补一期", place="市委党校").exists()
    cancel = reverse("activities:session_cancel", args=[a.pk, s.pk])
    r = client.post(cancel, {"version": "3", "reason": ""})
    assert r.status_code == 400 and "这个字段是必填项" in r.content.decode()
    r = client.post(cancel, {"version": "3", "reason": "场地维修"})
    s.refresh_from_db()
    assert r.status_code == 302 and (s.state, s.cancel_reason) == ("cancelled", "场地维修")
    history = client.get(reverse("activities:detail", args=[a.pk])).content.decode()
    assert "取消场次“第3期主题”：场地维修" in history and "新增场次“增补一期”（2019-12-10）" in history


def test_a_stale_session_edit_shows_the_current_session(client_for, programme):
    a = programme["a"]
    s = _third(a)
    url = reverse("activities:session_edit", args=[a.pk, s.pk])
    client = client_for("admin")
    client.post(url, _session_form(s, place="甲地"))
    r = client.post(url, _session_form(s, place="乙地", version="1"))
    html = r.content.decode()
    assert r.status_code == 409 and "该事项刚刚被其他人修改过" in html
    assert "<dd>甲地</dd>" in html and 'value="乙地"' in html


@pytest.mark.parametrize(("persona", "status"), [("zhang", 403), ("viewer", 403), ("zongjiao", 404), ("stranger", 404)])
def test_who_may_not_touch_sessions(client_for, programme, persona, status):
    a = programme["a"]
    s = _third(a)
    client = client_for(persona)
    urls = [
        reverse("activities:session_edit", args=[a.pk, s.pk]),
        reverse("activities:session_cancel", args=[a.pk, s.pk]),
        reverse("activities:session_add", args=[a.pk]),
    ]
    for url in urls:
        assert client.post(url, _session_form(s, place="某地", reason="某因")).status_code == status
    s.refresh_from_db()
    assert (s.place, s.state, a.sessions.count()) == ("", "planned", 6)


def test_cooperating_units_and_units_do_not_change_phases(client_for, programme):
    b = programme["b"]
    s = Session.objects.create(activity=b, title="培训一期", start=D(2019, 6, 11), end=D(2019, 6, 20))
    assert client_for("dangwai").get(reverse("activities:session_edit", args=[b.pk, s.pk])).status_code == 403
    c = programme["c"]
    phase = Phase.objects.create(activity=c, name="总结", start=D(2019, 11, 1), end=D(2019, 11, 30))
    url = reverse("activities:phase_edit", args=[c.pk, phase.pk])
    assert client_for("zongjiao").post(url, {"version": "1", "when": "12月"}).status_code == 403
    r = client_for("admin").post(url, {"version": "1", "when": "12月"})
    phase.refresh_from_db()
    assert r.status_code == 302 and (phase.start, phase.end) == (D(2019, 12, 1), D(2019, 12, 31))
