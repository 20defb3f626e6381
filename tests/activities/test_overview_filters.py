"""The overview's leader and unit filters list only the plan in view, and a long list gets a type-to-find box.

On the old code the unit filter listed every organisation named in any plan (3,400 options, 564 KB at `/`):
`test_units_of_another_plan_are_not_offered` found the other plan's 400 units in the select.
"""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from tests.factories import ActivityFactory, OrganisationFactory, PersonFactory, PlanFactory, assign
from tongxin.activities.models import Assignment
from tongxin.orgs.models import Organisation

pytestmark = pytest.mark.django_db
URL = reverse("activities:overview")


@pytest.fixture
def big_old_plan(programme):
    """A 2018 plan naming 400 units and a leader of its own (the 2019 plan stays the one shown by default)."""
    plan = PlanFactory(title="旧方案", year=2018)
    activity = ActivityFactory(plan=plan, title="旧活动")
    orgs = Organisation.objects.bulk_create([Organisation(name=f"旧单位{i:03d}") for i in range(400)])
    Assignment.objects.bulk_create(
        [Assignment(activity=activity, role="cooperating", organisation=o, order=i) for i, o in enumerate(orgs)]
    )
    assign(activity, "lead", PersonFactory(name="旧领导"))
    return plan


def options(html: str, name: str) -> list[str]:
    select = re.search(rf'<select name="{name}".*?</select>', html, re.S).group(0)
    return re.findall(r"<option[^>]*>([^<]*)</option>", select)


def test_units_of_another_plan_are_not_offered(client_for, big_old_plan, django_assert_max_num_queries):
    c = client_for("admin")
    with django_assert_max_num_queries(12):
        r = c.get(URL)
    html = r.content.decode()
    assert options(html, "unit") == ["全部单位", "市侨联", "党外干部和民主党派科", "宗教业务科"]
    assert options(html, "leader") == ["全部领导", "乌力吉", "张圣合"]
    assert "data-searchable" not in html
    assert len(r.content) < 40_000


def test_the_old_plan_in_view_offers_its_own_units_with_a_search_box(client_for, big_old_plan):
    html = client_for("admin").get(URL, {"plan": big_old_plan.pk}).content.decode()
    units = options(html, "unit")
    assert (len(units), units[:2], "党外干部和民主党派科" in units) == (401, ["全部单位", "旧单位000"], False)
    assert options(html, "leader") == ["全部领导", "旧领导"]
    assert '<select name="unit" data-searchable="输入名称查找"' in html


def test_a_unit_left_behind_by_a_plan_change_is_dropped_not_the_plan(client_for, big_old_plan, units):
    r = client_for("admin").get(URL, {"plan": big_old_plan.pk, "unit": units["dangwai"].pk})
    assert [a.title for a, _roles in r.context["rows"]] == ["旧活动"]
    assert r.context["plan"] == big_old_plan


def test_an_htmx_filter_change_also_swaps_the_heading_and_filters(client_for, big_old_plan):
    r = client_for("admin").get(URL, {"plan": big_old_plan.pk}, HTTP_HX_REQUEST="true")
    html = r.content.decode()
    assert '<div id="overview-head" hx-swap-oob="true">' in html and "<h1>旧方案</h1>" in html
    assert "旧单位399" in html and 'data-testid="activity-row"' in html and "<html" not in html


def test_an_own_activitys_unit_is_offered(client_for, programme):
    unit = OrganisationFactory(name="自选单位")
    ActivityFactory(plan=programme["plan"], title="自选", origin="own", owner_org=unit)
    assert "自选单位" in options(client_for("admin").get(URL).content.decode(), "unit")
