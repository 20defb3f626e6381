"""The template's three tables and the headings by which a roster's columns are recognised."""

from __future__ import annotations

import re
from dataclasses import dataclass

# field → (heading in the template, other headings rosters use)
UNIT_COLUMNS = {
    "name": ("单位名称", ("单位", "名称", "单位全称")),
    "short_name": ("简称", ("单位简称",)),
    "type": ("单位类型", ("类型", "单位类别")),
    "parent": ("上级单位", ("上级", "主管单位")),
    "aliases": ("别名", ("其他名称", "曾用名")),
    "members": ("包含单位", ("成员单位", "下属各单位")),
    "member_count": ("成员人数", ("人数", "会员人数", "成员数")),
    "contact_name": ("联系人", ()),
    "contact_phone": ("联系电话", ("联系人电话", "联系方式")),
    "sort_order": ("排序", ("序号",)),
}
PERSON_COLUMNS = {
    "name": ("姓名", ()),
    "gender": ("性别", ()),
    "organisation": ("单位", ("工作单位", "所在单位", "单位名称", "工作单位及职务")),
    "title": ("职务", ("职称", "职务职称", "现任职务", "职务/职称")),
    "kind": ("身份", ("人员身份",)),
    "category": ("统战类别", ("类别", "人士类别", "界别")),
    "party": ("党派", ("政治面貌", "所属党派")),
    "phone": ("手机", ("手机号", "手机号码", "联系电话", "电话", "联系方式")),
    "id_number": ("身份证号", ("身份证号码", "公民身份号码", "身份证")),
    "email": ("电子邮箱", ("邮箱", "Email", "E-mail")),
}
ACCOUNT_COLUMNS = {
    "username": ("用户名", ("账号", "登录名")),
    "display_name": ("姓名", ("显示名称",)),
    "organisation": ("单位", ("所属单位",)),
    "role": ("角色", ("账号角色",)),
    "phone": ("手机", ("手机号", "联系电话")),
    "email": ("电子邮箱", ("邮箱",)),
}
TABLES = {"units": ("单位", UNIT_COLUMNS), "people": ("人员", PERSON_COLUMNS), "accounts": ("账号", ACCOUNT_COLUMNS)}
REQUIRED = {"units": ("name",), "people": ("name",), "accounts": ("username", "role")}

ROLE_WORDS = {
    "部门管理员": "admin",
    "管理员": "admin",
    "admin": "admin",
    "领导": "leader",
    "leader": "leader",
    "科室/单位": "unit",
    "科室": "unit",
    "单位": "unit",
    "unit": "unit",
    "成员组织": "member_org",
    "member_org": "member_org",
    "只读查看": "viewer",
    "只读": "viewer",
    "viewer": "viewer",
}


def _norm(heading: str) -> str:
    """Headings as people type them: 手机号码（必填）, 姓 名, *姓名 → comparable form."""
    heading = re.sub(r"[（(【\[].*?[）)】\]]", "", heading)
    return re.sub(r"[\s*＊:：]", "", heading)


@dataclass
class Columns:
    table: str  # units / people / accounts
    header_row: int
    index: dict[str, int]  # field → column
    unknown: list[str]


def _match(cells: list[str], columns: dict) -> tuple[dict[str, int], list[str]]:
    index, unknown = {}, []
    lookup = {}
    for fld, (main, others) in columns.items():
        for h in (main, *others):
            lookup.setdefault(_norm(h), fld)
    for col, raw in enumerate(cells):
        h = _norm(raw)
        if not h:
            continue
        fld = lookup.get(h)
        if fld and fld not in index:
            index[fld] = col
        else:
            unknown.append(raw)
    return index, unknown


def recognise(sheet_name: str, rows: list[tuple[int, list[str]]], scan: int) -> Columns | None:
    """Which table a sheet holds, by the sheet's name (the template) or by its headings (a roster)."""
    by_name = {label: key for key, (label, _c) in TABLES.items()}
    for number, cells in rows[:scan]:
        normed = {_norm(c) for c in cells}
        if sheet_name in by_name:
            key = by_name[sheet_name]
        elif "用户名" in normed or ("账号" in normed and "角色" in normed):
            key = "accounts"
        elif "姓名" in normed:
            key = "people"
        elif normed & {"单位名称", "单位全称"}:
            key = "units"
        else:
            continue
        index, unknown = _match(cells, TABLES[key][1])
        if all(f in index for f in REQUIRED[key]):
            return Columns(key, number, index, unknown)
    return None
