"""xlsx imports (the pairing roster, the venues): all or nothing — a file with broken rows writes nothing and names
every broken row in Chinese."""

from __future__ import annotations

import io
import zipfile

from django.db import transaction
from django.db.models import Q
from openpyxl import load_workbook

from tongxin.audit.services import audit_record
from tongxin.fieldwork.errors import FieldworkError
from tongxin.fieldwork.services.campaigns import venue_clean, venues_add
from tongxin.fieldwork.services.visits import pairing_create
from tongxin.orgs.models import Organisation, Person

PAIRING_COLUMNS = ["党员领导干部", "党外人士", "党派/界别", "联系电话", "联络单位", "年度应走访次数"]
VENUE_COLUMNS = ["场所名称", "宗教", "类型", "地址", "负责人", "负责人电话", "主管单位"]
MAX_ROWS = 5000


class ImportRejected(FieldworkError):
    def __init__(self, errors: list[str]):
        super().__init__("导入失败，未写入任何数据：\n" + "\n".join(errors[:50]))
        self.errors = errors


def read_rows(data: bytes, columns: list[str]) -> list[tuple[int, dict]]:
    """(row number, {column: text}) for each non-empty row under a header row naming `columns`."""
    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise ImportRejected(["文件不是有效的 Excel（.xlsx）文件。"]) from exc
    rows = wb.worksheets[0].iter_rows(values_only=True)
    header = [str(c or "").strip() for c in next(rows, [])]
    missing = [c for c in columns if c not in header]
    if missing:
        raise ImportRejected([f"第 1 行缺少列：{'、'.join(missing)}"])
    out = []
    for number, row in enumerate(rows, start=2):
        values = {
            c: str(
                row[header.index(c)] if header.index(c) < len(row) and row[header.index(c)] is not None else ""
            ).strip()
            for c in columns
        }
        if any(values.values()):
            out.append((number, values))
    if not out:
        raise ImportRejected(["文件中没有数据行。"])
    if len(out) > MAX_ROWS:
        raise ImportRejected([f"一次最多导入 {MAX_ROWS} 行。"])
    return out


def _units_by_name() -> dict[str, Organisation]:
    units = {o.name: o for o in Organisation.objects.all()}
    for o in Organisation.objects.filter(aliases__isnull=False).prefetch_related("aliases"):
        units.update({a.name: o for a in o.aliases.all()})
    return units


def pairings_import(*, actor, activity, data: bytes) -> int:
    rows = read_rows(data, PAIRING_COLUMNS)
    units = _units_by_name()
    names = {v["党员领导干部"] for _n, v in rows}
    leaders = {p.name: p for p in Person.objects.filter(name__in=names, kind=Person.Kind.LEADER)}
    errors, seen = [], set()
    for number, v in rows:
        problems = []
        if v["党员领导干部"] not in leaders:
            problems.append(f"找不到领导“{v['党员领导干部']}”")
        if not v["党外人士"]:
            problems.append("党外人士为空")
        if v["联络单位"] not in units:
            problems.append(f"找不到单位“{v['联络单位']}”")
        if v["年度应走访次数"] and not v["年度应走访次数"].isdigit():
            problems.append("年度应走访次数应为整数")
        if (v["党员领导干部"], v["党外人士"]) in seen:
            problems.append("与前面的行重复")
        seen.add((v["党员领导干部"], v["党外人士"]))
        if problems:
            errors.append(f"第 {number} 行：{'；'.join(problems)}")
    if errors:
        raise ImportRejected(errors)
    with transaction.atomic():
        for number, v in rows:
            figure, _ = Person.objects.get_or_create(
                name=v["党外人士"], kind=Person.Kind.MEMBER, defaults={"phone": v["联系电话"][:50]}
            )
            try:
                pairing_create(
                    actor=actor,
                    activity=activity,
                    leader=leaders[v["党员领导干部"]],
                    figure=figure,
                    unit=units[v["联络单位"]],
                    affiliation=v["党派/界别"],
                    required_visits=int(v["年度应走访次数"] or 2),
                )
            except FieldworkError as exc:
                raise ImportRejected([f"第 {number} 行：{exc.message}"]) from exc
        audit_record(
            actor=actor,
            action="pairing.import",
            target=activity,
            summary=f"导入结对名单 {len(rows)} 行",
            plan_id=activity.plan_id,
        )
    return len(rows)


def venues_import(*, actor, campaign, data: bytes) -> int:
    rows = read_rows(data, VENUE_COLUMNS)
    units = _units_by_name()
    keys = dict(
        zip(VENUE_COLUMNS[:6], ("name", "religion", "kind", "address", "person_in_charge", "phone"), strict=True)
    )
    errors, cleaned, seen = [], [], set()
    taken = set(campaign.venues.filter(Q(name__in=[v["场所名称"] for _n, v in rows])).values_list("name", flat=True))
    for number, v in rows:
        problems = []
        try:
            values = venue_clean({keys[c]: v[c] for c in keys})
        except FieldworkError as exc:
            problems.append(exc.message.rstrip("。"))
            values = None
        if v["主管单位"] not in units:
            problems.append(f"找不到主管单位“{v['主管单位']}”")
        if v["场所名称"] in taken or v["场所名称"] in seen:
            problems.append(f"场所“{v['场所名称']}”重复")
        seen.add(v["场所名称"])
        if problems:
            errors.append(f"第 {number} 行：{'；'.join(problems)}")
        else:
            cleaned.append((values, units[v["主管单位"]]))
    if errors:
        raise ImportRejected(errors)
    venues_add(actor=actor, campaign=campaign, rows=cleaned)
    return len(cleaned)
