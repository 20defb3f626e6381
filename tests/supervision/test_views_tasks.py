"""Task screens: the list with lights, a task's page, 催办, editing under concurrency, creating and generating.

Personas come from tests/conftest.py; on 2019-08-15 (the pinned today) the generated tasks of activity A
(owned by 党外干部和民主党派科) are: implementation plan and sessions 1–3 red, sessions 4–6 and the results report green;
activity C (宗教业务科) has a red implementation plan and a green results report.
"""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from tongxin.audit.models import AuditEntry
from tongxin.supervision.models import ReportingRule, Task, Urge

pytestmark = pytest.mark.django_db

A_TASKS_RED = [
    "报送细化实施方案：双月读书会活动",
    "举办并报送：第1期主题",
    "举办并报送：第2期主题",
    "举办并报送：第3期主题",
]
A_TASKS_GREEN = [
    "举办并报送：第4期主题",
    "举办并报送：第5期主题",
    "举办并报送：第6期主题",
    "报送开展情况和成效：双月读书会活动",
]


def titles(response) -> list[str]:
    return [t.title for t in response.context["page"].object_list]


def task(title: str) -> Task:
    return Task.objects.get(title=title)


def test_admin_sees_every_task_red_first_then_by_deadline_with_lights(client_for, tasks):
    r = client_for("admin").get(reverse("supervision:tasks"))
    assert titles(r) == [
        "报送细化实施方案：双月读书会活动",
        "报送细化实施方案：宗教界教风整治活动",
        "举办并报送：第1期主题",
        "举办并报送：第2期主题",
        "举办并报送：第3期主题",
        "举办并报送：第4期主题",
        "举办并报送：第5期主题",
        "报送开展情况和成效：宗教界教风整治活动",
        "举办并报送：第6期主题",
        "报送开展情况和成效：双月读书会活动",
    ]
    html = r.content.decode()
    assert "共 10 项任务" in html
    assert html.count('data-light="red"') == 5 and html.count('data-light="green"') == 5
    assert '<span class="light light-red" aria-hidden="true"></span>逾期' in html
    assert "按方案生成任务" in html and "新建任务" in html


def test_unit_members_see_only_their_units_tasks(client_for, tasks):
    assert titles(client_for("dangwai").get(reverse("supervision:tasks"))) == A_TASKS_RED + [
        "举办并报送：第4期主题",
        "举办并报送：第5期主题",
        "举办并报送：第6期主题",
        "报送开展情况和成效：双月读书会活动",
    ]
    assert titles(client_for("zongjiao").get(reverse("supervision:tasks"))) == [
        "报送细化实施方案：宗教界教风整治活动",
        "报送开展情况和成效：宗教界教风整治活动",
    ]
    # 市侨联 cooperates on C but owns none of its tasks; the idle unit has nothing.
    assert titles(client_for("qiaolian").get(reverse("supervision:tasks"))) == []
    assert titles(client_for("stranger").get(reverse("supervision:tasks"))) == []
    assert len(titles(client_for("viewer").get(reverse("supervision:tasks")))) == 10
    html = client_for("viewer").get(reverse("supervision:tasks")).content.decode()
    assert "按方案生成任务" not in html


def test_filters_by_light_unit_state_kind_and_due_month(client_for, tasks, units):
    c = client_for("admin")
    url = reverse("supervision:tasks")
    assert len(titles(c.get(url, {"light": "red"}))) == 5
    assert titles(c.get(url, {"light": "green", "unit": units["zongjiao"].pk})) == [
        "报送开展情况和成效：宗教界教风整治活动"
    ]
    assert titles(c.get(url, {"month": "2019-08"})) == ["举办并报送：第4期主题"]
    assert len(titles(c.get(url, {"kind": "session"}))) == 6
    assert titles(c.get(url, {"state": "done"})) == []
    assert len(titles(c.get(url, {"plan": tasks["plan"].pk}))) == 10
    r = c.get(url, {"month": "八月"})
    assert "月份格式应为 年-月，例如 2019-08。" in r.content.decode() and len(titles(r)) == 10
    # The filter form answers htmx with the rows only.
    partial = c.get(url, {"light": "red"}, HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in partial and "共 5 项任务" in partial
    # Going back in the browser asks htmx to restore the whole page.
    restored = c.get(url, {"light": "red"}, HTTP_HX_REQUEST="true", HTTP_HX_HISTORY_RESTORE_REQUEST="true")
    assert "<html" in restored.content.decode()


def test_task_page_shows_facts_light_and_the_buttons_each_persona_may_use(client_for, tasks):
    t = task("举办并报送：第1期主题")
    url = reverse("supervision:task_detail", args=[t.pk])
    html = client_for("dangwai").get(url).content.decode()
    assert 'data-testid="task-title">举办并报送：第1期主题<' in html
    assert '<dd class="num" data-testid="task-due">2019-02-28</dd>' in html
    assert 'data-light="red"' in html and "党外干部和民主党派科" in html
    assert "报送开展情况" in html and "申请延期" in html
    assert "hx-post" not in html and ">编辑<" not in html
    html = client_for("zhang").get(url).content.decode()  # the lead leader urges, does not report or edit
    assert "hx-post" in html and ">催办<" in html and "申请延期" not in html and ">编辑<" not in html
    html = client_for("admin").get(url).content.decode()
    assert ">催办<" in html and ">编辑<" in html
    html = client_for("viewer").get(url).content.decode()
    assert "hx-post" not in html and "报送开展情况</a>" not in html and "申请延期" not in html


def test_outsiders_get_404_and_read_only_users_403(client_for, tasks):
    t = task("举办并报送：第1期主题")
    detail = reverse("supervision:task_detail", args=[t.pk])
    urge = reverse("supervision:task_urge", args=[t.pk])
    edit = reverse("supervision:task_edit", args=[t.pk])
    for name in ("zongjiao", "qiaolian", "stranger"):
        assert client_for(name).get(detail).status_code == 404
        assert client_for(name).post(urge).status_code == 404
    for name in ("viewer", "dangwai"):
        assert client_for(name).post(urge).status_code == 403
        assert client_for(name).get(edit).status_code == 403
        assert client_for(name).post(edit, {"title": "x"}).status_code == 403
    for name, url in (("viewer", reverse("supervision:task_new")), ("zhang", reverse("supervision:task_new"))):
        assert client_for(name).post(url).status_code == 403
    assert client_for("viewer").post(reverse("supervision:tasks_generate")).status_code == 403
    assert client_for("viewer").post(reverse("supervision:rules")).status_code == 403
    assert client_for("viewer").post(reverse("supervision:rules_generate")).status_code == 403
    assert not Urge.objects.exists()


def test_urge_with_htmx_swaps_in_the_list_with_who_and_when(client_for, tasks, people):
    t = task("举办并报送：第1期主题")
    r = client_for("zhang").post(
        reverse("supervision:task_urge", args=[t.pk]), {"note": "请本周内报送"}, HTTP_HX_REQUEST="true"
    )
    html = r.content.decode()
    assert html.startswith('<div id="urges"')
    urge = Urge.objects.get()
    assert (urge.by, urge.to_org.name, urge.note, urge.channels) == (
        people["zhang"],
        "党外干部和民主党派科",
        "请本周内报送",
        ["inbox"],
    )
    assert (
        f"张圣合 已于 {urge.at.astimezone(dt.timezone(dt.timedelta(hours=8))):%Y-%m-%d %H:%M} 催办 党外干部和民主党派科。"
        in html
    )
    assert html.count('data-testid="urge"') == 1 and "渠道：站内消息 · 请本周内报送" in html
    assert AuditEntry.objects.filter(action="task.urge", target_id=str(t.pk)).count() == 1
    # Without htmx the form still works and the page lists both urges.
    r = client_for("admin").post(reverse("supervision:task_urge", args=[t.pk]), follow=True)
    html = r.content.decode()
    assert "已催办 党外干部和民主党派科。" in html and html.count('data-testid="urge"') == 2


def test_urging_a_done_task_says_so(client_for, tasks):
    t = task("举办并报送：第1期主题")
    Task.objects.filter(pk=t.pk).update(state="done")
    html = (
        client_for("admin").post(reverse("supervision:task_urge", args=[t.pk]), HTTP_HX_REQUEST="true").content.decode()
    )
    assert "该任务已完成，无需催办。" in html and not Urge.objects.exists()


def edit_data(t: Task, **changes) -> dict:
    data = {"title": t.title, "owner_org": t.owner_org_id, "owner_user": "", "due": t.due.isoformat(), "version": 1}
    data.update(changes)
    return data


def test_admin_edits_a_task_and_the_history_shows_it(client_for, tasks, people):
    t = task("举办并报送：第4期主题")
    url = reverse("supervision:task_edit", args=[t.pk])
    form_html = client_for("admin").get(url).content.decode()
    assert 'name="version" value="1"' in form_html and 'value="2019-08-28"' in form_html
    r = client_for("admin").post(url, edit_data(t, due="2019-08-20", owner_user=people["dangwai"].pk), follow=True)
    t.refresh_from_db()
    assert (t.due, t.original_due, t.version, t.owner_user) == (
        dt.date(2019, 8, 20),
        dt.date(2019, 8, 28),
        2,
        people["dangwai"],
    )
    html = r.content.decode()
    assert "任务已保存。" in html and "修改任务：责任人，截止日期" in html and 'data-light="yellow"' in html


def test_edit_refuses_an_owner_from_another_unit(client_for, tasks, people):
    t = task("举办并报送：第4期主题")
    r = client_for("admin").post(
        reverse("supervision:task_edit", args=[t.pk]),
        edit_data(t, title="改过的标题", owner_user=people["zongjiao"].pk),
    )
    assert r.status_code == 400
    html = r.content.decode()
    assert "责任人不属于所选责任单位。" in html and 'value="改过的标题"' in html
    t.refresh_from_db()
    assert (t.title, t.version) == ("举办并报送：第4期主题", 1)


def test_two_people_editing_at_once_never_overwrite_each_other(tasks, people):
    """Both opened the form at version 1; the first save wins, the second sees the conflict with its typing kept."""
    t = task("举办并报送：第4期主题")
    url = reverse("supervision:task_edit", args=[t.pk])
    first, second = Client(), Client()
    first.force_login(people["admin"])
    second.force_login(people["admin"])
    assert 'name="version" value="1"' in first.get(url).content.decode()
    assert 'name="version" value="1"' in second.get(url).content.decode()
    assert first.post(url, edit_data(t, title="第一人改的标题")).status_code == 302
    r = second.post(url, edit_data(t, due="2019-09-30", title="第二人改的标题"))
    assert r.status_code == 409
    html = r.content.decode()
    assert "该事项刚刚被其他人修改过，您的修改没有保存。请刷新页面查看最新内容后再操作。" in html
    assert 'value="第二人改的标题"' in html and 'value="2019-09-30"' in html  # what they typed is kept
    assert "<dd>第一人改的标题</dd>" in html  # and the current values are shown
    assert 'name="version" value="2"' in html  # saving again is a deliberate choice on top of the first edit
    t.refresh_from_db()
    assert (t.title, t.due, t.version) == ("第一人改的标题", dt.date(2019, 8, 28), 2)
    assert AuditEntry.objects.filter(action="task.update", target_id=str(t.pk)).count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_simultaneous_edits_on_postgresql_let_exactly_one_win(tasks, people):
    if connection.vendor != "postgresql":
        pytest.skip("real concurrent writers need PostgreSQL")
    t = task("举办并报送：第4期主题")
    url = reverse("supervision:task_edit", args=[t.pk])
    barrier = threading.Barrier(2)
    results: dict[str, int] = {}

    def save(title: str) -> None:
        c = Client()
        c.force_login(people["admin"])
        barrier.wait()
        try:
            results[title] = c.post(url, edit_data(t, title=title)).status_code
        finally:
            connection.close()

    threads = [threading.Thread(target=save, args=(f"并发修改{i}",)) for i in (1, 2)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert sorted(results.values()) == [302, 409]
    winner = next(title for title, code in results.items() if code == 302)
    t.refresh_from_db()
    assert (t.title, t.version) == (winner, 2)


def test_admin_creates_a_task_by_hand(client_for, programme, units):
    c = client_for("admin")
    form_html = c.get(reverse("supervision:task_new"), {"activity": programme["b"].pk}).content.decode()
    assert f'<option value="{programme["b"].pk}" selected>' in form_html
    r = c.post(
        reverse("supervision:task_new"),
        {
            "activity": programme["b"].pk,
            "title": "报送培训班学员名单",
            "owner_org": units["dangwai"].pk,
            "due": "2019-08-20",
        },
    )
    t = Task.objects.get()
    assert r["Location"] == reverse("supervision:task_detail", args=[t.pk])
    assert (t.kind, t.activity, t.owner_org, t.due, t.state) == (
        "manual",
        programme["b"],
        units["dangwai"],
        dt.date(2019, 8, 20),
        "open",
    )
    html = c.get(r["Location"]).content.decode()
    assert "新建任务“报送培训班学员名单”，截止 2019-08-20，责任单位 党外干部和民主党派科" in html
    assert 'data-light="yellow"' in html
    r = c.post(
        reverse("supervision:task_new"),
        {"activity": programme["b"].pk, "title": "缺日期", "owner_org": units["dangwai"].pk},
    )
    assert (
        r.status_code == 400 and "这个字段是必填项。" in r.content.decode() and 'value="缺日期"' in r.content.decode()
    )


def test_generate_tasks_from_the_plan_once(client_for, programme):
    c = client_for("admin")
    r = c.post(reverse("supervision:tasks_generate"), {"plan": programme["plan"].pk}, follow=True)
    assert "已按“测试庆祝活动方案”生成 10 项任务。" in r.content.decode() and len(titles(r)) == 10
    r = c.post(reverse("supervision:tasks_generate"), {"plan": programme["plan"].pk}, follow=True)
    assert "“测试庆祝活动方案”的任务都已生成，没有新增。" in r.content.decode()
    assert Task.objects.count() == 10


def test_reporting_rule_is_set_and_generates_the_periodic_tasks(client_for, programme):
    c = client_for("admin")
    bad = {
        "plan": programme["plan"].pk,
        "title": "月度进展",
        "every_months": 1,
        "day_of_month": 40,
        "starts_on": "2019-08-01",
        "ends_on": "2019-12-31",
    }
    r = c.post(reverse("supervision:rules"), bad)
    assert r.status_code == 400
    html = r.content.decode()
    assert "确保该值小于或等于31。" in html and 'value="月度进展"' in html
    r = c.post(reverse("supervision:rules"), {**bad, "day_of_month": 25}, follow=True)
    assert "报送规则“月度进展”已设置。" in r.content.decode()
    rule = ReportingRule.objects.get()
    assert (rule.day_of_month, rule.starts_on) == (25, dt.date(2019, 8, 1))
    r = c.post(reverse("supervision:rules_generate"), follow=True)
    # 2019-08-25 falls within 14 days of the pinned today: one task each for A (党外) and C (宗教).
    assert "已生成到期的定期报送任务 2 项。" in r.content.decode()
    assert sorted(Task.objects.filter(kind="periodic").values_list("owner_org__name", "due")) == [
        ("党外干部和民主党派科", dt.date(2019, 8, 25)),
        ("宗教业务科", dt.date(2019, 8, 25)),
    ]


def test_task_list_query_count_does_not_grow_with_tasks(client_for, tasks, units, django_assert_max_num_queries):
    c = client_for("dangwai")
    url = reverse("supervision:tasks")
    with django_assert_max_num_queries(30) as small:
        c.get(url)
    for i in range(40):
        Task.objects.create(
            activity=tasks["a"],
            title=f"追加任务{i}",
            owner_org=units["dangwai"],
            due=dt.date(2019, 9, 1),
            original_due=dt.date(2019, 9, 1),
        )
    with django_assert_max_num_queries(len(small.captured_queries)) as large:
        r = c.get(url)
    assert len(titles(r)) == 48
    assert len(large.captured_queries) == len(small.captured_queries)


def test_activity_page_shows_the_light_tasks_and_actions(client_for, tasks):
    a = tasks["a"]
    html = client_for("dangwai").get(reverse("activities:detail", args=[a.pk])).content.decode()
    assert html.count('data-testid="task-row"') == 8
    assert '<span class="light light-red" aria-hidden="true"></span>逾期' in html
    assert reverse("supervision:report_new", args=[a.pk]) in html
    assert f"{reverse('supervision:approval_new', args=[a.pk])}?kind=request" in html
    html = client_for("viewer").get(reverse("activities:detail", args=[a.pk])).content.decode()
    assert html.count('data-testid="task-row"') == 8 and reverse("supervision:report_new", args=[a.pk]) not in html
    # B has no tasks: green, and the cooperating unit may still report on it.
    html = client_for("dangwai").get(reverse("activities:detail", args=[tasks["b"].pk])).content.decode()
    assert 'data-light="green"' in html and "暂无任务" in html


def test_overview_rows_show_the_light_from_the_annotated_activities(rf, tasks, people):
    """The overview template shows the light of activities passed through activities_with_lights."""
    from django.template.loader import render_to_string

    from tongxin.activities.models import Activity
    from tongxin.activities.selectors import roles_of, with_details
    from tongxin.supervision.selectors import activities_with_lights

    Task.objects.filter(activity=tasks["c"]).update(state="done")
    acts = activities_with_lights(with_details(Activity.objects.order_by("order")))
    request = rf.get("/")
    request.user = people["admin"]
    html = render_to_string(
        "activities/_overview_rows.html",
        {"rows": [(a, roles_of(a)) for a in acts], "count": 3, "page": None},
        request=request,
    )
    assert [line.split('data-light="')[1][:6].split('"')[0] for line in html.split("\n") if "data-light" in line] == [
        "red",
        "green",
        "done",
    ]
