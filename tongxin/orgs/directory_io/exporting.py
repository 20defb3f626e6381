"""The 通讯录 template and the export in the same layout (what is exported can be imported again)."""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font

from tongxin.accounts.models import User
from tongxin.orgs.directory_io.layout import TABLES
from tongxin.orgs.models import Organisation, Person

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
HELP = [
    "通讯录模板：每个工作表一类数据，表头不要改动；带 * 的列必填。",
    "“单位”表：单位类型可填 " + "、".join(str(label) for _v, label in Organisation.Type.choices) + "；"
    "集合名称（如“部机关各科室”）在“包含单位”列用顿号列出各单位。",
    "“人员”表：统战类别可填 " + "、".join(str(label) for _v, label in Person.Category.choices) + "；"
    "身份证号、手机请设为“文本”格式，不要使用公式或合并单元格。",
    "“账号”表：角色可填 部门管理员、领导、科室/单位、成员组织、只读查看；导入后在账号页生成邀请链接，由本人设置密码。",
]


def _cell(ws, value, bold: bool = False) -> WriteOnlyCell:
    """A cell that stays text: a value starting with = + - @ is never run as a formula when the file is opened."""
    cell = WriteOnlyCell(ws)
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
        cell.value = value
        cell.data_type = "s"
        if value.startswith(FORMULA_PREFIXES):
            cell.quotePrefix = True
    else:
        cell.value = value
    if bold:
        cell.font = Font(bold=True)
    return cell


def _headings(key: str) -> list[str]:
    label, columns = TABLES[key]
    required = {"units": {"name"}, "people": {"name"}, "accounts": {"username", "role"}}[key]
    return [f"{main}{'*' if f in required else ''}" for f, (main, _o) in columns.items()]


def _book(rows_by_table: dict[str, list[list]]) -> bytes:
    wb = Workbook(write_only=True)
    info = wb.create_sheet("说明")
    for line in HELP:
        info.append([_cell(info, line)])
    for key, (label, _columns) in TABLES.items():
        ws = wb.create_sheet(label)
        ws.append([_cell(ws, h, bold=True) for h in _headings(key)])
        for row in rows_by_table.get(key, []):
            ws.append([_cell(ws, v) for v in row])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def template_xlsx() -> bytes:
    return _book(
        {
            "units": [["民盟赤峰市委", "民盟", "民主党派", "", "", "", 120, "王明", "0476-8888888", 10]],
            "people": [
                ["李华", "女", "民盟赤峰市委", "副主委", "党外人士", "民主党派成员", "民盟", "13800000000", "", ""]
            ],
            "accounts": [["minmeng", "民盟赤峰市委", "民盟赤峰市委", "成员组织", "", ""]],
        }
    )


def export_xlsx() -> bytes:
    """Everything in the directory; full numbers (only the department admin may download it)."""
    units = (
        Organisation.objects.select_related("parent")
        .prefetch_related("aliases", "members")
        .order_by("sort_order", "name")
    )
    people = Person.objects.select_related("organisation").order_by("organisation__name", "name")
    users = User.objects.select_related("organisation").order_by("username")
    return _book(
        {
            "units": [
                [
                    o.name,
                    o.short_name,
                    o.get_type_display(),
                    o.parent.name if o.parent else "",
                    "、".join(a.name for a in o.aliases.all()),
                    "、".join(m.name for m in o.members.all()),
                    o.member_count if o.member_count is not None else "",
                    o.contact_name,
                    o.contact_phone,
                    o.sort_order,
                ]
                for o in units
            ],
            "people": [
                [
                    p.name,
                    p.gender,
                    p.organisation.name if p.organisation else "",
                    p.title,
                    p.get_kind_display(),
                    p.get_category_display() if p.category else "",
                    p.party,
                    p.phone,
                    p.id_number,
                    p.email,
                ]
                for p in people
            ],
            "accounts": [
                [
                    u.username,
                    u.display_name,
                    u.organisation.name if u.organisation else "",
                    u.get_role_display(),
                    u.phone,
                    u.email,
                ]
                for u in users
            ],
        }
    )
