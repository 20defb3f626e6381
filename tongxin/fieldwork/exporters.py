"""联谊交友台账, 整改台账 and the household register: as the ledger's sheets (through the seam) and as downloads.
Personal data is masked unless the viewer is the responsible unit, and every download that carries it is recorded."""

from __future__ import annotations

import io
from collections.abc import Iterable
from urllib.parse import quote

from django.db.models import Count, Q, Sum
from django.http import HttpResponse
from django.utils.timezone import localtime
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from tongxin.core import clock
from tongxin.core.modules import Sheet
from tongxin.fieldwork import selectors
from tongxin.fieldwork.models import Difficulty, Household, Pairing, Problem, Venue, Visit
from tongxin.fieldwork.services import personal_data_exported
from tongxin.orgs.selectors import user_unit_ids

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

PAIRING_HEADERS = [
    ("序号", 6),
    ("党员领导干部", 12),
    ("党外人士", 12),
    ("党派/界别", 14),
    ("联络单位", 18),
    ("走访日期", 12),
    ("形式", 8),
    ("地点", 16),
    ("走访内容", 40),
    ("意见建议", 40),
    ("办理情况", 30),
]
PROBLEM_HEADERS = [
    ("序号", 6),
    ("场所名称", 20),
    ("宗教", 10),
    ("主管单位", 16),
    ("阶段", 10),
    ("检查日期", 12),
    ("问题描述", 40),
    ("问题类别", 12),
    ("严重程度", 8),
    ("整改措施", 30),
    ("整改时限", 12),
    ("整改情况", 30),
    ("状态", 12),
    ("销号时间", 16),
    ("退回次数", 8),
]
HOUSEHOLD_HEADERS = [
    ("序号", 6),
    ("户主", 10),
    ("身份证号", 22),
    ("联系电话", 14),
    ("乡镇（苏木）", 14),
    ("村（嘎查）", 12),
    ("类别", 14),
    ("致贫原因", 20),
    ("状态", 10),
    ("走访次数", 8),
    ("困难", 6),
    ("已解决", 6),
    ("帮扶资金（元）", 12),
]


def pairing_rows(pairings) -> Iterable[list]:
    """One row per visit (a pair not yet visited: one row with the visit columns empty)."""
    visits = {}
    for v in (
        Visit.objects.filter(pairing__in=pairings.values("pk"))
        .prefetch_related("opinions__task")
        .order_by("visited_on", "id")
    ):
        visits.setdefault(v.pairing_id, []).append(v)
    n = 0
    for p in pairings.select_related("leader", "figure", "unit").order_by("leader__name", "id"):
        head = [p.leader.name, p.figure.name, p.figure_affiliation, p.unit.name]
        for v in visits.get(p.pk) or [None]:
            n += 1
            if v is None:
                yield [n, *head, None, "", "", "", "", ""]
                continue
            ops = list(v.opinions.all())
            yield [
                n,
                *head,
                v.visited_on,
                v.get_form_display(),
                v.place,
                v.content,
                "\n".join(f"{o.get_kind_display()}：{o.text}" for o in ops),
                "\n".join(selectors.opinion_state(o) for o in ops),
            ]


def problem_rows(problems) -> Iterable[list]:
    rows = problems.select_related("venue__unit", "phase", "inspection").order_by(
        "venue__religion", "venue__name", "id"
    )
    religions = dict(Venue.Religion.choices)
    for n, p in enumerate(rows.iterator(chunk_size=2000), start=1):
        yield [
            n,
            p.venue.name,
            str(religions[p.venue.religion]),
            p.venue.unit.name,
            p.phase.name,
            p.inspection.inspected_on,
            p.description,
            p.category,
            p.get_severity_display(),
            p.measure,
            p.deadline,
            p.rectification,
            p.get_state_display(),
            localtime(p.signed_off_at).strftime("%Y-%m-%d %H:%M") if p.signed_off_at else "",
            p.returned_count,
        ]


def household_rows(households, *, full: bool) -> Iterable[list]:
    rows = households.annotate(
        n_visits=Count("visits", distinct=True),
        n_difficulties=Count("difficulties", distinct=True),
        n_resolved=Count("difficulties", filter=Q(difficulties__state=Difficulty.State.RESOLVED), distinct=True),
    ).order_by("town", "village", "id")
    money = dict(
        Difficulty.objects.filter(household__in=households.values("pk"))
        .values("household")
        .annotate(s=Sum("money"))
        .values_list("household", "s")
    )
    for n, h in enumerate(rows, start=1):
        yield [
            n,
            h.head_name,
            h.id_number if full else selectors.mask_id(h.id_number),
            h.phone if full else selectors.mask_phone(h.phone),
            h.town,
            h.village,
            h.get_category_display(),
            h.causes,
            h.get_status_display(),
            h.n_visits,
            h.n_difficulties,
            h.n_resolved,
            float(money.get(h.pk) or 0),
        ]


def ledger_sheets(plan, unit_ids: set[int] | None) -> list[Sheet]:
    """The module's sheets of the plan's ledger; personal data masked (the ledger goes to many readers)."""

    def scope(qs, unit_field):
        return qs.filter(**{f"{unit_field}__in": unit_ids}) if unit_ids is not None else qs

    pairings = scope(Pairing.objects.filter(activity__plan=plan), "unit_id")
    problems = scope(Problem.objects.filter(venue__campaign__activity__plan=plan), "venue__unit_id")
    households = scope(Household.objects.filter(activity__plan=plan), "unit_id")
    sheets = []
    if pairings.exists():
        sheets.append(Sheet("联谊交友台账", PAIRING_HEADERS, pairing_rows(pairings)))
    if households.exists():
        sheets.append(Sheet("帮扶户台账", HOUSEHOLD_HEADERS, household_rows(households, full=False)))
    if problems.exists():
        sheets.append(Sheet("整改台账", PROBLEM_HEADERS, problem_rows(problems)))
    return sheets


def _safe(ws, value, bold=False):
    cell = WriteOnlyCell(ws)
    if isinstance(value, str) and value.startswith(FORMULA_START):
        cell.value, cell.data_type, cell.quotePrefix = value, "s", True
    else:
        cell.value = value
    if bold:
        cell.font = Font(bold=True)
    return cell


def xlsx_response(title: str, sheet: Sheet, filename: str) -> HttpResponse:
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(sheet.title[:31])
    for i, (_h, width) in enumerate(sheet.headers):
        ws.column_dimensions[chr(ord("A") + i)].width = width
    ws.append([_safe(ws, title, bold=True)])
    ws.append([_safe(ws, h, bold=True) for h, _w in sheet.headers])
    for row in sheet.rows:
        ws.append([_safe(ws, v) for v in row])
    out = io.BytesIO()
    wb.save(out)
    response = HttpResponse(out.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response


def pairings_ledger_response(user, activity, pairings) -> HttpResponse:
    personal_data_exported(actor=user, what="联谊交友台账", target=activity, count=pairings.count(), full=False)
    title = f"{activity.title} · 联谊交友台账 · 截至 {clock.today():%Y-%m-%d}"
    return xlsx_response(title, Sheet("联谊交友台账", PAIRING_HEADERS, pairing_rows(pairings)), "联谊交友台账.xlsx")


def problems_ledger_response(user, campaign, problems) -> HttpResponse:
    personal_data_exported(actor=user, what="整改台账", target=campaign, count=problems.count(), full=False)
    title = f"{campaign.title} · 整改台账 · 截至 {clock.today():%Y-%m-%d}"
    return xlsx_response(title, Sheet("整改台账", PROBLEM_HEADERS, problem_rows(problems)), "整改台账.xlsx")


def households_response(user, activity, households) -> HttpResponse:
    """Full ID numbers and phones only for rows of the downloader's own unit; the download is recorded."""
    mine = households.filter(unit_id__in=user_unit_ids(user)) if user.organisation_id else households.none()
    full = mine.exists() and mine.count() == households.count()
    personal_data_exported(actor=user, what="帮扶户名册", target=activity, count=households.count(), full=full)
    title = f"{activity.title} · 帮扶户名册 · 截至 {clock.today():%Y-%m-%d}"
    return xlsx_response(
        title, Sheet("帮扶户名册", HOUSEHOLD_HEADERS, household_rows(households, full=full)), "帮扶户名册.xlsx"
    )
