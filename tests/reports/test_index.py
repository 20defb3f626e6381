"""The reports index: which plans each persona may export, with the links they may follow (personas: tests/conftest.py)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.factories import ActivityFactory, PlanFactory, assign

pytestmark = pytest.mark.django_db
INDEX = reverse("reports:index")


def links(response) -> list[tuple[str, list[str]]]:
    """(plan title, [link texts]) for each row."""
    import re

    html = response.content.decode()
    body = html.split('data-testid="report-plans"', 1)[1].split("</table>", 1)[0]
    out = []
    for row in re.findall(r"<tr data-plan=[^>]*>(.*?)</tr>", body, re.S):
        cells = re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
        title = re.sub(r"<[^>]+>", "", cells[1]).strip()
        out.append((title, re.findall(r"<a [^>]*>(.*?)</a>", row)))
    return out


@pytest.fixture
def plans(programme, units):
    other = PlanFactory(title="另一个方案", year=2018)
    assign(ActivityFactory(plan=other, title="别的活动"), "responsible", units["zongjiao"])
    PlanFactory(title="草稿方案", year=2020, status="draft")
    return programme


def test_admin_sees_every_plan_with_ledger_and_bulletin(plans, client_for):
    r = client_for("admin").get(INDEX)
    assert links(r) == [
        ("草稿方案 草稿", ["下载台账", "生成简报", "Word", "PDF"]),
        ("测试庆祝活动方案", ["下载台账", "生成简报", "Word", "PDF"]),
        ("另一个方案", ["下载台账", "生成简报", "Word", "PDF"]),
    ]
    assert f'href="{reverse("reports:ledger", args=[plans["plan"].pk])}"' in r.content.decode()


@pytest.mark.parametrize("persona", ["zhang", "viewer"])
def test_leaders_and_viewers_see_published_plans_with_both_outputs(plans, client_for, persona):
    assert links(client_for(persona).get(INDEX)) == [
        ("测试庆祝活动方案", ["下载台账", "生成简报", "Word", "PDF"]),
        ("另一个方案", ["下载台账", "生成简报", "Word", "PDF"]),
    ]


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("dangwai", [("测试庆祝活动方案", ["下载台账"])]),
        ("zongjiao", [("测试庆祝活动方案", ["下载台账"]), ("另一个方案", ["下载台账"])]),
        ("stranger", []),
    ],
)
def test_units_see_only_plans_they_have_a_part_in_and_no_bulletin(plans, client_for, persona, expected):
    r = client_for(persona).get(INDEX)
    assert links(r) == expected
    assert "生成简报" not in r.content.decode()
    if not expected:
        assert "没有可导出的方案。" in r.content.decode()


def test_index_query_count_does_not_grow_with_plans(plans, units, client_for, django_assert_max_num_queries):
    c = client_for("zongjiao")
    with django_assert_max_num_queries(20) as small:
        c.get(INDEX)
    for i in range(40):
        plan = PlanFactory(title=f"方案{i}")
        assign(ActivityFactory(plan=plan), "responsible", units["zongjiao"])
    with django_assert_max_num_queries(len(small)):
        assert len(links(c.get(INDEX))) == 42
