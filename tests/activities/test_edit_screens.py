"""The activity edit screen: the department's full form, the responsible unit's place form, the confirmation that
lists moved deadlines, unreadable dates, stale edits, and who may open it.

Personas (tests/conftest.py): admin [department]; dangwai responsible for A, cooperating on B; zongjiao responsible
for C; zhang lead leader; viewer read-only; stranger sees nothing.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from tongxin.activities.models import Activity
from tongxin.audit.models import AuditEntry
from tongxin.supervision.models import Task

pytestmark = pytest.mark.django_db


def _form(activity: Activity, **over) -> dict:
    activity = Activity.objects.get(pk=activity.pk)
    data = {
        "version": str(activity.version),
        "title": activity.title,
        "windows": "\n".join(w.text for w in activity.windows.all()),
        "places": "、".join(activity.places),
        "kinds": activity.kinds,
        "leads": [a.person_id for a in activity.assignments.filter(role="lead")],
        "responsible": [a.organisation_id for a in activity.assignments.filter(role="responsible")],
        "cooperating": [a.organisation_id for a in activity.assignments.filter(role="cooperating")],
    }
    return data | over


def test_admin_sees_the_full_form_filled_in(client_for, programme):
    html = client_for("admin").get(reverse("activities:edit", args=[programme["c"].pk])).content.decode()
    assert "编辑活动" in html and "宗教界教风整治活动</textarea>" in html
    assert "从2月—11月</textarea>" in html and 'name="kinds" value="campaign"' in html and "checked" in html
    assert 'name="responsible"' in html and 'name="leads"' in html


def test_a_chinese_phrase_is_read_and_the_moved_deadlines_are_shown_before_saving(client_for, tasks):
    c, url = tasks["c"], reverse("activities:edit", args=[tasks["c"].pk])
    client = client_for("admin")
    r = client.post(url, _form(c, windows="3月—11月"))
    html = r.content.decode()
    assert r.status_code == 200 and "保存后，以下 1 项任务的截止日期随之调整" in html
    assert "报送细化实施方案：宗教界教风整治活动" in html and "2019-01-18" in html and "2019-02-15" in html
    assert "开始日期：<span class=\"num\">2019-02-01</span> → <b class=\"num\">2019-03-01</b>" in html
    assert Activity.objects.get(pk=c.pk).version == 1  # nothing saved yet
    assert 'type="hidden" name="windows" value="3月—11月"' in html
    # "返回修改" brings back the form with what was typed.
    back = client.post(url, _form(c, windows="3月—11月", back="1")).content.decode()
    assert "3月—11月</textarea>" in back and Activity.objects.get(pk=c.pk).version == 1
    r = client.post(url, _form(c, windows="3月—11月", confirm="1"))
    assert r["Location"] == reverse("activities:detail", args=[c.pk])
    c.refresh_from_db()
    assert (c.starts_on, c.ends_on, c.version) == (dt.date(2019, 3, 1), dt.date(2019, 11, 30), 2)
    assert Task.objects.get(activity=c, kind="impl_plan").due == dt.date(2019, 2, 15)
    page = client.get(reverse("activities:detail", args=[c.pk])).content.decode()
    assert "修改活动：时间：从2月—11月 → 3月—11月" in page


def test_an_unchanged_window_line_keeps_the_window_as_the_plan_had_it(client_for, programme):
    c = programme["c"]
    window = c.windows.get()
    client_for("admin").post(reverse("activities:edit", args=[c.pk]), _form(c, title="新名称"))
    c.refresh_from_db()
    assert c.title == "新名称" and c.windows.get().pk == window.pk


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("下下个月吧", "无法识别“下下个月吧”。请填写日期"),
        ("2019-09-30至2019-09-01", "“2019-09-30至2019-09-01”：结束日期不能早于开始日期。"),
    ],
)
def test_an_unreadable_or_reversed_date_gets_a_chinese_message_and_keeps_what_was_typed(
    client_for, programme, typed, message
):
    c = programme["c"]
    r = client_for("admin").post(reverse("activities:edit", args=[c.pk]), _form(c, title="改过的名称", windows=typed))
    html = r.content.decode()
    assert r.status_code == 400 and message in html
    assert "改过的名称</textarea>" in html and f"{typed}</textarea>" in html
    c.refresh_from_db()
    assert (c.title, c.version) == ("宗教界教风整治活动", 1)


def test_two_stale_edits_the_second_gets_the_task_conflict_message_with_both_values(client_for, programme):
    c, url = programme["c"], reverse("activities:edit", args=[programme["c"].pk])
    read_by_both = _form(c)
    client = client_for("admin")
    client.post(url, read_by_both | {"title": "甲改的名称"})
    r = client.post(url, read_by_both | {"title": "乙改的名称", "places": "乙填的地点"})
    html = r.content.decode()
    assert r.status_code == 409
    assert "该事项刚刚被其他人修改过，您的修改没有保存。请刷新页面查看最新内容后再操作。" in html
    assert "当前已保存的内容" in html and "<dd>甲改的名称</dd>" in html  # what is saved now
    assert "乙改的名称</textarea>" in html and "乙填的地点</textarea>" in html  # what was typed
    assert 'name="version" value="2"' in html  # saving again applies on top
    c.refresh_from_db()
    assert (c.title, c.places) == ("甲改的名称", [])
    r = client.post(url, read_by_both | {"title": "乙改的名称", "places": "乙填的地点", "version": "2"})
    c.refresh_from_db()
    assert (c.title, c.places, c.version) == ("乙改的名称", ["乙填的地点"], 3)


def test_the_responsible_unit_sets_the_place_only(client_for, programme):
    a, url = programme["a"], reverse("activities:edit", args=[programme["a"].pk])
    client = client_for("dangwai")
    html = client.get(url).content.decode()
    assert "修改活动地点" in html and 'name="places"' in html and 'name="title"' not in html
    client.post(url, {"version": "1", "places": "市委党校、市图书馆", "title": "想改名称"})
    a.refresh_from_db()
    assert (a.places, a.title) == (["市委党校", "市图书馆"], "双月读书会活动")
    assert AuditEntry.objects.get(action="activity.update").actor.username == "dangwai"


@pytest.mark.parametrize(
    ("persona", "activity", "status"),
    [
        ("dangwai", "b", 403),  # cooperating on B: reads, does not edit
        ("zhang", "a", 403),  # lead leader: reads
        ("viewer", "a", 403),
        ("zongjiao", "a", 404),  # cannot see A at all
        ("stranger", "c", 404),
    ],
)
def test_who_may_not_edit(client_for, programme, persona, activity, status):
    act = programme[activity]
    url = reverse("activities:edit", args=[act.pk])
    client = client_for(persona)
    assert client.get(url).status_code == status
    assert client.post(url, {"version": "1", "places": "某地"}).status_code == status
    act.refresh_from_db()
    assert act.places == [] and act.version == 1


def test_the_detail_page_links_to_editing_only_for_those_who_may(client_for, programme):
    a = programme["a"]
    url = reverse("activities:detail", args=[a.pk])
    admin = client_for("admin").get(url).content.decode()
    assert "编辑活动" in admin and reverse("activities:session_add", args=[a.pk]) in admin
    unit = client_for("dangwai").get(url).content.decode()
    assert "修改地点" in unit and "编辑活动" not in unit
    viewer = client_for("viewer").get(url).content.decode()
    assert 'data-testid="edit-links"' not in viewer and reverse("activities:session_add", args=[a.pk]) not in viewer
