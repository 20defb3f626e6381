"""Checking a whole 通讯录 file before anything is written: every bad row is named with its sheet, row and reason."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import ValidationError

from tongxin.orgs.contacts import id_number_problem, normalise_id_number, normalise_phone, phone_problem
from tongxin.orgs.directory_io.layout import ROLE_WORDS, Columns, recognise
from tongxin.orgs.directory_io.reading import HEAD_SCAN, Sheet
from tongxin.orgs.models import Organisation, OrganisationAlias, Person

IGNORED_SHEETS = {"说明", "填写说明", "Instructions"}


@dataclass
class Problem:
    sheet: str
    row: int | None
    reason: str

    def __str__(self) -> str:
        where = f"“{self.sheet}”第 {self.row} 行" if self.row else f"“{self.sheet}”"
        return f"{where}：{self.reason}"


@dataclass
class Record:
    sheet: str
    row: int
    values: dict[str, str]


@dataclass
class Checked:
    units: list[Record] = field(default_factory=list)
    people: list[Record] = field(default_factory=list)
    accounts: list[Record] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    # what the database already holds, read once
    known_units: dict[str, Organisation] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.problems


def _labels(choices) -> dict[str, str]:
    out = {}
    for value, label in choices:
        out[str(label)] = value
        out[value] = value
    return out


TYPE_WORDS = _labels(Organisation.Type.choices) | {
    "人民团体": "group",
    "统战团体": "group",
    "乡镇": "township",
    "村": "township",
}
CATEGORY_WORDS = _labels(Person.Category.choices) | {"新阶层人士": "new_strata", "港澳台侨人士": "overseas"}
KIND_WORDS = _labels(Person.Kind.choices)


def check_sheets(sheets: list[Sheet]) -> Checked:
    out = Checked()
    out.known_units = _known_units()
    found = False
    for sheet in sheets:
        if sheet.name in IGNORED_SHEETS or not sheet.rows:
            continue
        cols = recognise(sheet.name, sheet.rows, HEAD_SCAN)
        if cols is None:
            out.notes.append(f"“{sheet.name}”没有可识别的表头（如“单位名称”“姓名”“用户名”），已跳过。")
            continue
        found = True
        _sheet_level(sheet, cols, out)
        records = [
            Record(sheet.name, number, {f: (cells[i] if i < len(cells) else "") for f, i in cols.index.items()})
            for number, cells in sheet.rows
            if number > cols.header_row
        ]
        getattr(out, cols.table).extend(records)
    if not found:
        out.problems.append(
            Problem(
                "文件",
                None,
                "不是通讯录模板，也没有找到花名册的表头：请下载模板填写，或确保表头含“单位名称”“姓名”或“用户名”。",
            )
        )
        return out
    _check_units(out)
    _check_people(out)
    _check_accounts(out)
    out.problems.sort(key=lambda p: (p.sheet, p.row or 0))
    return out


def _sheet_level(sheet: Sheet, cols: Columns, out: Checked) -> None:
    for first, last, ref in sheet.merged:
        if last >= cols.header_row:
            out.problems.append(Problem(sheet.name, first, f"有合并单元格 {ref}：请取消合并，每行填写完整。"))
    for row, ref in sheet.formulas:
        out.problems.append(Problem(sheet.name, row, f"单元格 {ref} 是公式：请复制后“选择性粘贴为数值”。"))
    id_col = cols.index.get("id_number")
    for row, col in sheet.numeric_long:
        if col == id_col:
            out.problems.append(
                Problem(sheet.name, row, "身份证号被存成了数字，末几位已丢失：请把该列设为“文本”后重新填写。")
            )


def _known_units() -> dict[str, Organisation]:
    units = {o.name: o for o in Organisation.objects.all()}
    for alias in OrganisationAlias.objects.select_related("organisation"):
        units.setdefault(alias.name, alias.organisation)
    return units


def _check_units(out: Checked) -> None:
    seen: dict[str, int] = {}
    in_file = {r.values.get("name", "").strip() for r in out.units}
    for r in out.units:
        v = r.values
        name = v.get("name", "").strip()
        problems = []
        if not name:
            problems.append("缺少单位名称")
        elif name in seen:
            problems.append(f"单位“{name}”与第 {seen[name]} 行重复")
        seen.setdefault(name, r.row)
        if v.get("type") and v["type"] not in TYPE_WORDS:
            problems.append(
                f"单位类型“{v['type']}”不认识（可填：{'、'.join(str(x) for _k, x in Organisation.Type.choices)}）"
            )
        if v.get("member_count") and not v["member_count"].isdigit():
            problems.append(f"成员人数“{v['member_count']}”应为整数")
        if v.get("sort_order") and not v["sort_order"].isdigit():
            problems.append(f"排序“{v['sort_order']}”应为整数")
        v["contact_phone"] = normalise_phone(v.get("contact_phone", ""))
        if p := phone_problem(v["contact_phone"]):
            problems.append(p)
        parent = v.get("parent", "").strip()
        if parent and parent not in in_file and parent not in out.known_units:
            problems.append(f"上级单位“{parent}”不存在")
        if parent and parent == name:
            problems.append("上级单位不能是自己")
        for member in _split(v.get("members", "")):
            if member not in in_file and member not in out.known_units:
                problems.append(f"包含单位“{member}”不存在")
        for alias in _split(v.get("aliases", "")):
            owner = out.known_units.get(alias)
            if owner is not None and owner.name != name and out.known_units.get(name) is not owner:
                problems.append(f"别名“{alias}”已属于“{owner.name}”")
        out.problems += [Problem(r.sheet, r.row, p) for p in problems]


def _split(value: str) -> list[str]:
    return [
        p.strip() for p in value.replace("，", "、").replace(",", "、").replace("；", "、").split("、") if p.strip()
    ]


def _unit_exists(out: Checked, name: str, file_units: set[str]) -> bool:
    return name in out.known_units or name in file_units


def _check_people(out: Checked) -> None:
    file_units = {r.values.get("name", "").strip() for r in out.units}
    phones: dict[str, int] = {}
    ids: dict[str, int] = {}
    for r in out.people:
        v = r.values
        problems = []
        if not v.get("name", "").strip():
            problems.append("缺少姓名")
        org = v.get("organisation", "").strip()
        if org and org not in file_units and org not in out.known_units:
            problems.append(f"单位“{org}”不存在（请先在“单位”表中列出，或在单位管理中新增）")
        v["phone"] = normalise_phone(v.get("phone", ""))
        v["id_number"] = normalise_id_number(v.get("id_number", ""))
        problems += [p for p in (phone_problem(v["phone"]), id_number_problem(v["id_number"])) if p]
        if v["phone"]:
            if v["phone"] in phones:
                problems.append(f"手机号与第 {phones[v['phone']]} 行重复")
            phones.setdefault(v["phone"], r.row)
        if v["id_number"]:
            if v["id_number"] in ids:
                problems.append(f"身份证号与第 {ids[v['id_number']]} 行重复")
            ids.setdefault(v["id_number"], r.row)
        if v.get("category") and v["category"] not in CATEGORY_WORDS:
            problems.append(
                f"统战类别“{v['category']}”不认识（可填：{'、'.join(str(x) for _k, x in Person.Category.choices)}）"
            )
        if v.get("kind") and v["kind"] not in KIND_WORDS:
            problems.append(f"身份“{v['kind']}”不认识（可填：{'、'.join(str(x) for _k, x in Person.Kind.choices)}）")
        out.problems += [Problem(r.sheet, r.row, p) for p in problems]
    _check_against_database(out, phones, ids)


def _check_against_database(out: Checked, phones: dict[str, int], ids: dict[str, int]) -> None:
    """A phone already on record for someone else is a duplicate, unless the row is that same person."""
    by_row = {r.row: r for r in out.people}
    for p in Person.objects.filter(phone__in=list(phones)).only("name", "phone", "id_number"):
        r = by_row[phones[p.phone]]
        same = p.name == r.values.get("name", "").strip() or (p.id_number and p.id_number == r.values.get("id_number"))
        if not same:
            out.problems.append(Problem(r.sheet, r.row, f"手机号已登记在“{p.name}”名下"))
    for p in Person.objects.filter(id_number__in=list(ids)).only("name", "id_number"):
        r = by_row[ids[p.id_number]]
        if p.name != r.values.get("name", "").strip():
            out.problems.append(Problem(r.sheet, r.row, f"身份证号已登记在“{p.name}”名下"))


def _check_accounts(out: Checked) -> None:
    validator = UnicodeUsernameValidator()
    file_units = {r.values.get("name", "").strip() for r in out.units}
    seen: dict[str, int] = {}
    for r in out.accounts:
        v = r.values
        problems = []
        username = v.get("username", "").strip()
        if not username:
            problems.append("缺少用户名")
        else:
            try:
                validator(username)
            except ValidationError:
                problems.append(f"用户名“{username}”只能包含字母、数字和 @ . + - _")
            if username.lower() in seen:
                problems.append(f"用户名与第 {seen[username.lower()]} 行重复")
            seen.setdefault(username.lower(), r.row)
        role = ROLE_WORDS.get(v.get("role", "").strip())
        if role is None:
            problems.append(f"角色“{v.get('role', '')}”不认识（可填：部门管理员、领导、科室/单位、成员组织、只读查看）")
        v["role"] = role or ""
        org = v.get("organisation", "").strip()
        if org and not _unit_exists(out, org, file_units):
            problems.append(f"单位“{org}”不存在")
        if role in ("unit", "member_org") and not org:
            problems.append("科室/单位和成员组织账号必须填写单位")
        v["phone"] = normalise_phone(v.get("phone", ""))
        if p := phone_problem(v["phone"]):
            problems.append(p)
        out.problems += [Problem(r.sheet, r.row, p) for p in problems]
