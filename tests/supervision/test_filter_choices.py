"""The task and report lists offer only the units of the plan in view; a long list gets a type-to-find box.

On the old code both lists offered every unit that held a task or a report in any plan."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse

from tests.factories import ActivityFactory, PlanFactory
from tongxin.orgs.models import Organisation
from tongxin.supervision.models import ProgressReport, Task

pytestmark = pytest.mark.django_db


@pytest.fixture
def other_plan(tasks, people):
    """A 2018 plan whose 40 units each hold a task and a report."""
    plan = PlanFactory(title="旧方案", year=2018, status="published")
    activity = ActivityFactory(plan=plan, title="旧活动")
    orgs = Organisation.objects.bulk_create([Organisation(name=f"旧单位{i:02d}") for i in range(40)])
    day = dt.date(2018, 6, 1)
    Task.objects.bulk_create(
        [Task(activity=activity, title="旧事项", owner_org=o, due=day, original_due=day) for o in orgs]
    )
    ProgressReport.objects.bulk_create([ProgressReport(activity=activity, org=o, summary="旧报告") for o in orgs])
    return plan


def options(html: str) -> tuple[list[str], bool]:
    select = re.search(r'<select name="unit".*?</select>', html, re.S).group(0)
    return re.findall(r"<option[^>]*>([^<]*)</option>", select), "data-searchable" in select


@pytest.mark.parametrize("url_name", ["supervision:tasks", "supervision:reports"])
def test_a_chosen_plan_offers_only_its_own_units(client_for, tasks, other_plan, url_name):
    client = client_for("admin")
    names, searchable = options(client.get(reverse(url_name), {"plan": tasks["plan"].pk}).content.decode())
    assert not [n for n in names if n.startswith("旧单位")] and not searchable
    names, searchable = options(client.get(reverse(url_name), {"plan": other_plan.pk}).content.decode())
    assert [n for n in names if n.startswith("旧单位")] == [f"旧单位{i:02d}" for i in range(40)]
    assert searchable
