"""A unit's own activity (自选动作) joins the plan the unit picks and gets its tasks like any other activity.

Personas (tests/conftest.py): zongjiao [unit member of 宗教业务科] adds its own activity; admin generates tasks.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from tests.factories import PlanFactory
from tongxin.activities.models import Activity
from tongxin.supervision.models import Task
from tongxin.supervision.services import tasks_generate_for_plan

pytestmark = pytest.mark.django_db


def _add(client, plan, org, **over):
    data = {
        "plan": plan.pk,
        "org": org.pk,
        "title": "宗教场所国旗升挂专项检查",
        "kinds": ["campaign"],
        "start": "2019-09-01",
        "end": "2019-09-20",
        "place": "各宗教活动场所",
    }
    return client.post(reverse("activities:add_own"), data | over)


def test_the_own_activity_goes_to_the_plan_picked_and_gets_the_tasks_generation_gives(client_for, tasks, units, people):
    other = PlanFactory(title="民族团结进步创建方案", year=2019)
    client = client_for("zongjiao")
    form = client.get(reverse("activities:add_own")).content.decode()
    assert "测试庆祝活动方案" in form and "民族团结进步创建方案" in form
    _add(client, tasks["plan"], units["zongjiao"])
    act = Activity.objects.get(origin="own")
    assert (act.plan, act.owner_org, act.starts_on, act.ends_on) == (
        tasks["plan"],
        units["zongjiao"],
        dt.date(2019, 9, 1),
        dt.date(2019, 9, 20),
    )
    got = sorted(Task.objects.filter(activity=act).values_list("kind", "due", "owner_org__name"))
    assert got == [
        ("impl_plan", dt.date(2019, 8, 18), "宗教业务科"),
        ("results", dt.date(2019, 9, 27), "宗教业务科"),
    ]
    # Generating again creates nothing twice; the unit sees the tasks as its own.
    assert tasks_generate_for_plan(actor=people["admin"], plan=tasks["plan"]) == 0
    mine = client.get(reverse("supervision:tasks")).content.decode()
    assert "报送细化实施方案：宗教场所国旗升挂专项检查" in mine
    assert other.activities.count() == 0


def test_in_a_plan_without_tasks_yet_generation_later_includes_the_own_activity(client_for, programme, units, people):
    _add(client_for("zongjiao"), programme["plan"], units["zongjiao"])
    act = Activity.objects.get(origin="own")
    assert not Task.objects.exists()
    tasks_generate_for_plan(actor=people["admin"], plan=programme["plan"])
    assert Task.objects.filter(activity=act).count() == 2


def test_the_unit_edits_its_own_activitys_place_and_sessions(client_for, programme, units):
    client = client_for("zongjiao")
    _add(client, programme["plan"], units["zongjiao"])
    act = Activity.objects.get(origin="own")
    client.post(reverse("activities:edit", args=[act.pk]), {"version": "1", "places": "市清真寺"})
    client.post(
        reverse("activities:session_add", args=[act.pk]),
        {"version": "2", "title": "第一轮检查", "when": "9月上旬", "place": "市清真寺"},
    )
    act.refresh_from_db()
    assert act.places == ["市清真寺"] and list(act.sessions.values_list("title", "start", "end")) == [
        ("第一轮检查", dt.date(2019, 9, 1), dt.date(2019, 9, 10))
    ]
