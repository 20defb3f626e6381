"""A unit's page: its activities by role with lights, tasks by light, latest reports, pending approvals.

Personas from tests/conftest.py: the department, leaders and viewers see every unit's page;
dangwai sees its own unit's page and nobody else's (404).
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from tongxin.supervision.models import Task
from tongxin.supervision.services import approval_request, report_submit

pytestmark = pytest.mark.django_db


def section(html: str, testid: str) -> str:
    return html.split(f'data-testid="{testid}"')[1].split("</section>")[0]


def test_unit_page_shows_activities_by_role_tasks_by_light_reports_and_approvals(client_for, tasks, units, people):
    report_submit(actor=people["dangwai"], activity=tasks["a"], org=units["dangwai"], summary="第一期读书会已举办")
    approval_request(
        actor=people["dangwai"], activity=tasks["a"], org=units["dangwai"], kind="filing", title="读书会报备"
    )
    r = client_for("admin").get(reverse("supervision:unit", args=[units["dangwai"].pk]))
    html = r.content.decode()
    assert 'data-testid="unit-name">党外干部和民主党派科<' in html
    assert r.context["counts"] == {"red": 4, "yellow": 0, "green": 4, "done": 0}
    assert '<b data-testid="count-red">4</b>' in html and '<b data-testid="count-green">4</b>' in html
    assert [a.title for a in r.context["responsible"]] == ["双月读书会活动"]
    assert [a.title for a in r.context["cooperating"]] == ["民主党派骨干培训班"]
    assert 'data-light="red"' in section(html, "responsible") and 'data-light="green"' in section(html, "cooperating")
    late = section(html, "late-tasks")
    assert late.count('data-testid="task-row"') == 4 and "举办并报送：第3期主题" in late
    assert "第一期读书会已举办" in section(html, "unit-reports")
    assert "读书会报备" in section(html, "unit-approvals")


def test_a_yellow_task_is_listed_with_the_late_ones(client_for, tasks, units):
    t = Task.objects.get(activity=tasks["a"], kind="session", session__order=3)
    Task.objects.filter(pk=t.pk).update(due=dt.date(2019, 8, 20))
    r = client_for("dangwai").get(reverse("supervision:unit", args=[units["dangwai"].pk]))
    assert r.context["counts"] == {"red": 4, "yellow": 1, "green": 3, "done": 0}
    assert [x.title for x in r.context["late_or_near"]][-1] == "举办并报送：第4期主题"


def test_who_sees_a_units_page(client_for, tasks, units):
    dangwai_page = reverse("supervision:unit", args=[units["dangwai"].pk])
    for name in ("admin", "zhang", "viewer", "dangwai"):
        assert client_for(name).get(dangwai_page).status_code == 200, name
    for name in ("zongjiao", "qiaolian", "stranger"):
        assert client_for(name).get(dangwai_page).status_code == 404, name
    # A section member does not see the department's page above it; nobody sees a unit that does not exist.
    assert client_for("dangwai").get(reverse("supervision:unit", args=[units["dept"].pk])).status_code == 404
    assert client_for("admin").get(reverse("supervision:unit", args=[999999])).status_code == 404
    r = client_for("zongjiao").get(reverse("supervision:unit", args=[units["zongjiao"].pk]))
    assert [a.title for a in r.context["responsible"]] == ["宗教界教风整治活动"]
    assert "宗教界教风整治活动" in section(r.content.decode(), "responsible")


def test_department_page_includes_its_sections(client_for, tasks, units):
    r = client_for("admin").get(reverse("supervision:unit", args=[units["dept"].pk]))
    assert r.context["counts"] == {"red": 5, "yellow": 0, "green": 5, "done": 0}
    assert [a.title for a in r.context["responsible"]] == ["双月读书会活动", "宗教界教风整治活动"]


def test_unit_page_query_count_does_not_grow(client_for, tasks, units, people, django_assert_max_num_queries):
    c = client_for("dangwai")
    url = reverse("supervision:unit", args=[units["dangwai"].pk])
    with django_assert_max_num_queries(40) as small:
        c.get(url)
    for i in range(40):
        Task.objects.create(
            activity=tasks["a"],
            title=f"追加任务{i}",
            owner_org=units["dangwai"],
            due=dt.date(2019, 8, 1),
            original_due=dt.date(2019, 8, 1),
        )
        report_submit(actor=people["dangwai"], activity=tasks["a"], org=units["dangwai"], summary=f"追加报告{i}")
    with django_assert_max_num_queries(len(small.captured_queries)) as large:
        r = c.get(url)
    assert r.context["counts"]["red"] == 44 and len(r.context["reports"]) == 10
    assert len(large.captured_queries) == len(small.captured_queries)
