"""The activity table (.xlsx) and the plan's JSON: values, layout, formula safety, access, query counts."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from tests.api.helpers import add_activities
from tests.factories import ActivityFactory, PlanFactory, add_window, assign
from tongxin.core.exporting import safe_cell
from tongxin.exports.exporters import COLUMNS

pytestmark = pytest.mark.django_db

HEADER = [
    "序号",
    "活动名称",
    "类型",
    "时间",
    "开始",
    "结束",
    "拟定/前后",
    "场次数",
    "地点",
    "参加对象",
    "牵头领导",
    "责任单位",
    "配合单位",
    "状态",
    "来源",
]


def xlsx_url(plan) -> str:
    return reverse("exports:activities_xlsx", args=[plan.pk])


def sheet(response):
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return load_workbook(io.BytesIO(response.content)).active


def values(ws) -> list[list]:
    return [list(row) for row in ws.iter_rows(values_only=True)]


def test_activity_table_rows_for_the_programme(client_for, programme):
    r = client_for("admin").get(xlsx_url(programme["plan"]))
    assert "%E6%B4%BB%E5%8A%A8%E4%B8%80%E8%A7%88%E8%A1%A8.xlsx" in r["Content-Disposition"]  # 活动一览表.xlsx
    rows = values(sheet(r))
    assert rows[0] == ["测试庆祝活动方案"] + [None] * 14
    assert rows[1] == HEADER
    d = dt.datetime
    assert rows[2:] == [
        [
            "一",
            "双月读书会活动",
            "定期活动",
            "2019年1月—12月",
            d(2019, 1, 1),
            d(2019, 12, 31),
            None,
            6,
            None,
            None,
            "张圣合",
            "党外干部和民主党派科",
            None,
            "未开始",
            "规定动作",
        ],
        [
            "二",
            "民主党派骨干培训班",
            "培训",
            "2019年6月11日—6月20日",
            d(2019, 6, 11),
            d(2019, 6, 20),
            None,
            0,
            None,
            None,
            "张圣合",
            None,
            "党外干部和民主党派科",
            "未开始",
            "规定动作",
        ],
        [
            "三",
            "宗教界教风整治活动",
            "专项整治",
            "2019年2月—11月",
            d(2019, 2, 1),
            d(2019, 11, 30),
            None,
            0,
            None,
            None,
            "乌力吉",
            "宗教业务科",
            "市侨联",
            "未开始",
            "规定动作",
        ],
    ]


def test_own_activities_flags_places_and_several_windows(client_for, programme, units):
    b = programme["b"]
    add_window(b, dt.date(2019, 9, 10), dt.date(2019, 9, 10), "拟于9月10日", tentative=True)
    b.refresh_from_db()
    b.places, b.participants, b.state = ["市社会主义学院", "党校"], ["各民主党派骨干"], "underway"
    b.starts_on, b.ends_on = dt.date(2019, 6, 11), dt.date(2019, 9, 10)
    b.save()
    own = ActivityFactory(
        plan=programme["plan"],
        number="",
        order=9,
        title="本科室读书日",
        kinds=["meeting"],
        origin="own",
        owner_org=units["dangwai"],
        place_pending=True,
    )
    add_window(own, dt.date(2019, 10, 1), dt.date(2019, 10, 7), "国庆前后", approximate=True)
    rows = values(sheet(client_for("dangwai").get(xlsx_url(programme["plan"]))))
    assert [r[1] for r in rows[2:]] == ["双月读书会活动", "民主党派骨干培训班", "本科室读书日"]
    assert rows[3][3:10] == [
        "2019年6月11日—6月20日；2019年9月10日",
        dt.datetime(2019, 6, 11),
        dt.datetime(2019, 9, 10),
        "拟定",
        0,
        "市社会主义学院、党校",
        "各民主党派骨干",
    ]
    assert rows[3][13] == "进行中"
    assert rows[4][6:9] == ["前后", 0, "地点待定"]
    assert rows[4][14] == "自选动作"


def test_layout_is_ready_to_print(client_for, programme):
    ws = sheet(client_for("admin").get(xlsx_url(programme["plan"])))
    assert ws.freeze_panes == "A3"
    assert ws.print_title_rows == "$2:$2"
    assert (ws.page_setup.orientation, ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == ("landscape", 1, 0)
    assert ws.sheet_properties.pageSetUpPr.fitToPage is True
    assert [str(r) for r in ws.merged_cells.ranges] == ["A1:O1"]
    assert ws["A1"].font.b and all(cell.font.b for cell in ws[2])
    assert ws.column_dimensions["B"].width == 36
    assert ws.auto_filter.ref == "A2:O5"
    assert ws["E3"].number_format == "yyyy-mm-dd"


@pytest.mark.parametrize("text", ["=1+1", "@SUM(A1)", "+86 13900000000", "-1", "\t=cmd", "#N/A"])
def test_safe_cell_never_makes_a_formula(text):
    wb = Workbook(write_only=True)
    ws = wb.create_sheet()
    ws.append([safe_cell(ws, text), safe_cell(ws, 42)])
    buffer = io.BytesIO()
    wb.save(buffer)
    cell, number = next(load_workbook(buffer).active.iter_rows())
    assert (cell.value, cell.data_type) == (text, "s")
    assert cell.quotePrefix is text.startswith(("=", "+", "-", "@", "\t"))
    assert (number.value, number.data_type) == (42, "n")


def test_titles_that_look_like_formulas_stay_text_in_the_export(client_for, units, leaders):
    plan = PlanFactory(title="=1+1", year=2019)
    a = ActivityFactory(plan=plan, number="1", title="@SUM(A1)", participants=['=HYPERLINK("http://x")'])
    assign(a, "responsible", units["dangwai"])
    ws = sheet(client_for("admin").get(xlsx_url(plan)))
    title, activity, participants = ws["A1"], ws["B3"], ws["J3"]
    assert [(c.value, c.data_type) for c in (title, activity, participants)] == [
        ("=1+1", "s"),
        ("@SUM(A1)", "s"),
        ('=HYPERLINK("http://x")', "s"),
    ]
    assert title.quotePrefix and activity.quotePrefix and participants.quotePrefix


def test_a_unit_gets_only_its_rows_and_outsiders_get_404(client_for, programme):
    plan = programme["plan"]
    assert [r[1] for r in values(sheet(client_for("zongjiao").get(xlsx_url(plan))))[2:]] == ["宗教界教风整治活动"]
    assert values(sheet(client_for("stranger").get(xlsx_url(plan))))[2:] == []
    draft = PlanFactory(title="未发布方案", status="draft")
    assert client_for("viewer").get(xlsx_url(draft)).status_code == 404
    r = Client().get(xlsx_url(plan))
    assert r.status_code == 302 and r["Location"].startswith(reverse("accounts:login"))


def test_plan_json_export_is_the_api_answer(client_for, programme):
    c = client_for("dangwai")
    r = c.get(reverse("exports:plan_json", args=[programme["plan"].pk]))
    assert r["Content-Type"] == "application/json"
    assert json.loads(r.content) == c.get(f"/api/plans/{programme['plan'].pk}").json()


def test_columns_match_the_header():
    assert [name for name, _width, _wrap in COLUMNS] == HEADER


@pytest.mark.parametrize("persona", ["admin", "dangwai"])
def test_export_queries_do_not_grow_with_activities(
    persona, client_for, programme, units, leaders, django_assert_max_num_queries
):
    c = client_for(persona)
    urls = [xlsx_url(programme["plan"]), reverse("exports:plan_json", args=[programme["plan"].pk])]
    small = {}
    for url in urls:
        with django_assert_max_num_queries(15) as q:
            c.get(url)
        small[url] = len(q.captured_queries)
    add_activities(programme, units, leaders)
    for url in urls:
        with django_assert_max_num_queries(small[url]):
            r = c.get(url)
    assert len(json.loads(r.content)["activities"]) == {"admin": 43, "dangwai": 42}[persona]
