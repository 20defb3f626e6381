"""The 通讯录 import: the template and offices' rosters from .xlsx, .xls and .csv; checked in full, all or nothing,
every bad row named with its sheet, row and reason."""

from __future__ import annotations

import io
import re

import pytest
import xlwt
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from openpyxl import Workbook

from tongxin.accounts.models import User
from tongxin.orgs.directory_io.exporting import export_xlsx, template_xlsx
from tongxin.orgs.directory_io.layout import TABLES
from tongxin.orgs.directory_io.reading import MAX_ROWS
from tongxin.orgs.models import Organisation, Person
from tongxin.orgs.services import directory_import

pytestmark = pytest.mark.django_db

UNIT_HEAD = [main for main, _o in TABLES["units"][1].values()]
PERSON_HEAD = [main for main, _o in TABLES["people"][1].values()]
ACCOUNT_HEAD = [main for main, _o in TABLES["accounts"][1].values()]


def book(units=(), people=(), accounts=(), *, edit=None) -> bytes:
    """A template-shaped workbook; `edit(wb)` may spoil it (merge cells, write a formula)."""
    wb = Workbook()
    wb.remove(wb.active)
    for title, head, rows in (
        ("单位", UNIT_HEAD, units),
        ("人员", PERSON_HEAD, people),
        ("账号", ACCOUNT_HEAD, accounts),
    ):
        ws = wb.create_sheet(title)
        ws.append(head)
        for row in rows:
            ws.append(list(row))
    if edit:
        edit(wb)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def unit(name, type_="", parent="", aliases="", members="", count=""):
    return [name, "", type_, parent, aliases, members, count, "", "", ""]


def person(name, org="", phone="", category="", id_number="", title=""):
    return [name, "", org, title, "", category, "", phone, id_number, ""]


def account(username, role, org="", name=""):
    return [username, name, org, role, "", ""]


def snapshot():
    return (Organisation.objects.count(), Person.objects.count(), User.objects.count())


def run(data: bytes, name: str = "通讯录.xlsx", **kw):
    return directory_import(actor="测试", name=name, data=data, **kw)


def test_the_template_imports_as_it_is(db):
    result = run(template_xlsx())
    assert result.ok, [str(p) for p in result.problems]
    assert result.outcome.summary() == "单位新增 1、更新 0；人员新增 1、更新 0；账号新增 1、更新 0"
    party = Organisation.objects.get(name="民盟赤峰市委")
    assert (party.type, party.kind, party.member_count) == ("party", "member", 120)
    li = Person.objects.get(name="李华")
    assert (li.organisation, li.kind, li.category) == (party, "figure", "party_member")
    acct = User.objects.get(username="minmeng")
    # No password yet: the person sets one through an invite link.
    assert (acct.role, acct.organisation, acct.has_usable_password()) == ("member_org", party, False)


def test_units_with_parents_aliases_and_collectives(units):
    data = book(
        units=[
            unit("民革赤峰市委", "民主党派", aliases="民革市委"),
            unit("民盟赤峰市委", "民主党派"),
            unit("各民主党派市委", members="民革赤峰市委、民盟赤峰市委"),
            unit("统战部一科", "内设科室", parent="市委统战部"),
        ]
    )
    assert run(data).ok
    coll = Organisation.objects.get(name="各民主党派市委")
    assert coll.kind == "collective"
    assert sorted(coll.members.values_list("name", flat=True)) == ["民盟赤峰市委", "民革赤峰市委"]
    assert Organisation.objects.get(name="统战部一科").parent == units["dept"]
    assert Organisation.objects.get(aliases__name="民革市委").name == "民革赤峰市委"
    # Importing the same file again updates rather than duplicates.
    count = Organisation.objects.count()
    again = run(data)
    assert again.ok and again.outcome.units_created == 0 and Organisation.objects.count() == count
    assert coll.members.count() == 2


def test_a_file_that_is_not_a_directory_is_refused(db):
    wb = Workbook()
    wb.active.append(["活动名称", "时间", "地点"])
    wb.active.append(["读书会", "1月", "三楼"])
    buf = io.BytesIO()
    wb.save(buf)
    result = run(buf.getvalue())
    assert [str(p) for p in result.problems] == [
        "“文件”：不是通讯录模板，也没有找到花名册的表头：请下载模板填写，或确保表头含“单位名称”“姓名”或“用户名”。"
    ]
    assert [str(p) for p in run(b"not a spreadsheet", name="x.xlsx").problems] == [
        "“x.xlsx”：无法读取这个 .xlsx 文件：文件可能已损坏，或不是 Excel 文件。"
    ]
    assert "只能导入" in str(run(b"hello", name="x.doc").problems[0])


def test_every_bad_row_is_named_and_nothing_is_written(people, units):
    before = snapshot()
    Person.objects.create(name="张老师", phone="13900000000")
    before = snapshot()

    def spoil(wb):
        ws = wb["人员"]
        ws["J4"] = '=HYPERLINK("http://evil")'
        ws.merge_cells("A6:B6")

    data = book(
        units=[unit("民建赤峰市委", "民主党派", count="很多")],
        people=[
            person("李一", "民建赤峰市委", "13800000001"),
            person("李二", "不存在的单位", "13800000001"),
            person("李三", "民建赤峰市委", "13900000000"),
            person("李四", "市侨联", "12345", category="外星人"),
            person("李五", "市侨联"),
        ],
        accounts=[account("bad name", "部门管理员"), account("ok1", "科室/单位"), account("ok2", "皇帝", "市侨联")],
        edit=spoil,
    )
    result = run(data)
    assert [str(p) for p in result.problems] == [
        "“人员”第 3 行：单位“不存在的单位”不存在（请先在“单位”表中列出，或在单位管理中新增）",
        "“人员”第 3 行：手机号与第 2 行重复",
        "“人员”第 4 行：单元格 J4 是公式：请复制后“选择性粘贴为数值”。",
        "“人员”第 4 行：手机号已登记在“张老师”名下",
        "“人员”第 5 行：电话号码“12345”格式不对（手机 11 位，座机如 0476-8888888）",
        "“人员”第 5 行：统战类别“外星人”不认识（可填：民主党派成员、无党派人士、党外知识分子、新的社会阶层人士、宗教界人士、少数民族人士、港澳台侨）",
        "“人员”第 6 行：有合并单元格 A6:B6：请取消合并，每行填写完整。",
        "“单位”第 2 行：成员人数“很多”应为整数",
        "“账号”第 2 行：用户名“bad name”只能包含字母、数字和 @ . + - _",
        "“账号”第 3 行：科室/单位和成员组织账号必须填写单位",
        "“账号”第 4 行：角色“皇帝”不认识（可填：部门管理员、领导、科室/单位、成员组织、只读查看）",
    ]
    assert result.outcome is None and snapshot() == before


def test_a_hundred_thousand_rows_are_refused_early(db):
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("人员")
    ws.append(PERSON_HEAD)
    for i in range(100_000):
        ws.append([f"人{i}"])
    buf = io.BytesIO()
    wb.save(buf)
    result = run(buf.getvalue())
    assert [str(p) for p in result.problems] == [
        f"“通讯录.xlsx”：文件行数过多（“人员”超过 {MAX_ROWS:,} 行）：请分成几个文件导入，每个不超过 {MAX_ROWS:,} 行。"
    ]
    assert not Person.objects.exists()


def test_an_xls_roster_with_a_title_line_is_read_by_its_headings(units):
    wb = xlwt.Workbook()
    ws = wb.add_sheet("花名册")
    ws.write_merge(0, 0, 0, 4, "市侨联会员花名册")  # a title above the headings may be merged
    for col, head in enumerate(["姓名", "性别", "工作单位", "职务", "手机号码", "身份证号码"]):
        ws.write(1, col, head)
    ws.write(2, 0, "陈嘉欣")
    ws.write(2, 1, "女")
    ws.write(2, 2, "市侨联")
    ws.write(2, 3, "归侨企业家")
    ws.write(2, 4, 13947602020)  # a phone typed as a number
    ws.write(2, 5, "150402198001051234")
    buf = io.BytesIO()
    wb.save(buf)
    result = run(buf.getvalue(), name="花名册.xls")
    assert result.ok, [str(p) for p in result.problems]
    p = Person.objects.get(name="陈嘉欣")
    assert (p.organisation, p.phone, p.id_number, p.gender, p.title) == (
        units["qiaolian"], "13947602020", "150402198001051234", "女", "归侨企业家"
    )  # fmt: skip


def test_an_id_number_stored_as_a_number_has_lost_digits_and_is_refused(units):
    wb = xlwt.Workbook()
    ws = wb.add_sheet("人员")
    for col, head in enumerate(["姓名", "单位", "身份证号"]):
        ws.write(0, col, head)
    ws.write(1, 0, "王五")
    ws.write(1, 1, "市侨联")
    ws.write(1, 2, 150402198001051234)
    buf = io.BytesIO()
    wb.save(buf)
    problems = [str(p) for p in run(buf.getvalue(), name="r.xls").problems]
    assert "“人员”第 2 行：身份证号被存成了数字，末几位已丢失：请把该列设为“文本”后重新填写。" in problems


def test_a_gbk_csv_roster_is_read(units):
    text = "姓名,单位,职务,手机,类别\n马志强,市侨联,副会长,13500476677,宗教界人士\n赵敏,市侨联,教授,15004765566,无党派人士\n"
    result = run(text.encode("gbk"), name="roster.csv")
    assert result.ok, [str(p) for p in result.problems]
    assert sorted(Person.objects.filter(organisation=units["qiaolian"]).values_list("name", "category")) == [
        ("赵敏", "non_party"), ("马志强", "religious"),
    ]  # fmt: skip
    utf8 = run("\ufeff姓名,单位\n李四,市侨联\n".encode(), name="roster.csv")
    assert utf8.ok and Person.objects.filter(name="李四").exists()


def test_a_dry_run_checks_and_writes_nothing(db):
    result = run(template_xlsx(), dry_run=True)
    assert result.ok and result.outcome is None and result.counts == {"units": 1, "people": 1, "accounts": 1}
    assert not Organisation.objects.filter(name="民盟赤峰市委").exists()


def test_a_shared_initial_password_is_hashed_once_and_must_be_changed(units):
    data = book(accounts=[account(f"u{i}", "只读查看") for i in range(3)])
    assert run(data, initial_password="Chifeng-start-1").ok
    users = list(User.objects.filter(username__startswith="u").order_by("username"))
    assert all(u.check_password("Chifeng-start-1") and u.must_change_password for u in users)
    weak = run(book(accounts=[account("w1", "只读查看")]), initial_password="123")
    assert [str(p) for p in weak.problems] == [
        "“初始密码”：密码太短，至少需要 8 个字符。；这个密码太常见了。；密码只包含数字。"
    ]
    assert not User.objects.filter(username="w1").exists()


def test_export_has_the_same_layout_and_imports_back(people, units):
    Person.objects.create(
        name="李文华", kind="figure", category="party_member", organisation=units["qiaolian"], phone="13847601234"
    )
    before = snapshot()
    result = run(export_xlsx())
    assert result.ok, [str(p) for p in result.problems]
    assert result.outcome.units_created == result.outcome.people_created == result.outcome.accounts_created == 0
    assert snapshot() == before


def test_the_import_screen(client_for, units, tmp_path):
    assert client_for("dangwai").get(reverse("orgs:import")).status_code == 403
    c = client_for("admin")
    assert c.get(reverse("orgs:template"))["Content-Type"].startswith("application/vnd.openxmlformats")
    bad = book(people=[person("李二", "不存在的单位")])
    r = c.post(reverse("orgs:import"), {"file": SimpleUploadedFile("通讯录.xlsx", bad)})
    assert r.status_code == 400
    assert "“人员”第 2 行：单位“不存在的单位”不存在" in r.content.decode()
    r = c.post(reverse("orgs:import"), {"file": SimpleUploadedFile("通讯录.xlsx", template_xlsx())})
    page = r.content.decode()
    assert r.status_code == 200 and "已导入：单位新增 1" in page
    link = re.search(r'value="http://testserver(/accounts/invite/[^"]+)"', page).group(1)
    c.logout()
    assert "minmeng" in c.get(link).content.decode()


def test_the_command(units, tmp_path, capsys):
    good, bad = tmp_path / "good.xlsx", tmp_path / "bad.xlsx"
    good.write_bytes(template_xlsx())
    bad.write_bytes(book(people=[person("李二", "不存在的单位")]))
    with pytest.raises(CommandError, match="发现 1 处问题，未写入任何数据"):
        call_command("users", "import", str(bad))
    assert "“人员”第 2 行" in capsys.readouterr().err
    call_command("users", "import", str(good), "--dry-run")
    assert "检查通过" in capsys.readouterr().out and not Person.objects.filter(name="李华").exists()
    links = tmp_path / "links.csv"
    call_command("users", "import", str(good), "--links", str(links))
    assert "已导入：单位新增 1" in capsys.readouterr().out
    rows = links.read_text(encoding="utf-8-sig").splitlines()
    assert rows[0] == "用户名,名称,单位,邀请链接" and rows[1].startswith("minmeng,民盟赤峰市委,民盟赤峰市委,http")
    out = tmp_path / "export.xlsx"
    call_command("users", "export", str(out))
    assert run(out.read_bytes(), dry_run=True).ok


def test_a_big5_csv_is_read_as_the_text_it_is_not_as_gbk_soup(db):
    from tongxin.orgs.directory_io.reading import decode

    text = "姓名,單位,職務\n陳嘉欣,市僑聯,歸僑企業家\n" * 3
    assert decode(text.encode("big5")) == text
    assert decode(text.encode("gbk")) == text
