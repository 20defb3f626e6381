"""The ledger (台账): one row per task and per report, exact; who gets which rows; no cell ever a formula; printable.

Personas are in tests/conftest.py, the mid-year `world` in tests/reports/conftest.py; "today" is 2019-08-15.
"""

from __future__ import annotations

import datetime as dt
import io
from urllib.parse import unquote

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from tests.factories import PlanFactory
from tests.reports.conftest import HYPERLINK, a_task
from tongxin.activities.models import Activity
from tongxin.demo.running import replay_at
from tongxin.reports.exporters import LedgerExporter
from tongxin.supervision.services import report_submit, task_create, task_urge

pytestmark = pytest.mark.django_db
T = dt.datetime

TASK_HEADER = [
    "序号", "活动序号", "活动", "事项", "类别", "责任单位", "责任人", "牵头领导",
    "原定截止", "截止日期", "状态", "灯", "完成时间", "催办次数", "最近催办",
]  # fmt: skip
REPORT_HEADER = [
    "活动", "场次", "报送单位", "开展日期", "地点", "参加人数", "开展情况", "媒体链接", "附件数", "状态", "审核意见", "报送时间",
]  # fmt: skip
A, C = "双月读书会活动", "宗教界教风整治活动"
DW, ZJ = "党外干部和民主党派科", "宗教业务科"


def ledger_url(plan) -> str:
    return reverse("reports:ledger", args=[plan.pk])


def workbook(response):
    assert response.streaming, "the ledger is streamed from a file, never built in memory"
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return load_workbook(io.BytesIO(b"".join(response.streaming_content)))


def filename(response) -> str:
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment; filename*=utf-8''")
    return unquote(disposition.split("''", 1)[1])


def rows(ws) -> list[list]:
    return [list(r) for r in ws.iter_rows(min_row=3, values_only=True)]


def task_rows(wb) -> list[tuple]:
    """(活动序号, 事项, 责任单位, 截止日期, 状态, 灯, 催办次数) of every task row."""
    return [(r[1], r[3], r[5], r[9].date(), r[10], r[11], r[13]) for r in rows(wb["任务台账"])]


def test_admin_gets_every_task_with_state_light_and_urges_then_every_report(world, client_for):
    r = client_for("admin").get(ledger_url(world["plan"]))
    assert filename(r) == "测试庆祝活动方案-台账.xlsx"
    wb = workbook(r)
    assert wb.sheetnames == ["任务台账", "开展情况"]
    tasks, reports = wb["任务台账"], wb["开展情况"]
    assert tasks["A1"].value == "测试庆祝活动方案 · 任务台账 · 截至 2019-08-15"
    assert [c.value for c in tasks[2]] == TASK_HEADER
    assert rows(tasks)[:3] == [
        [1, "一", A, "报送细化实施方案：双月读书会活动", "细化实施方案", DW, None, "张圣合",
         T(2019, 1, 1), T(2019, 1, 1), "已完成", "完成", T(2019, 1, 2, 16, 0), 0, None],
        [2, "一", A, "举办并报送：第1期主题", "场次举办", DW, None, "张圣合",
         T(2019, 2, 28), T(2019, 2, 28), "已完成", "完成", T(2019, 2, 21, 10, 0), 0, None],
        [3, "一", A, "举办并报送：第2期主题", "场次举办", DW, None, "张圣合",
         T(2019, 4, 28), T(2019, 4, 28), "退回修改", "逾期", None, 2, T(2019, 8, 10, 9, 0)],
    ]  # fmt: skip
    assert task_rows(wb)[3:] == [
        ("一", "举办并报送：第3期主题", DW, dt.date(2019, 6, 28), "待办", "逾期", 0),
        ("一", "举办并报送：第4期主题", DW, dt.date(2019, 8, 28), "待办", "正常", 0),
        ("一", "举办并报送：第5期主题", DW, dt.date(2019, 10, 28), "待办", "正常", 0),
        ("一", "举办并报送：第6期主题", DW, dt.date(2019, 12, 28), "待办", "正常", 0),
        ("一", "报送开展情况和成效：双月读书会活动", DW, dt.date(2020, 1, 7), "待办", "正常", 0),
        ("三", "报送细化实施方案：宗教界教风整治活动", ZJ, dt.date(2019, 1, 18), "已报送待审核", "逾期", 0),
        ("三", HYPERLINK, ZJ, dt.date(2019, 9, 1), "待办", "正常", 0),
        ("三", "报送开展情况和成效：宗教界教风整治活动", ZJ, dt.date(2019, 12, 7), "待办", "正常", 0),
    ]
    assert reports["A1"].value == "测试庆祝活动方案 · 开展情况 · 截至 2019-08-15"
    assert [c.value for c in reports[2]] == REPORT_HEADER
    assert rows(reports) == [
        [A, None, DW, None, None, None, "读书会实施方案", None, 0, "已采用", None, T(2019, 1, 2, 16, 0)],
        [A, "第1期主题", DW, T(2019, 2, 20), "统战部会议室", 45, "第一期读书会已举办",
         "https://example.org/news/1\nhttps://example.org/news/2", 1, "已采用", "很好", T(2019, 2, 21, 10, 0)],
        [A, "第2期主题", DW, T(2019, 4, 25), None, 40, "第二期读书会", None, 0, "已退回", "请补充现场照片",
         T(2019, 4, 26, 10, 0)],
        [C, None, ZJ, None, None, None, "整治方案", None, 0, "待审核", None, T(2019, 1, 10, 15, 0)],
        [C, None, ZJ, None, "@A1", None, "-1+2", "https://example.org/+1", 0, "待审核", None, T(2019, 8, 12, 17, 0)],
    ]  # fmt: skip


@pytest.mark.parametrize("persona", ["zhang", "viewer"])
def test_leaders_and_viewers_get_the_whole_plan(world, client_for, persona):
    wb = workbook(client_for(persona).get(ledger_url(world["plan"])))
    assert (len(rows(wb["任务台账"])), len(rows(wb["开展情况"]))) == (11, 5)
    assert wb["任务台账"]["A1"].value == "测试庆祝活动方案 · 任务台账 · 截至 2019-08-15"


@pytest.mark.parametrize(
    ("persona", "unit", "task_count", "reports"),
    [
        ("dangwai", DW, 8, ["读书会实施方案", "第一期读书会已举办", "第二期读书会"]),
        ("zongjiao", ZJ, 3, ["整治方案", "-1+2"]),
        ("qiaolian", "市侨联", 0, []),  # cooperates on C: may download, owns no task and sent no report
    ],
)
def test_a_unit_gets_only_its_own_rows(world, client_for, persona, unit, task_count, reports):
    r = client_for(persona).get(ledger_url(world["plan"]))
    assert filename(r) == f"测试庆祝活动方案-台账-{unit}.xlsx"
    wb = workbook(r)
    assert wb["任务台账"]["A1"].value == f"测试庆祝活动方案 · 任务台账（{unit}） · 截至 2019-08-15"
    assert [row[2] for row in task_rows(wb)] == [unit] * task_count
    assert [row[6] for row in rows(wb["开展情况"])] == reports


def test_a_unit_with_no_part_in_the_plan_a_draft_and_a_missing_plan_are_404(world, client_for, client):
    assert client_for("stranger").get(ledger_url(world["plan"])).status_code == 404
    draft = PlanFactory(title="草稿方案", status="draft")
    assert client_for("viewer").get(ledger_url(draft)).status_code == 404
    assert client_for("admin").get(reverse("reports:ledger", args=[99999])).status_code == 404
    admin_copy = workbook(client_for("admin").get(ledger_url(draft)))
    assert rows(admin_copy["任务台账"]) == []


def test_anonymous_is_sent_to_sign_in(world, client):
    r = client.get(ledger_url(world["plan"]))
    assert r.status_code == 302 and r["Location"].startswith(reverse("accounts:login"))


def test_no_cell_ever_becomes_a_formula(world, people, units, client_for):
    """Titles and texts come from documents and people: =, +, -, @, tab and CR at the start stay text."""
    Activity.objects.filter(pk=world["c"].pk).update(title="\t=1+1", number="\r-3")  # as an import could write them
    nasty = ["+1+1", "-2", "@SUM(A1)", "#N/A", "=1\x07"]
    with replay_at(dt.date(2019, 8, 13), 9):
        for i, text in enumerate(nasty):
            task_create(actor=people["admin"], activity=world["c"], title=text, owner_org=units["zongjiao"],
                        due=dt.date(2019, 10, 1 + i))  # fmt: skip
            report_submit(actor=people["zongjiao"], activity=world["c"], org=units["zongjiao"], summary=text,
                          place=text)  # fmt: skip
    wb = workbook(client_for("admin").get(ledger_url(world["plan"])))
    c_rows = [row for row in wb["任务台账"].iter_rows(min_row=3) if row[1].value == "\r-3"]
    titles = [row[3] for row in c_rows]
    assert [c.value for c in titles] == [
        "报送细化实施方案：宗教界教风整治活动", HYPERLINK, "+1+1", "-2", "@SUM(A1)", "#N/A", "=1",  # \x07 dropped
        "报送开展情况和成效：宗教界教风整治活动",
    ]  # fmt: skip
    sent = list(wb["开展情况"].iter_rows(min_row=3))[-5:]
    texts = [row[4] for row in sent] + [row[6] for row in sent]
    assert [c.value for c in texts] == [*nasty[:4], "=1"] * 2
    cells = titles + texts + [row[1] for row in c_rows] + [row[2] for row in c_rows]
    assert {c.data_type for c in cells} == {"s"}
    assert {c.value for c in cells if c.column in (2, 3)} == {"\r-3", "\t=1+1"}
    assert all(c.quotePrefix for c in cells if c.value.startswith(("=", "+", "-", "@", "\t", "\r")))
    assert "<f>" not in _sheet_xml(client_for("admin").get(ledger_url(world["plan"])))


def _sheet_xml(response) -> str:
    import zipfile

    with zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content))) as z:
        return "".join(z.read(n).decode() for n in z.namelist() if n.startswith("xl/worksheets/"))


def test_ledger_prints_landscape_fit_to_width_with_the_header_repeated_and_frozen(world, client_for):
    wb = workbook(client_for("admin").get(ledger_url(world["plan"])))
    for ws, last in ((wb["任务台账"], "O"), (wb["开展情况"], "L")):
        assert ws.page_setup.orientation == "landscape"
        assert ws.page_setup.paperSize == 9  # A4
        assert (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == (1, 0)
        assert ws.sheet_properties.pageSetUpPr.fitToPage is True
        assert ws.print_title_rows == "$2:$2"
        assert ws.freeze_panes == "A3"
        assert [str(m) for m in ws.merged_cells.ranges] == [f"A1:{last}1"]
        assert ws.auto_filter.ref.startswith(f"A2:{last}")
    assert wb["任务台账"].column_dimensions["D"].width == 36
    assert wb["开展情况"].column_dimensions["G"].width == 60
    assert wb["开展情况"]["G4"].alignment.wrap_text is True


def test_rendering_without_a_request_gives_the_rows_the_view_streams(world, client_for):
    """The `tongxin export ledger` command renders the exporter directly: same rows as the admin's download."""
    rendered = load_workbook(io.BytesIO(LedgerExporter(plan=world["plan"]).render()))
    streamed = workbook(client_for("admin").get(ledger_url(world["plan"])))
    for sheet in ("任务台账", "开展情况"):
        assert rows(rendered[sheet]) == rows(streamed[sheet])


def test_query_count_does_not_grow_with_tasks_reports_and_urges(world, client_for, people, units):
    c = client_for("admin")
    url = ledger_url(world["plan"])
    with CaptureQueriesContext(connection) as small:
        workbook(c.get(url))
    for i in range(40):
        t = task_create(actor=people["admin"], activity=world["a"], title=f"交办{i}", owner_org=units["dangwai"],
                        due=dt.date(2019, 9, 1))  # fmt: skip
        task_urge(actor=people["admin"], task=t)
        report_submit(actor=people["dangwai"], activity=world["a"], org=units["dangwai"], summary=f"情况{i}",
                      task=a_task(world["a"], "session", 3))  # fmt: skip
    with CaptureQueriesContext(connection) as large:
        wb = workbook(c.get(url))
    assert (len(rows(wb["任务台账"])), len(rows(wb["开展情况"]))) == (51, 45)
    assert len(large) == len(small) <= 12
