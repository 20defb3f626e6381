"""Cockpits: a leader's own, the department's (rates, charts, the late list) and a unit's summary.

Personas are in tests/conftest.py; "today" is pinned to 2019-08-15 and a task is yellow within 7 days.
The `world` fixture below moves the generated tasks through the real services into a mid-year state:

    党外干部和民主党派科 (activity A, lead leader 张圣合)
      impl_plan  due 01-01  done 01-02 07:00 (local) ........ done late (UTC would still say 01-01)
      session 1  due 02-28  done 03-05 ...................... done late
      session 2  due 04-28 → extended to 05-31, done 05-31 23:30 (local) ... done on time (extended)
      session 3  due 06-28  open .......................... red, 48 days overdue
      manual     due 08-20  open .......................... yellow
      session 4  due 08-28  open .......................... green
      session 5  due 10-28  done 08-01 ...................... done early (not yet due)
      session 6  due 12-28, results due 2020-01-07 ......... green
    宗教业务科 (activity C, lead leader 乌力吉)
      impl_plan  due 01-18  submitted, awaiting review ..... red, 209 days overdue
      results    due 12-07  cancelled ..................... done light, in no rate
"""

from __future__ import annotations

import datetime as dt
import json
import re
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import ActivityFactory, OrganisationFactory, PersonFactory, assign
from tongxin.supervision.models import Approval, ProgressReport, Task
from tongxin.supervision.services import (
    approval_decide,
    approval_request,
    report_submit,
    task_create,
    task_update,
    task_urge,
)

pytestmark = pytest.mark.django_db
LOCAL = ZoneInfo("Asia/Shanghai")
COCKPIT = reverse("cockpit:home")
DEPARTMENT = reverse("cockpit:department")


def _at(y, m, d, hh=12, mm=0) -> dt.datetime:
    return dt.datetime(y, m, d, hh, mm, tzinfo=LOCAL)


def _finish(task: Task, admin, when: dt.datetime) -> None:
    """Done through the service; then back-dated, because the service stamps the real clock."""
    task_update(actor=admin, task=task, expected_version=task.version, state=Task.State.DONE)
    Task.objects.filter(pk=task.pk).update(done_at=when)


@pytest.fixture
def world(tasks, people, units):
    admin, a, c = people["admin"], tasks["a"], tasks["c"]
    a_tasks = {t.kind if t.kind != "session" else f"s{t.session.order + 1}": t for t in Task.objects.filter(activity=a)}
    c_tasks = {t.kind: t for t in Task.objects.filter(activity=c)}

    _finish(a_tasks["impl_plan"], admin, _at(2019, 1, 2, 7, 0))
    _finish(a_tasks["s1"], admin, _at(2019, 3, 5))
    ext = approval_request(
        actor=people["dangwai"],
        activity=a,
        org=units["dangwai"],
        kind=Approval.Kind.EXTENSION,
        title="第二期延期",
        body="主讲嘉宾时间调整",
        task=a_tasks["s2"],
        new_due=dt.date(2019, 5, 31),
    )
    approval_decide(actor=people["zhang"], approval=ext, approve=True, comment="同意")
    a_tasks["s2"].refresh_from_db()
    _finish(a_tasks["s2"], admin, _at(2019, 5, 31, 23, 30))
    _finish(a_tasks["s5"], admin, _at(2019, 8, 1))
    manual = task_create(
        actor=admin, activity=a, title="补充报送活动照片", owner_org=units["dangwai"], due=dt.date(2019, 8, 20)
    )

    report = report_submit(
        actor=people["zongjiao"], activity=c, org=units["zongjiao"], summary="实施方案初稿", task=c_tasks["impl_plan"]
    )
    results = c_tasks["results"]
    task_update(actor=admin, task=results, expected_version=results.version, state=Task.State.CANCELLED)
    task_urge(actor=admin, task=a_tasks["s3"], note="请尽快报送")

    reports = [
        report_submit(actor=people["dangwai"], activity=a, org=units["dangwai"], summary=f"第{i}期读书会已举办")
        for i in (1, 2, 3)
    ]
    # Submitted "in" 2019: June, July, July; the C report in August.
    for r, when in zip(reports, [_at(2019, 6, 10), _at(2019, 7, 1, 0, 30), _at(2019, 7, 31, 23, 0)], strict=True):
        ProgressReport.objects.filter(pk=r.pk).update(submitted_at=when)
    ProgressReport.objects.filter(pk=report.pk).update(submitted_at=_at(2019, 8, 2))

    # Pending for 张圣合: a 请示 on A and a 报备 on B; the 请示 on C is 乌力吉's.
    pending = {
        "a_request": approval_request(
            actor=people["dangwai"], activity=a, org=units["dangwai"], kind="request", title="第四期读书会请示"
        ),
        "b_filing": approval_request(
            actor=people["dangwai"], activity=tasks["b"], org=units["dangwai"], kind="filing", title="培训班报备"
        ),
        "c_request": approval_request(
            actor=people["zongjiao"], activity=c, org=units["zongjiao"], kind="request", title="整治活动请示"
        ),
    }
    return {**tasks, "a_tasks": a_tasks, "c_tasks": c_tasks, "manual": manual, "pending": pending, "report": report}


def _rates(rows) -> list[tuple]:
    return [
        (r.name, r.lights, r.completion, r.on_time_rate, (r.due_done, r.due_count), (r.on_time, r.finished))
        for r in rows
    ]


def _chart_data(response) -> dict:
    m = re.search(r'<script id="cockpit-data" type="application/json">(.*?)</script>', response.content.decode(), re.S)
    assert m, "the page carries the chart data in a json_script block"
    return json.loads(m.group(1))


def _late(response) -> list[tuple]:
    return [
        (r.task.title, r.task.owner_org.name, [p.name for p in r.leaders], r.days_overdue)
        for r in response.context["late_rows"]
    ]


LIGHTS_DANGWAI = {"red": 1, "yellow": 1, "green": 3, "done": 4}
LIGHTS_ZONGJIAO = {"red": 1, "yellow": 0, "green": 0, "done": 1}
LATE = [
    ("报送细化实施方案：宗教界教风整治活动", "宗教业务科", ["乌力吉"], 209),
    ("举办并报送：第3期主题", "党外干部和民主党派科", ["张圣合"], 48),
]


def test_department_rates_per_unit_and_per_leader_are_exact(world, client_for):
    response = client_for("admin").get(COCKPIT)
    ctx = response.context
    # 宗教业务科 first: both have one overdue task, it has the lower completion rate.
    assert _rates(ctx["units"]) == [
        ("宗教业务科", LIGHTS_ZONGJIAO, 0.0, None, (0, 1), (0, 0)),
        ("党外干部和民主党派科", LIGHTS_DANGWAI, 75.0, 50.0, (3, 4), (2, 4)),
    ]
    # 张圣合 leads A and B (B has no tasks), 乌力吉 leads C.
    assert _rates(ctx["leaders"]) == [
        ("乌力吉", LIGHTS_ZONGJIAO, 0.0, None, (0, 1), (0, 0)),
        ("张圣合", LIGHTS_DANGWAI, 75.0, 50.0, (3, 4), (2, 4)),
    ]
    totals = ctx["totals"]
    assert (totals.lights, totals.completion, totals.on_time_rate) == (
        {"red": 2, "yellow": 1, "green": 3, "done": 5},
        60.0,
        50.0,
    )
    assert (ctx["activity_count"], ctx["reports_pending"], ctx["approvals_pending"]) == (3, 4, 3)
    html = response.content.decode()
    assert '<b class="num" data-testid="completion">60%</b><span class="muted small">3/5</span>' in html
    assert '<b>75%</b> <span class="muted small">3/4</span>' in html
    assert '<b>—</b> <span class="muted small">0/0</span>' in html


def test_department_late_list_is_oldest_first_with_days_overdue_and_last_urge(world, client_for):
    response = client_for("admin").get(COCKPIT)
    assert _late(response) == LATE
    rows = response.context["late_rows"]
    assert [r.task.last_urged_at is not None for r in rows] == [False, True]
    assert [r.can_urge for r in rows] == [True, True]
    html = response.content.decode()
    assert html.count('data-testid="urge"') == 2
    assert html.count('<span class="muted">未催办</span>') == 1
    assert '<td data-label="逾期天数" class="num overdue" data-testid="days-overdue">209 天</td>' in html
    # The urge button opens the task page at its 催办 form; the unit links to its page.
    s3 = world["a_tasks"]["s3"]
    assert (
        f'<a class="button small danger" href="/supervision/tasks/{s3.pk}/#id_note" data-testid="urge">催办</a>' in html
    )
    assert f'<a href="/supervision/units/{s3.owner_org_id}/">党外干部和民主党派科</a>' in html


def test_department_page_draws_echarts_from_a_json_script_block_with_the_tables_numbers(world, client_for):
    response = client_for("viewer").get(DEPARTMENT)
    html = response.content.decode()
    assert '<script src="/static/vendor/echarts/echarts.min.js"></script>' in html
    assert '<script src="/static/js/cockpit.js"></script>' in html
    assert 'data-chart="units"' in html and 'data-chart="leaders"' in html and 'data-chart="months"' in html
    assert "<script>" not in html  # no inline script: the CSP forbids it
    data = _chart_data(response)
    assert data == {
        "labels": {
            "red": "逾期",
            "yellow": "临近",
            "green": "正常",
            "done": "完成",
            "units": "各单位任务状态（前 20 个单位）",
            "leaders": "各牵头领导按时完成率（%）",
            "months": "每月报送开展情况（份）",
            "on_time": "按时完成率",
            "reports": "报送数",
        },
        "units": {
            "names": ["宗教业务科", "党外干部和民主党派科"],
            "red": [1, 1],
            "yellow": [0, 1],
            "green": [0, 3],
            "done": [1, 4],
        },
        "leaders": {"names": ["乌力吉", "张圣合"], "on_time": [None, 50.0]},
        "months": {
            "labels": [f"2018-{m:02d}" for m in range(9, 13)] + [f"2019-{m:02d}" for m in range(1, 9)],
            # 07-01 00:30 and 07-31 23:00 local are June and July in UTC: months are counted in local time.
            "reports": [0] * 9 + [1, 2, 1],
        },
    }
    # The month table shows the same numbers for print and for readers without JavaScript.
    assert '<th scope="col" class="num">2019-07</th><th scope="col" class="num">2019-08</th></tr>' in html
    assert (
        '<td class="num">0</td>' * 9 + '<td class="num">1</td><td class="num">2</td><td class="num">1</td></tr>' in html
    )


def test_viewer_sees_the_department_cockpit_read_only(world, client_for):
    response = client_for("viewer").get(COCKPIT)
    assert response.templates[0].name == "supervision/cockpit_department.html"
    assert _late(response) == LATE
    assert [r.can_urge for r in response.context["late_rows"]] == [False, False]
    assert 'data-testid="urge"' not in response.content.decode()


def test_leader_sees_their_activities_approvals_reports_and_late_tasks(world, client_for):
    response = client_for("zhang").get(COCKPIT)
    ctx = response.context
    assert response.templates[0].name == "supervision/cockpit_leader.html"
    acts = ctx["activities"]
    assert [(a.title, a.light, a.open_count, a.late_count, a.next_due) for a in acts] == [
        ("双月读书会活动", "red", 5, 1, dt.date(2019, 6, 28)),
        ("民主党派骨干培训班", "green", 0, 0, None),
    ]
    assert ctx["activity_lights"] == [
        ("red", "逾期", 1),
        ("yellow", "临近", 0),
        ("green", "正常", 1),
        ("done", "完成", 0),
    ]
    # Only what 张圣合 may decide or acknowledge: not the 请示 on C, not the extension already approved.
    pending = world["pending"]
    assert [ap.pk for ap in ctx["approvals"]] == [pending["a_request"].pk, pending["b_filing"].pk]
    assert [(r.org.name, r.summary) for r in ctx["reports"]] == [
        ("党外干部和民主党派科", "第3期读书会已举办"),
        ("党外干部和民主党派科", "第2期读书会已举办"),
        ("党外干部和民主党派科", "第1期读书会已举办"),
    ]
    assert _late(response) == [LATE[1]]
    assert (ctx["totals"].completion, ctx["totals"].on_time_rate) == (75.0, 50.0)
    html = response.content.decode()
    assert "宗教界教风整治活动" not in html and "整治活动请示" not in html
    assert html.count('data-testid="approval"') == 2
    assert f'<a href="/supervision/approvals/{pending["b_filing"].pk}/"><b>培训班报备</b></a>' in html
    assert (
        f'<a href="/supervision/reports/{ctx["reports"][0].pk}/"><b>党外干部和民主党派科</b>：双月读书会活动</a>'
        in html
    )
    assert "截止日期" in html and 'href="/cockpit/department/"' in html


def test_leader_may_open_the_department_cockpit_and_urge_only_their_own_tasks(world, client_for):
    response = client_for("zhang").get(DEPARTMENT)
    assert response.templates[0].name == "supervision/cockpit_department.html"
    assert [(r.task.activity.title, r.can_urge) for r in response.context["late_rows"]] == [
        ("宗教界教风整治活动", False),
        ("双月读书会活动", True),
    ]
    assert 'href="/cockpit/">返回我的驾驶舱</a>' in response.content.decode()


@pytest.mark.parametrize(
    ("persona", "unit", "lights", "late"),
    [
        ("dangwai", "党外干部和民主党派科", LIGHTS_DANGWAI, [LATE[1]]),
        ("zongjiao", "宗教业务科", LIGHTS_ZONGJIAO, [LATE[0]]),
        ("qiaolian", "市侨联", {"red": 0, "yellow": 0, "green": 0, "done": 0}, []),
    ],
)
def test_unit_member_sees_only_their_unit(world, client_for, persona, unit, lights, late):
    response = client_for(persona).get(COCKPIT)
    assert response.templates[0].name == "supervision/cockpit_unit.html"
    assert (response.context["unit"].name, response.context["totals"].lights) == (unit, lights)
    assert _late(response) == late
    assert [r.can_urge for r in response.context["late_rows"]] == [False] * len(late)
    # What falls due within the week (yellow): only 党外干部和民主党派科's manual task, due 08-20.
    soon = ["补充报送活动照片"] if persona == "dangwai" else []
    assert [t.title for t in response.context["due_soon"]] == soon
    html = response.content.decode()
    assert 'id="cockpit-data"' not in html
    assert f'href="/supervision/units/{response.context["unit"].pk}/" data-testid="unit-page"' in html
    others = {"党外干部和民主党派科", "宗教业务科"} - {unit}
    assert not any(f'<td data-label="责任单位">{o}</td>' in html for o in others)


def test_units_may_not_open_the_department_cockpit_and_strangers_must_sign_in(world, client_for, client):
    assert client_for("dangwai").get(DEPARTMENT).status_code == 403
    client.logout()
    response = client.get(COCKPIT)
    assert (response.status_code, response.url) == (302, "/accounts/login/?next=/cockpit/")


def test_the_late_list_is_paginated_by_fifty(world, client_for, units, leaders):
    act = ActivityFactory(plan=world["plan"], title="补充活动")
    assign(act, "lead", leaders["wu"])
    Task.objects.bulk_create(
        Task(
            activity=act,
            title=f"逾期事项{i:02d}",
            owner_org=units["idle"],
            due=dt.date(2019, 7, 1),
            original_due=dt.date(2019, 7, 1),
        )
        for i in range(60)
    )
    first = client_for("admin").get(COCKPIT)
    assert (first.context["page"].paginator.count, len(first.context["late_rows"])) == (62, 50)
    second = client_for("admin").get(COCKPIT + "?page=2")
    assert [r.task.title for r in second.context["late_rows"]] == [f"逾期事项{i:02d}" for i in range(48, 60)]
    assert 'href="?page=1#late"' in second.content.decode()


def test_the_unit_table_starts_with_the_fifty_most_overdue_units(world, client_for, leaders):
    act = ActivityFactory(plan=world["plan"], title="补充活动")
    assign(act, "lead", leaders["wu"])
    day = dt.date(2019, 7, 1)
    Task.objects.bulk_create(
        Task(
            activity=act,
            title=f"事项{i}",
            owner_org=OrganisationFactory(name=f"单位{i:02d}"),
            due=day,
            original_due=day,
        )
        for i in range(55)
    )
    first = client_for("admin").get(COCKPIT)
    assert (len(first.context["units"]), len(first.context["units_shown"])) == (57, 50)
    html = first.content.decode()
    assert html.count('data-testid="rate-row"') == 50 + 2  # 50 units, 2 leaders
    assert '<a href="?units=all#units" data-testid="all-units">仅显示前 50 个单位，显示全部 57 个单位</a>' in html
    everything = client_for("admin").get(COCKPIT + "?units=all")
    assert everything.content.decode().count('data-testid="rate-row"') == 57 + 2
    assert 'data-testid="all-units"' not in everything.content.decode()
    # The chart keeps the 20 most overdue, the same as the table's first rows.
    assert _chart_data(first)["units"]["names"] == [u.name for u in first.context["units"][:20]]


def _grow(world, people, n=40):
    """40 more overdue tasks, reports and pending 请示, on new activities for new units and leaders (bulk set-up)."""
    zhang = world["a"].assignments.get(role="lead").person
    for i in range(n):
        unit = OrganisationFactory(name=f"新增单位{i}")
        act = ActivityFactory(plan=world["plan"], title=f"新增活动{i}")
        assign(act, "lead", PersonFactory(name=f"新领导{i % 7}"))
        assign(act, "lead", zhang)  # so that 张圣合's own cockpit grows too
        assign(act, "responsible", unit)
        day = dt.date(2019, 7, 1)
        Task.objects.create(activity=act, title=f"新增任务{i}", owner_org=unit, due=day, original_due=day)
        ProgressReport.objects.create(activity=act, org=unit, author=people["admin"], summary=f"新增报告{i}")
        Approval.objects.create(kind="request", activity=act, org=unit, title=f"新增请示{i}")


BASE_PAGE = 3  # what every signed-in page reads whatever its content: session, user, unread-message badge


# The cockpit's own queries, a fixed number of aggregates and one page of rows (see the docstring of
# tongxin/supervision/selectors_cockpit.py); a unit member adds its unit and sub-unit look-ups and what falls due soon.
@pytest.mark.parametrize(
    ("persona", "url", "queries"),
    [
        ("admin", COCKPIT, 10),
        ("viewer", DEPARTMENT, 10),
        ("zhang", COCKPIT, 10),
        ("zhang", DEPARTMENT, 10),
        ("dangwai", COCKPIT, 9),
    ],
)
def test_query_count_does_not_grow_with_the_programme(
    world, client_for, people, django_assert_num_queries, persona, url, queries
):
    client = client_for(persona)
    with CaptureQueriesContext(connection) as first:
        client.get(url)
    assert queries <= len(first) <= queries + BASE_PAGE
    _grow(world, people)
    with django_assert_num_queries(len(first)):
        response = client.get(url)
    if persona == "admin":
        assert (len(response.context["units"]), len(response.context["late_rows"])) == (42, 42)
    if (persona, url) == ("zhang", COCKPIT):
        assert (len(response.context["activities"]), len(response.context["approvals"])) == (42, 42)
