"""Editing a published activity: title, windows, place, owners and kinds — one service with its audit entry, the
people told, the deadlines that hung on the old dates moved (after the person saw which), and stale edits refused.

Personas (tests/conftest.py): admin edits everything; dangwai is responsible for A (lead leader 张圣合 = zhang);
zongjiao is responsible for C (lead 乌力吉 has no account), qiaolian cooperates on C.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from tongxin.activities.models import Activity, Assignment
from tongxin.activities.services import ActivityError, ConcurrentEdit, WindowInput, activity_update
from tongxin.audit.models import AuditEntry
from tongxin.notify.models import Notification
from tongxin.supervision.models import Task
from tongxin.supervision.services import ConcurrentUpdate, task_set_due, task_update

pytestmark = pytest.mark.django_db

D = dt.date


def _inbox(user) -> list[str]:
    return list(Notification.objects.filter(recipient=user).values_list("title", flat=True))


def _fresh(activity) -> Activity:
    """As a view loads it (the factories set the denormalised dates with an update)."""
    return Activity.objects.get(pk=activity.pk)


def _due(activity, kind) -> dt.date:
    return Task.objects.get(activity=activity, kind=kind).due


def test_setting_a_place_ends_place_pending_audits_and_tells_the_units_and_the_lead_leader(programme, people):
    a = programme["a"]
    Activity.objects.filter(pk=a.pk).update(place_pending=True)
    a.refresh_from_db()
    changes = activity_update(actor=people["admin"], activity=a, expected_version=1, places=["市委统战部三楼会议室"])
    a.refresh_from_db()
    assert (a.places, a.place_pending, a.version) == (["市委统战部三楼会议室"], False, 2)
    assert changes == {"地点": [[], ["市委统战部三楼会议室"]]}
    entry = AuditEntry.objects.get(action="activity.update")
    assert entry.summary == "修改活动：地点：（空） → 市委统战部三楼会议室"
    assert entry.changes == {"地点": [[], ["市委统战部三楼会议室"]]}
    title = "“双月读书会活动”地点改为市委统战部三楼会议室"
    assert _inbox(people["dangwai"]) == [title] and _inbox(people["zhang"]) == [title]
    assert _inbox(people["admin"]) == [] and _inbox(people["zongjiao"]) == []  # not the actor, not outsiders
    note = Notification.objects.get(recipient=people["dangwai"])
    assert note.url == reverse("activities:detail", args=[a.pk])


def test_title_kinds_and_owners_change_together_and_only_what_differs_is_recorded(programme, people, units, leaders):
    c = programme["c"]
    activity_update(
        actor=people["admin"],
        activity=c,
        expected_version=1,
        title="宗教界教风整治活动（调整）",
        kinds=["campaign", "visits"],
        leads=[leaders["wu"], leaders["zhang"]],
        responsible=[units["zongjiao"]],  # unchanged
        cooperating=[units["dangwai"]],
    )
    c.refresh_from_db()
    assert (c.title, c.kinds) == ("宗教界教风整治活动（调整）", ["campaign", "visits"])
    holders = {(a.role, a.holder_name) for a in Assignment.objects.filter(activity=c)}
    assert holders == {
        ("lead", "乌力吉"),
        ("lead", "张圣合"),
        ("responsible", "宗教业务科"),
        ("cooperating", "党外干部和民主党派科"),
    }
    assert AuditEntry.objects.get(action="activity.update").changes == {
        "名称": ["宗教界教风整治活动", "宗教界教风整治活动（调整）"],
        "类型": [["专项整治"], ["专项整治", "走访"]],
        "牵头领导": [["乌力吉"], ["乌力吉", "张圣合"]],
        "配合单位": [["市侨联"], ["党外干部和民主党派科"]],
    }
    # The new lead leader and the new cooperating unit hear about it; so does the responsible unit.
    expected = ["“宗教界教风整治活动”已调整：名称、类型、牵头领导、配合单位"]
    assert _inbox(people["zhang"]) == expected and _inbox(people["dangwai"]) == expected
    assert _inbox(people["zongjiao"]) == expected and _inbox(people["qiaolian"]) == []


def test_nothing_changed_writes_nothing(programme, people):
    c = programme["c"]
    assert activity_update(actor=people["admin"], activity=c, expected_version=1, title=c.title) == {}
    c.refresh_from_db()
    assert c.version == 1 and not AuditEntry.objects.exists() and not Notification.objects.exists()


def test_moving_the_windows_moves_the_deadlines_derived_from_them_and_nothing_else(tasks, people):
    c = _fresh(tasks["c"])
    assert (_due(c, "impl_plan"), _due(c, "results")) == (D(2019, 1, 18), D(2019, 12, 7))
    activity_update(
        actor=people["admin"],
        activity=c,
        expected_version=1,
        windows=[WindowInput(D(2019, 3, 1), D(2019, 11, 30), "3月—11月")],
    )
    c.refresh_from_db()
    assert (c.starts_on, c.ends_on, [w.text for w in c.windows.all()]) == (D(2019, 3, 1), D(2019, 11, 30), ["3月—11月"])
    impl = Task.objects.get(activity=c, kind="impl_plan")
    assert (impl.due, impl.original_due, impl.version) == (D(2019, 2, 15), D(2019, 2, 15), 2)
    assert _due(c, "results") == D(2019, 12, 7)  # the end did not move
    entry = AuditEntry.objects.get(action="task.reschedule")
    assert entry.summary == "活动日期调整，截止日期由 2019-01-18 改为 2019-02-15"
    assert entry.target_id == str(impl.pk)


def test_a_deadline_extended_or_set_by_hand_or_a_task_handed_in_does_not_move(tasks, people):
    a, c = tasks["a"], _fresh(tasks["c"])
    results = Task.objects.get(activity=c, kind="results")
    task_set_due(actor=people["admin"], task=results, due=D(2019, 12, 20), reason="批准延期")
    impl = Task.objects.get(activity=c, kind="impl_plan")
    task_update(actor=people["admin"], task=impl, expected_version=impl.version, state=Task.State.DONE)
    activity_update(
        actor=people["admin"],
        activity=c,
        expected_version=1,
        windows=[WindowInput(D(2019, 3, 1), D(2019, 10, 31), "3月—10月")],
    )
    assert (_due(c, "results"), _due(c, "impl_plan")) == (D(2019, 12, 20), D(2019, 1, 18))
    assert not AuditEntry.objects.filter(action="task.reschedule").exists()
    # Another activity's tasks are never touched.
    assert _due(a, "results") == D(2020, 1, 7)


def test_a_stale_edit_is_refused_and_writes_nothing(programme, people):
    c = programme["c"]
    stale = Activity.objects.get(pk=c.pk)
    activity_update(actor=people["admin"], activity=c, expected_version=1, title="第一个人改的名称")
    with pytest.raises(ConcurrentEdit) as exc:
        activity_update(actor=people["admin"], activity=stale, expected_version=1, title="第二个人改的名称")
    assert exc.value.message == ConcurrentUpdate().message  # the words tasks use
    c.refresh_from_db()
    assert (c.title, c.version) == ("第一个人改的名称", 2)
    assert AuditEntry.objects.filter(action="activity.update").count() == 1


def test_reversed_window_and_empty_title_are_refused_in_chinese(programme, people):
    c = programme["c"]
    with pytest.raises(ActivityError, match="结束日期不能早于开始日期"):
        activity_update(
            actor=people["admin"],
            activity=c,
            expected_version=1,
            windows=[WindowInput(D(2019, 9, 1), D(2019, 8, 1), "")],
        )
    with pytest.raises(ActivityError, match="请填写活动名称"):
        activity_update(actor=people["admin"], activity=c, expected_version=1, title="  ")
    c.refresh_from_db()
    assert c.version == 1


def test_a_window_typed_as_it_was_keeps_its_evidence_when_another_is_added(programme, people):
    b = _fresh(programme["b"])
    first = b.windows.get()
    first.span_start, first.span_end, first.tentative = 10, 19, True
    first.save()
    activity_update(
        actor=people["admin"],
        activity=b,
        expected_version=1,
        windows=[
            WindowInput(D(2019, 6, 11), D(2019, 6, 20), "2019年6月中旬"),
            WindowInput(D(2019, 9, 21), D(2019, 9, 30), "9月下旬"),
        ],
    )
    rows = list(b.windows.order_by("order").values_list("pk", "text", "span_start", "tentative"))
    assert rows[0] == (first.pk, "2019年6月中旬", 10, True) and rows[1][1:] == ("9月下旬", None, False)
    b.refresh_from_db()
    assert (b.starts_on, b.ends_on) == (D(2019, 6, 11), D(2019, 9, 30))
