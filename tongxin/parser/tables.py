"""Division-of-labour tables flattened to text: rows with | or tab separators, or one cell per line."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from . import timebridge
from .clean import Cleaned
from .items import Context, components, whole_period
from .markers import HEAD_MARKER
from .model import Activity, RoleRef, Span, Valued
from .roles import entry_refs, scan_roles
from .units import split_units

_TASK = re.compile(r"(?:工作|重点|具体|主要|年度)?(?:任务|措施|内容|事项|工作)(?:内容|名称)?|活动(?:名称|内容|项目)|项目(?:名称)?|工作要点")
_LEAD = re.compile(r"牵头领导|责任领导|分管领导|责任人|牵头人|联系领导")
_RESPONSIBLE = re.compile(r"(?:牵头|责任|主责)(?:考核|落实|实施|推进)?(?:单位|部门|科室|处室)|主办单位|承办单位|实施单位")
_COOPERATING = re.compile(r"(?:配合|参与|参加|协助|协同)(?:落实|实施|推进)?(?:单位|部门|科室|处室)|协办单位")
_TIME = re.compile(r"(?:完成|办结)?(?:时限|时间)(?:要求|节点|安排)?|进度安排|时间节点")
_NUMBER = re.compile(r"序号|编号")
_DEADLINE_HEADER = re.compile(r"时限|完成时间|截止|办结")
_PLACE = re.compile(r"(?:活动|会议|培训)?地点")
_PEOPLE = re.compile(r"参加(?:人员|对象|范围)|参与(?:人员|对象)|活动对象|参会人员")
_SEPARATOR = re.compile(r"[ ]*(?:\||\t)[ ]*")
_NUMERAL = re.compile(r"\d{1,4}|[一二三四五六七八九十百零〇两]{1,4}")
_ROW_NUMBER = re.compile(r"^\d{1,3}$|^[一二三四五六七八九十]{1,3}$")


@dataclass
class Table:
    columns: list[str]
    deadline_column: bool = False  # 完成时限 / 截止时间: its dates are deadlines
    rows: list[list[tuple[int, int]]] = field(default_factory=list)
    spans: list[tuple[int, int]] = field(default_factory=list)


def _column_kind(cell: str) -> str | None:
    cell = cell.strip()
    if len(cell) > 8:  # header cells are short words
        return None
    for kind, pattern in (("number", _NUMBER), ("lead", _LEAD), ("responsible", _RESPONSIBLE),
                          ("cooperating", _COOPERATING), ("time", _TIME), ("task", _TASK), ("place", _PLACE),
                          ("people", _PEOPLE)):
        if pattern.fullmatch(cell):
            return kind
    return None


def _is_header(kinds: list[str | None]) -> bool:
    return "task" in kinds and any(k in kinds for k in ("lead", "responsible", "cooperating", "time"))


def find_tables(doc: Cleaned) -> list[Table]:
    """Tables whose header names a task column and a role or time column."""
    tables: list[Table] = []
    paras = doc.paragraphs
    i = 0
    while i < len(paras):
        table, i_next = _separated(doc, i) or _cell_per_line(doc, i) or (None, i + 1)
        if table and table.rows:
            tables.append(table)
        i = max(i_next, i + 1)
    return tables


def _cells(work: str, s: int, e: int) -> list[tuple[int, int]]:
    out, pos = [], s
    for m in _SEPARATOR.finditer(work, s, e):
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, e))
    return out


def _separated(doc: Cleaned, i: int) -> tuple[Table, int] | None:
    s, e = doc.paragraphs[i]
    if not _SEPARATOR.search(doc.work, s, e):
        return None
    header = _cells(doc.work, s, e)
    kinds = [_column_kind(doc.work[a:b]) for a, b in header]
    if not _is_header(kinds):
        return None
    table = Table([k or "" for k in kinds], spans=[(s, e)],
                  deadline_column=any(_DEADLINE_HEADER.search(doc.work, a, b) for a, b in header))
    j = i + 1
    while j < len(doc.paragraphs):
        ps, pe = doc.paragraphs[j]
        cells = _cells(doc.work, ps, pe)
        if len(cells) < 2 and not _group_row(doc, j, len(kinds)):
            break
        table.spans.append((ps, pe))
        if len(cells) == len(kinds):
            table.rows.append(cells)
        j += 1
    return table, j


def _group_row(doc: Cleaned, j: int, width: int) -> bool:
    """一、优化营商环境 written across a table as one merged cell: the table goes on below it."""
    ps, pe = doc.paragraphs[j]
    if pe - ps > 40 or j + 1 >= len(doc.paragraphs):
        return False
    return len(_cells(doc.work, *doc.paragraphs[j + 1])) == width


def _bare(work: str, span: tuple[int, int]) -> tuple[int, int]:
    """A cell written on its own line may keep the separator that followed it ('序号 |')."""
    s, e = span
    while e > s and work[e - 1] in " |\t":
        e -= 1
    return s, e


def _cell_per_line(doc: Cleaned, i: int) -> tuple[Table, int] | None:
    kinds: list[str | None] = []
    j = i
    while j < len(doc.paragraphs):
        s, e = _bare(doc.work, doc.paragraphs[j])
        kind = _column_kind(doc.work[s:e])
        if kind is None or (kind in ("number", "task") and kind in kinds):
            break
        kinds.append(kind)
        j += 1
    if len(kinds) < 2 or not _is_header(kinds):
        return None
    width = len(kinds)
    table = Table([k or "" for k in kinds], spans=list(doc.paragraphs[i:j]),
                  deadline_column=any(_DEADLINE_HEADER.search(doc.work, a, b) for a, b in doc.paragraphs[i:j]))
    numbered = kinds[0] == "number"
    while j + width <= len(doc.paragraphs):
        row = [_bare(doc.work, p) for p in doc.paragraphs[j:j + width]]
        first = doc.work[row[0][0]:row[0][1]].strip()
        if numbered and not _ROW_NUMBER.match(first):
            break
        if not numbered and any(HEAD_MARKER.match(doc.work, a, b) or b - a > 120 for a, b in row):
            break  # without a 序号 column, a heading or a long paragraph ends the table
        table.rows.append(row)
        table.spans.extend(doc.paragraphs[j:j + width])
        j += width
    return table, j


def table_activities(ctx: Context, tables: list[Table]) -> list[Activity]:
    out = []
    for table in tables:
        for row in table.rows:
            activity = _row_activity(ctx, table.columns, row, table.deadline_column)
            if activity is not None:
                out.append(activity)
    return out


def _row_activity(ctx: Context, columns: list[str], row: list[tuple[int, int]], deadlines: bool) -> Activity | None:
    text, work = ctx.doc.text, ctx.doc.work
    cells: dict[str, tuple[int, int]] = {}
    for column, cell in zip(columns, row, strict=False):
        cells.setdefault(column, cell)
    if "task" not in cells:
        return None
    ts, te = cells["task"]
    stop = work.find("。", ts, te)
    title_end = stop if stop > ts else te
    title = Valued(text[ts:title_end], Span(ts, title_end))
    if not title.value.strip():
        return None
    refs = [ref for column, cell in zip(columns, row, strict=False) if column in ("lead", "responsible", "cooperating")
            for ref in _cell_refs(ctx, *cell, column)]
    span = Span(row[0][0], row[-1][1])
    windows = []
    timed = [cells["time"]] if "time" in cells else row  # a time column says when; 端午 in a task name does not
    for a, b in timed:
        windows.extend(timebridge.windows(text, a, b, ctx.year_at(a), ctx.errors))
    if deadlines and "time" in cells:
        windows = [replace(w, start=None, deadline=True) if w.start and not whole_period(w) else w for w in windows]
    number = _numeral(work[cells["number"][0]:cells["number"][1]]) if "number" in cells else None
    activity = Activity(number=number or None, title=title, span=span, windows=windows,
                        lead_leaders=_unique([r for r in refs if r.role == "lead"]),
                        responsible=_unique([r for r in refs if r.role == "responsible"]),
                        cooperating=_unique([r for r in refs if r.role == "cooperating"]))
    activity.places = _cell_values(ctx, cells.get("place"))
    activity.participants = _cell_values(ctx, cells.get("people"))
    activity.components = components(work, title, [(ts, te)])
    return activity


def _numeral(cell: str) -> str:
    """第3条 / 3. / （三） → 3 / 3 / 三: the numeral alone (SCHEMA.md)."""
    m = _NUMERAL.search(cell)
    return m.group() if m else cell.strip()


def _cell_values(ctx: Context, cell: tuple[int, int] | None) -> list[Valued]:
    if cell is None:
        return []
    return [Valued(ctx.doc.text[a:b], Span(a, b)) for a, b in split_units(ctx.doc.work, *cell)]


def _cell_refs(ctx: Context, s: int, e: int, column: str) -> list[RoleRef]:
    """A role cell: verb forms inside it (A牵头，B配合) win; otherwise every entry takes the column's role."""
    scan = scan_roles(ctx.doc.text, ctx.doc.work, s, e, None)
    if scan.any():
        return [*scan.lead, *scan.responsible, *scan.cooperating]
    role = "lead" if column == "lead" else column
    return [ref for a, b in split_units(ctx.doc.work, s, e) for ref in entry_refs(ctx.doc.text, ctx.doc.work, a, b, role)]


def _unique(refs: list[RoleRef]) -> list[RoleRef]:
    seen: set[str] = set()
    out = []
    for ref in refs:
        if ref.name not in seen:
            seen.add(ref.name)
            out.append(ref)
    return out
