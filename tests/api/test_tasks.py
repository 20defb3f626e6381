"""Tasks through the API with their lights, and the activities' lights: the same rule, place and access as the pages.

Today is pinned to 2019-08-15 (tests/conftest.py); yellow means due within 7 days.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from tests.api.helpers import add_activities
from tongxin.supervision import status
from tongxin.supervision.models import Task
from tongxin.supervision.services import tasks_generate_for_plan

pytestmark = pytest.mark.django_db

LABELS = {"red": "逾期", "yellow": "临近", "green": "正常", "done": "完成"}


def expected_task(task: Task, *, kind: str, title: str, due: str, light: str, **changed) -> dict:
    """A generated task as the API writes it; `changed` overrides what a test has changed."""
    return {
        "id": task.pk,
        "activity_id": task.activity_id,
        "session_id": task.session_id,
        "kind": kind,
        "title": title,
        "owner_org": task.owner_org.name,
        "owner_org_id": task.owner_org_id,
        "owner_user": None,
        "due": due,
        "original_due": due,
        "state": "open",
        "light": light,
        "light_label": LABELS[light],
        "done_at": None,
        "last_urged_at": None,
        "escalated_at": None,
        "url": f"/api/tasks/{task.pk}",
        **changed,
    }


def task_of(activity, kind: str, session_number: int | None = None) -> Task:
    if session_number is None:
        return Task.objects.get(activity=activity, kind=kind)
    return Task.objects.get(activity=activity, kind=kind, session__order=session_number - 1)


def titles(response) -> list[str]:
    return [t["title"] for t in response.json()["results"]]


def test_admin_lists_every_task_red_first_then_by_deadline(client_for, tasks):
    a, c = tasks["a"], tasks["c"]

    def session(n: int, due: str, light: str) -> dict:
        return expected_task(
            task_of(a, "session", n), kind="session", title=f"举办并报送：第{n}期主题", due=due, light=light
        )

    assert client_for("admin").get("/api/tasks").json() == {
        "count": 10,
        "next": None,
        "previous": None,
        "results": [
            expected_task(
                task_of(a, "impl_plan"),
                kind="impl_plan",
                title="报送细化实施方案：双月读书会活动",
                due="2019-01-01",
                light="red",
            ),
            expected_task(
                task_of(c, "impl_plan"),
                kind="impl_plan",
                title="报送细化实施方案：宗教界教风整治活动",
                due="2019-01-18",
                light="red",
            ),
            session(1, "2019-02-28", "red"),
            session(2, "2019-04-28", "red"),
            session(3, "2019-06-28", "red"),
            # Due on the 28th, 13 days after today: beyond the 7 yellow days, so green.
            session(4, "2019-08-28", "green"),
            session(5, "2019-10-28", "green"),
            expected_task(
                task_of(c, "results"),
                kind="results",
                title="报送开展情况和成效：宗教界教风整治活动",
                due="2019-12-07",
                light="green",
            ),
            session(6, "2019-12-28", "green"),
            expected_task(
                task_of(a, "results"),
                kind="results",
                title="报送开展情况和成效：双月读书会活动",
                due="2020-01-07",
                light="green",
            ),
        ],
    }


def test_one_task_extended_urged_escalated_and_done(client_for, tasks, people):
    task = task_of(tasks["a"], "session", 3)
    c = client_for("dangwai")
    task.due, task.owner_user = dt.date(2019, 8, 20), people["dangwai"]
    task.save()
    # Extended to the 20th, five days from today: yellow, with the original deadline kept.
    assert c.get(f"/api/tasks/{task.pk}").json() == expected_task(
        task,
        kind="session",
        title="举办并报送：第3期主题",
        due="2019-08-20",
        original_due="2019-06-28",
        owner_user="dangwai",
        light="yellow",
    )
    urged = timezone.make_aware(dt.datetime(2019, 8, 14, 9, 30))
    task.state, task.last_urged_at, task.escalated_at = "done", urged, urged
    task.done_at = timezone.make_aware(dt.datetime(2019, 8, 15, 16, 5, 7, 123456))
    task.save()
    assert c.get(f"/api/tasks/{task.pk}").json() == expected_task(
        task,
        kind="session",
        title="举办并报送：第3期主题",
        due="2019-08-20",
        original_due="2019-06-28",
        owner_user="dangwai",
        state="done",
        light="done",
        # Local time (Asia/Shanghai) with its offset, to the second.
        done_at="2019-08-15T16:05:07+08:00",
        last_urged_at="2019-08-14T09:30:00+08:00",
        escalated_at="2019-08-14T09:30:00+08:00",
    )


def test_every_light_agrees_with_the_status_rule(client_for, tasks):
    a = tasks["a"]
    Task.objects.filter(pk=task_of(a, "session", 4).pk).update(due=dt.date(2019, 8, 22))  # the last yellow day
    Task.objects.filter(pk=task_of(a, "session", 5).pk).update(due=dt.date(2019, 8, 15))  # due today: yellow
    Task.objects.filter(pk=task_of(a, "session", 1).pk).update(state="done")
    Task.objects.filter(pk=task_of(a, "session", 2).pk).update(state="cancelled")
    Task.objects.filter(pk=task_of(a, "session", 3).pk).update(state="submitted")  # waiting for review: still red
    c = client_for("admin")
    results = c.get("/api/tasks").json()["results"]
    by_id = {t.pk: t for t in Task.objects.all()}
    assert [(r["light"], r["light_label"]) for r in results] == [
        (status.task_light(by_id[r["id"]].state, by_id[r["id"]].due), LABELS[r["light"]]) for r in results
    ]
    assert [r["light"] for r in results] == ["red"] * 3 + ["yellow"] * 2 + ["green"] * 3 + ["done"] * 2
    for r in results:
        assert c.get(r["url"]).json() == r


def test_activities_carry_the_light_of_their_tasks(client_for, tasks):
    a, b, c = tasks["a"], tasks["b"], tasks["c"]
    admin = client_for("admin")

    def lights(url: str) -> list[tuple[str, str, str]]:
        data = admin.get(url).json()
        return [(x["title"], x["light"], x["light_label"]) for x in data.get("results", data.get("activities"))]

    expected = [
        ("双月读书会活动", "red", "逾期"),
        ("民主党派骨干培训班", "green", "正常"),
        ("宗教界教风整治活动", "red", "逾期"),
    ]
    assert lights("/api/activities") == expected
    assert lights(f"/api/plans/{tasks['plan'].pk}") == expected
    # C's overdue plan is done and its results are due in December; once both are closed, C is done.
    Task.objects.filter(activity=c, kind="impl_plan").update(state="done")
    assert admin.get(f"/api/activities/{c.pk}").json()["light"] == "green"
    Task.objects.filter(activity=c).update(state="done")
    assert (admin.get(f"/api/activities/{c.pk}").json()["light"], lights("/api/activities")[2][1]) == ("done", "done")
    # The light is the worst of the activity's tasks: the rule status.combine states, here in SQL.
    for activity in (a, b, c):
        task_lights = [status.task_light(t.state, t.due) for t in activity.tasks.all()]
        assert admin.get(f"/api/activities/{activity.pk}").json()["light"] == status.combine(task_lights)


def test_a_unit_member_sees_only_their_units_tasks(client_for, tasks):
    def owners(persona: str) -> tuple[int, set[str]]:
        data = client_for(persona).get("/api/tasks").json()
        return data["count"], {t["owner_org"] for t in data["results"]}

    assert owners("dangwai") == (8, {"党外干部和民主党派科"})
    assert owners("zongjiao") == (2, {"宗教业务科"})
    # 市侨联 cooperates on C and sees C, but none of its tasks is the 侨联's.
    assert owners("qiaolian") == (0, set())
    assert owners("stranger") == (0, set())
    assert owners("viewer") == (10, {"党外干部和民主党派科", "宗教业务科"})
    assert owners("zhang") == (10, {"党外干部和民主党派科", "宗教业务科"})


def test_a_stranger_gets_404_for_a_task_of_another_unit(client_for, tasks):
    url = f"/api/tasks/{task_of(tasks['a'], 'results').pk}"
    for persona in ("stranger", "zongjiao", "qiaolian"):
        r = client_for(persona).get(url)
        assert (r.status_code, r.json()) == (404, {"detail": "未找到，或您无权查看。"}), persona
    assert client_for("dangwai").get(url).json()["title"] == "报送开展情况和成效：双月读书会活动"
    r = client_for("admin").get("/api/tasks/999999")
    assert (r.status_code, r.json()) == (404, {"detail": "未找到，或您无权查看。"})


@pytest.mark.parametrize("path", ["/api/tasks", "/api/tasks/1"])
def test_anonymous_gets_401_json(path, tasks):
    r = Client().get(path)
    assert (r.status_code, r["Content-Type"], r.json()) == (401, "application/json", {"detail": "请先登录。"})


def test_tasks_filter_by_light_state_unit_activity_and_plan(client_for, tasks, units):
    a, c = tasks["a"], tasks["c"]
    Task.objects.filter(pk=task_of(a, "session", 4).pk).update(due=dt.date(2019, 8, 20))
    Task.objects.filter(pk=task_of(c, "impl_plan").pk).update(state="done")
    admin = client_for("admin")

    def get(**params) -> list[str]:
        return titles(admin.get("/api/tasks", params))

    assert get(light="yellow") == ["举办并报送：第4期主题"]
    assert get(light="done") == get(state="done") == ["报送细化实施方案：宗教界教风整治活动"]
    assert get(light="red") == [
        "报送细化实施方案：双月读书会活动",
        "举办并报送：第1期主题",
        "举办并报送：第2期主题",
        "举办并报送：第3期主题",
    ]
    assert get(light="green", unit=units["zongjiao"].pk) == ["报送开展情况和成效：宗教界教风整治活动"]
    assert get(state="open", activity=c.pk) == ["报送开展情况和成效：宗教界教风整治活动"]
    # A unit includes its sub-units.
    assert admin.get("/api/tasks", {"unit": units["dept"].pk}).json()["count"] == 10
    assert admin.get("/api/tasks", {"unit": units["qiaolian"].pk}).json()["count"] == 0
    assert admin.get("/api/tasks", {"plan": tasks["plan"].pk, "light": "red"}).json()["count"] == 4
    # Filters never widen what a unit sees.
    assert titles(client_for("zongjiao").get("/api/tasks", {"activity": a.pk})) == []


def test_bad_task_parameters_are_a_400_in_chinese(client_for, tasks):
    c = client_for("admin")
    for params, detail in (
        ({"light": "purple"}, "参数 light 必须是以下之一：red、yellow、green、done。"),
        ({"light": "RED"}, "参数 light 必须是以下之一：red、yellow、green、done。"),
        ({"state": "finished"}, "参数 state 必须是以下之一：open、submitted、returned、done、cancelled。"),
        ({"plan": "abc"}, "参数 plan 必须是正整数。"),
        ({"activity": "0"}, "参数 activity 必须是正整数。"),
        ({"unit": "-1"}, "参数 unit 必须是正整数。"),
    ):
        r = c.get("/api/tasks", params)
        assert (r.status_code, r.json()) == (400, {"detail": detail}), params


def test_tasks_are_paginated(client_for, tasks):
    first = client_for("dangwai").get("/api/tasks", {"page_size": 5, "light": "red"}).json()
    assert (first["count"], first["previous"]) == (4, None)
    assert first["next"] is None
    second = client_for("dangwai").get("/api/tasks", {"page_size": 3}).json()
    assert second["next"] == "http://testserver/api/tasks?page_size=3&page=2"
    assert len(second["results"]) == 3


def test_the_docs_page_lists_the_task_endpoints(client):
    html = client.get("/api/docs/").content.decode()
    assert "GET /api/tasks" in html and "督办任务列表" in html and "GET /api/tasks/{id}" in html


@pytest.mark.parametrize("persona", ["admin", "dangwai"])
@pytest.mark.parametrize("url", ["/api/tasks", "/api/activities", "plan"])
def test_queries_do_not_grow_with_tasks(
    url, persona, client_for, tasks, units, leaders, people, django_assert_max_num_queries
):
    url = f"/api/plans/{tasks['plan'].pk}" if url == "plan" else url
    c = client_for(persona)
    with django_assert_max_num_queries(15) as small:
        c.get(url)
    # 40 more activities for 党外科, each with a session: 120 more tasks, each with a person in charge.
    add_activities(tasks, units, leaders)
    tasks_generate_for_plan(actor=people["admin"], plan=tasks["plan"])
    Task.objects.update(owner_user=people["dangwai"])
    with django_assert_max_num_queries(len(small.captured_queries)):
        r = c.get(url, {"page_size": 500})
    data = r.json()
    assert len(data.get("results", data.get("activities"))) > 40
