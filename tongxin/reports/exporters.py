"""The ledger (台账, .xlsx) and the work bulletin (工作简报, .docx) of a plan, as small exporter classes."""

from __future__ import annotations

import datetime as dt
from typing import BinaryIO

from docx.shared import Pt
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from tongxin.core import modules
from tongxin.core.clock import today as clock_today
from tongxin.core.exporting import SafeCells, StreamedExporter, safe_cell
from tongxin.core.text import clean_for_document
from tongxin.plans.models import Plan
from tongxin.reports import selectors
from tongxin.supervision import status
from tongxin.supervision.models import ProgressReport, Task

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
CHUNK = 2000


# ---------------------------------------------------------------------------------------------------------------
# Ledger


class LedgerCells(SafeCells):
    """Safe cells plus the ledger's coloured light cell."""

    def __init__(self, sheet):
        super().__init__(sheet)
        self.lights = {light: self._style(fill=fill) for light, fill in LIGHT_FILLS.items()}

    def light(self, light: str):
        return self._cell(str(status.LABELS[light]), "s", self.lights[light])


LIGHT_FILLS = {
    status.RED: PatternFill("solid", fgColor="F8D7DA"),
    status.YELLOW: PatternFill("solid", fgColor="FFF3CD"),
    status.GREEN: PatternFill("solid", fgColor="D1E7DD"),
    status.DONE: PatternFill("solid", fgColor="E2E3E5"),
}
HEADER_FILL = PatternFill("solid", fgColor="EEF1F4")

# (header, width in characters)
TASK_HEADERS = [
    ("序号", 6),
    ("活动序号", 8),
    ("活动", 30),
    ("事项", 36),
    ("类别", 12),
    ("责任单位", 20),
    ("责任人", 10),
    ("牵头领导", 14),
    ("原定截止", 11),
    ("截止日期", 11),
    ("状态", 12),
    ("灯", 6),
    ("完成时间", 17),
    ("催办次数", 8),
    ("最近催办", 17),
]
REPORT_HEADERS = [
    ("活动", 30),
    ("场次", 24),
    ("报送单位", 20),
    ("开展日期", 11),
    ("地点", 18),
    ("参加人数", 8),
    ("开展情况", 60),
    ("媒体链接", 30),
    ("附件数", 7),
    ("状态", 8),
    ("审核意见", 24),
    ("报送时间", 17),
]


def _prepare(ws, title: str, headers: list[tuple[str, int]]) -> None:
    """Layout (which a write-only sheet takes before its first row), a title row and a header row."""
    for i, (_name, width) in enumerate(headers, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.freeze_panes = "A3"
    ws.print_title_rows = "2:2"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.oddFooter.center.text = "第 &P 页，共 &N 页"
    cell = safe_cell(ws, title)
    cell.font = Font(bold=True, size=14)
    ws.append([cell])
    ws.merged_cells.add(f"A1:{get_column_letter(len(headers))}1")
    row = []
    for name, _width in headers:
        cell = safe_cell(ws, name, bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        row.append(cell)
    ws.append(row)


def _finish(ws, headers, rows: int) -> None:
    if rows:
        ws.auto_filter.ref = f"A2:{get_column_letter(len(headers))}{rows + 2}"


class LedgerExporter(StreamedExporter):
    """任务台账 and 开展情况, one row per task and per report, streamed from the database into a write-only workbook."""

    identifier = "ledger_xlsx"
    verbose_name = "督办台账（Excel）"
    extension = "xlsx"
    content_type = XLSX

    def __init__(self, *, plan: Plan, units: set[int] | None = None, unit_name: str = "", today: dt.date | None = None):
        self.plan = plan
        self.units = units
        self.unit_name = unit_name
        self.today = today or clock_today()

    def filename_stem(self) -> str:
        return f"{self.plan.title}-台账" + (f"-{self.unit_name}" if self.unit_name else "")

    def write(self, fh: BinaryIO) -> None:
        wb = Workbook(write_only=True)
        self._tasks(wb.create_sheet("任务台账"))
        self._reports(wb.create_sheet("开展情况"))
        for module in modules.all_modules():
            for sheet in module.ledger_sheets(self.plan, self.units) if module.ledger_sheets else ():
                self._module_sheet(wb.create_sheet(sheet.title[:31]), sheet)
        wb.save(fh)

    def _module_sheet(self, ws, sheet: modules.Sheet) -> None:
        """An activity module's own ledger sheet (see tongxin.core.modules), with the same safe cells."""
        _prepare(ws, self._heading(sheet.title), sheet.headers)
        cells = SafeCells(ws)
        n = 0
        for n, row in enumerate(sheet.rows, start=1):  # noqa: B007 - n is the row count after
            ws.append([cells.text(v) if isinstance(v, str) else v for v in row])
        _finish(ws, sheet.headers, n)

    def _heading(self, what: str) -> str:
        who = f"（{self.unit_name}）" if self.unit_name else ""
        return f"{self.plan.title} · {what}{who} · 截至 {self.today:%Y-%m-%d}"

    def _tasks(self, ws) -> None:
        _prepare(ws, self._heading("任务台账"), TASK_HEADERS)
        leaders = selectors.lead_leaders_by_activity(self.plan)
        kinds, states = _labels(Task.Kind), _labels(Task.State)
        cells = LedgerCells(ws)
        text, moment = cells.text, cells.datetime
        rows = selectors.ledger_task_rows(plan=self.plan, units=self.units, today=self.today)
        n = 0
        for n, r in enumerate(rows.iterator(chunk_size=CHUNK), start=1):  # noqa: B007 - n is the row count after
            ws.append(
                [
                    n,
                    text(r.activity__number),
                    text(r.activity__title, wrap=True),
                    text(r.title, wrap=True),
                    kinds.get(r.kind, r.kind),
                    text(r.owner_org__name),
                    text(r.owner_user__display_name or r.owner_user__username),
                    text(leaders.get(r.activity_id)),
                    r.original_due,
                    r.due,
                    states.get(r.state, r.state),
                    cells.light(r.light),
                    moment(r.done_at),
                    r.urge_count,
                    moment(r.last_urged_at),
                ]
            )
        _finish(ws, TASK_HEADERS, n)

    def _reports(self, ws) -> None:
        _prepare(ws, self._heading("开展情况"), REPORT_HEADERS)
        states = _labels(ProgressReport.State)
        cells = LedgerCells(ws)
        text, moment = cells.text, cells.datetime
        rows = selectors.ledger_report_rows(plan=self.plan, units=self.units)
        n = 0
        for n, r in enumerate(rows.iterator(chunk_size=CHUNK), start=1):  # noqa: B007 - n is the row count after
            ws.append(
                [
                    text(r.activity__title, wrap=True),
                    text(r.session__title),
                    text(r.org__name),
                    r.held_on,
                    text(r.place),
                    r.participants,
                    text(r.summary, wrap=True),
                    text(r.media_links, wrap="\n" in r.media_links),
                    r.evidence_count,
                    states.get(r.state, r.state),
                    text(r.review_comment),
                    moment(r.submitted_at),
                ]
            )
        _finish(ws, REPORT_HEADERS, n)


def _labels(choices) -> dict[str, str]:
    """Choice labels as plain strings, translated once per export rather than once per row."""
    return {value: str(label) for value, label in choices.choices}


# ---------------------------------------------------------------------------------------------------------------
# Work bulletin


def cn_date(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def cn_short(day: dt.date) -> str:
    return f"{day.month}月{day.day}日"


CN_NUMBERS = "一二三四五六七八九十"


def cn_ordinal(i: int) -> str:
    """（一）…（十）, then （11） onwards: more than ten activities in one issue is rare and digits stay readable."""
    return f"（{CN_NUMBERS[i - 1]}）" if i <= len(CN_NUMBERS) else f"（{i}）"


def report_line(report: dict) -> str:
    """“单位：开展情况（日期，地点，N人参加）”, leaving out what the report does not say."""
    details = []
    if report["held_on"]:
        details.append(cn_date(report["held_on"]))
    if report["place"]:
        details.append(report["place"])
    if report["participants"]:
        details.append(f"{report['participants']}人参加")
    summary = report["summary"].strip().rstrip("。")
    return f"{report['org__name']}：{summary}" + (f"（{'，'.join(details)}）" if details else "") + "。"


class BulletinExporter(StreamedExporter):
    """工作简报 for a period: masthead, 一、总体进展 二、工作动态 三、存在问题 四、下步安排, then 报送发."""

    identifier = "bulletin_docx"
    verbose_name = "工作简报（Word）"
    extension = "docx"
    content_type = DOCX

    def __init__(
        self,
        *,
        plan: Plan,
        start: dt.date,
        end: dt.date,
        issue: int,
        issuer: str = "",
        issued_on: dt.date | None = None,
        to_report: str = "",
        to_send: str = "",
        to_issue: str = "",
    ):
        self.plan = plan
        self.start, self.end = start, end
        self.issue = issue
        self.issuer = issuer or plan.issuer or "办公室"
        self.issued_on = issued_on or clock_today()
        self.recipients = [("报", to_report), ("送", to_send), ("发", to_issue)]

    def filename_stem(self) -> str:
        return f"工作简报第{self.issue}期（{self.start:%Y%m%d}-{self.end:%Y%m%d}）"

    @property
    def headline(self) -> str:
        import re

        name = re.sub(r"(实施|工作)?方案$", "", self.plan.title) or self.plan.title
        return f"{name}推进情况"

    def write(self, fh: BinaryIO) -> None:
        from docx import Document
        from docx.enum.text import WD_ALIGN_PARAGRAPH

        from tongxin.reports import docx_layout as lay

        facts = selectors.bulletin_facts(plan=self.plan, start=self.start, end=self.end)
        doc = Document()
        lay.setup_page(doc)
        doc.core_properties.title = f"工作简报 第{self.issue}期"
        doc.core_properties.author = clean_for_document(self.issuer)
        center = WD_ALIGN_PARAGRAPH.CENTER
        masthead = lay.paragraph(
            doc, "工作简报", font=lay.TITLE_FONT, size=lay.SIZE_MASTHEAD, bold=True, color=lay.RED, align=center
        )
        masthead.paragraph_format.space_before = Pt(24)
        lay.paragraph(doc, f"第 {self.issue} 期", align=center)
        lay.rule(lay.left_and_right(doc, self.issuer, cn_date(self.issued_on)), size_eighths=24)
        lay.paragraph(doc)
        lay.paragraph(doc, self.headline, font=lay.TITLE_FONT, size=lay.SIZE_TITLE, bold=True, align=center)
        lay.paragraph(doc, f"（{cn_date(self.start)}至{cn_date(self.end)}）", size=lay.SIZE_BODY, align=center)
        for heading, lines in self.sections(facts):
            lay.paragraph(doc, heading, font=lay.HEADING_FONT)
            for kind, text in lines:
                if kind == "sub":
                    lay.paragraph(doc, text, font=lay.SUBHEADING_FONT, bold=True, indent=True)
                else:
                    lay.paragraph(doc, text, indent=True)
        lay.paragraph(doc)
        lines = [(label, names) for label, names in self.recipients if names.strip()]
        for i, (label, names) in enumerate(lines):
            p = lay.paragraph(doc, f"{label}：{names.strip()}", size=lay.SIZE_NOTE)
            if i == 0:
                lay.rule(p, edge="top", color="000000", size_eighths=8)
            if i == len(lines) - 1:
                lay.rule(p, edge="bottom", color="000000", size_eighths=8)
        lay.page_numbers(doc)
        doc.save(fh)

    def sections(self, f: selectors.BulletinFacts) -> list[tuple[str, list[tuple[str, str]]]]:
        """The four sections as (heading, [(kind, text)]); kept apart from layout so the wording reads in one place."""
        rate = selectors.BulletinFacts.rate
        overall = [
            (
                "p",
                f"本期（{cn_short(f.start)}至{cn_short(f.end)}）应完成事项{f.due_in_period}项，已完成{f.done_in_period}项，"
                f"完成率{rate(f.done_in_period, f.due_in_period)}；其中按期完成{f.done_on_time}项，"
                f"按期完成率{rate(f.done_on_time, f.due_in_period)}。",
            ),
            (
                "p",
                f"本期采用开展情况报告{f.reports_accepted}份，涉及{f.report_activities}项活动、{f.report_units}个单位，"
                f"参加活动{f.participants}人次。",
            ),
            (
                "p",
                f"截至{cn_date(f.end)}，方案共有任务{f.total_tasks}项，已完成{f.done_by_end}项"
                f"（{rate(f.done_by_end, f.total_tasks)}），逾期未完成{len(f.overdue)}项。",
            ),
        ]
        news: list[tuple[str, str]] = []
        for i, item in enumerate(f.news, start=1):
            news.append(("sub", f"{cn_ordinal(i)}{item.title}"))
            news += [("p", report_line(r)) for r in item.reports]
        for module in modules.all_modules():
            if module.bulletin_lines:
                news += [("p", line) for line in module.bulletin_lines(self.plan, self.start, self.end)]
        if not news:
            news = [("p", "本期没有已采用的开展情况报告。")]
        if f.overdue:
            problems = [("p", f"截至{cn_date(f.end)}，有{len(f.overdue)}项任务逾期未完成：")]
            problems += [
                ("p", f"{i}. {t['owner_org__name']}：{t['title']}（截止{cn_short(t['due'])}）。")
                for i, t in enumerate(f.overdue, start=1)
            ]
        else:
            problems = [("p", f"截至{cn_date(f.end)}，没有逾期未完成的任务。")]
        after = f.end + dt.timedelta(days=1)
        if f.upcoming:
            plans = [("p", f"{cn_short(after)}起30日内，有{len(f.upcoming)}项任务到期：")]
            plans += [
                ("p", f"{i}. {cn_short(t['due'])}前，{t['owner_org__name']}：{t['title']}。")
                for i, t in enumerate(f.upcoming, start=1)
            ]
        else:
            plans = [("p", f"{cn_short(after)}起30日内没有到期的任务。")]
        return [("一、总体进展", overall), ("二、工作动态", news), ("三、存在问题", problems), ("四、下步安排", plans)]
