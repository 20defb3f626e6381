"""The responsibility matrix: who leads (牵头), owns (负责) and helps (配合) with what, as each persona may see it."""

from __future__ import annotations

import datetime as dt
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from tests.factories import ActivityFactory, PlanFactory, add_session, add_window, assign
from tongxin.activities.models import Assignment

pytestmark = pytest.mark.django_db


class _Tables(HTMLParser):
    """Text of every cell of every <table id=…>, row by row."""

    def __init__(self):
        super().__init__()
        self.tables: dict[str, list[list[str]]] = {}
        self._table = self._row = self._cell = None

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self._table = self.tables.setdefault(dict(attrs).get("id", ""), [])
        elif tag == "tr" and self._table is not None:
            self._row = []
            self._table.append(self._row)
        elif tag in ("td", "th") and self._row is not None:
            self._cell = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            self._row.append("".join(self._cell).strip())
            self._cell = None
        elif tag == "table":
            self._table = self._row = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def tables(response) -> dict[str, list[list[str]]]:
    parser = _Tables()
    parser.feed(response.content.decode())
    return parser.tables


def test_admin_sees_leaders_and_units_against_every_activity(client_for, programme):
    t = tables(client_for("admin").get(reverse("activities:matrix")))
    assert t["matrix-leaders"] == [
        ["领导", "项数", "一双月读书会活动", "二民主党派骨干培训班", "三宗教界教风整治活动"],
        ["张圣合", "2", "牵头", "牵头", ""],
        ["乌力吉", "1", "", "", "牵头"],
    ]
    assert t["matrix-units"] == [
        ["单位", "项数", "一双月读书会活动", "二民主党派骨干培训班", "三宗教界教风整治活动"],
        ["党外干部和民主党派科", "2", "负责", "配合", ""],
        # Equal counts: the stronger role first.
        ["宗教业务科", "1", "", "", "负责"],
        ["市侨联", "1", "", "", "配合"],
    ]


def test_cells_carry_the_role_colour(client_for, programme):
    html = client_for("admin").get(reverse("activities:matrix")).content.decode()
    assert html.count('<td class="cell-lead">牵头</td>') == 3
    assert html.count('<td class="cell-responsible">负责</td>') == 2
    assert html.count('<td class="cell-cooperating">配合</td>') == 2


def test_unit_member_sees_only_the_activities_their_unit_is_on(client_for, programme):
    t = tables(client_for("zongjiao").get(reverse("activities:matrix")))
    assert t["matrix-leaders"] == [["领导", "项数", "三宗教界教风整治活动"], ["乌力吉", "1", "牵头"]]
    assert t["matrix-units"] == [
        ["单位", "项数", "三宗教界教风整治活动"],
        ["宗教业务科", "1", "负责"],
        ["市侨联", "1", "配合"],
    ]


def test_stranger_sees_empty_tables_explained(client_for, programme):
    r = client_for("stranger").get(reverse("activities:matrix"))
    assert tables(r) == {}
    html = r.content.decode()
    assert "没有写明牵头领导的活动。" in html and "没有写明责任单位或配合单位的活动。" in html


def test_a_role_on_one_session_counts_for_the_activity_and_the_strongest_role_wins(
    client_for, programme, units, leaders
):
    c = programme["c"]
    session = add_session(c, "现场推进会", dt.date(2019, 5, 10), dt.date(2019, 5, 10))
    Assignment.objects.create(
        activity=c, session=session, role="responsible", organisation=units["qiaolian"], name_as_written="市侨联"
    )
    Assignment.objects.create(
        activity=programme["a"], session=programme["a"].sessions.first(), role="cooperating", person=leaders["wu"]
    )
    m = client_for("admin").get(reverse("activities:matrix")).context["matrix"]
    assert [(str(r.holder), r.cells) for r in m.units] == [
        ("党外干部和民主党派科", ["responsible", "cooperating", None]),
        ("宗教业务科", [None, None, "responsible"]),
        ("市侨联", [None, None, "responsible"]),
    ]
    assert [(str(r.holder), r.cells) for r in m.leaders] == [
        ("张圣合", ["lead", "lead", None]),
        ("乌力吉", ["cooperating", None, "lead"]),
    ]


def test_matrix_filters_by_plan(client_for, programme, units, leaders):
    other = PlanFactory(title="另一方案", year=2020)
    d = ActivityFactory(plan=other, number="一", title="次年活动")
    assign(d, "lead", leaders["wu"])
    assign(d, "responsible", units["qiaolian"])
    c = client_for("admin")
    # The newest plan is shown first; ?plan= picks another.
    t = tables(c.get(reverse("activities:matrix")))
    assert t["matrix-units"] == [["单位", "项数", "一次年活动"], ["市侨联", "1", "负责"]]
    t = tables(c.get(reverse("activities:matrix"), {"plan": programme["plan"].pk}))
    assert [row[0] for row in t["matrix-units"]] == ["单位", "党外干部和民主党派科", "宗教业务科", "市侨联"]


def test_matrix_query_count_does_not_grow_with_activities(
    client_for, programme, units, leaders, django_assert_max_num_queries
):
    c = client_for("dangwai")
    url = reverse("activities:matrix")
    with django_assert_max_num_queries(12) as small:
        c.get(url)
    for i in range(40):
        a = ActivityFactory(plan=programme["plan"], title=f"追加活动{i}")
        add_window(a, dt.date(2019, 3, 1), dt.date(2019, 3, 31), "3月")
        assign(a, "lead", leaders["wu"])
        assign(a, "responsible", units["dangwai"])
        assign(a, "cooperating", units["qiaolian"])
    with django_assert_max_num_queries(len(small.captured_queries)):
        r = c.get(url)
    assert len(r.context["matrix"].activities) == 42
    assert [(str(row.holder), row.count) for row in r.context["matrix"].units] == [
        ("党外干部和民主党派科", 42),
        ("市侨联", 40),
    ]
