"""`tongxin export ledger|bulletin`: the files it writes and its Chinese messages (with a non-zero exit) when it cannot."""

from __future__ import annotations

import io
import os
import subprocess
import sys

import docx
import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from tests.conftest import ROOT

pytestmark = pytest.mark.django_db


def run(*args) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("export", *args, stdout=out, stderr=err)
        code = 0
    except SystemExit as exc:
        code = exc.code
    return code, out.getvalue(), err.getvalue()


def test_ledger_writes_both_sheets_for_the_whole_plan(world, tmp_path):
    path = tmp_path / "台账.xlsx"
    assert run("ledger", str(world["plan"].pk), "-o", str(path)) == (0, f"已导出：{path}\n", "")
    wb = load_workbook(path)
    assert wb.sheetnames == ["任务台账", "开展情况"]
    assert (wb["任务台账"].max_row, wb["开展情况"].max_row) == (2 + 11, 2 + 5)


def test_bulletin_writes_the_period(world, tmp_path):
    path = tmp_path / "简报.docx"
    code, out, err = run("bulletin", str(world["plan"].pk), "--from", "2019-02-01", "--to", "2019-02-28",
                         "--issue", "2", "-o", str(path))  # fmt: skip
    assert (code, err) == (0, "")
    text = [p.text for p in docx.Document(path).paragraphs]
    assert text[:2] == ["工作简报", "第 2 期"]
    assert "党外干部和民主党派科：第一期读书会已举办（2019年2月20日，统战部会议室，45人参加）。" in text


def test_a_missing_plan_is_named_and_exits_1_without_a_file(world, tmp_path):
    path = tmp_path / "x.xlsx"
    assert run("ledger", "99999", "-o", str(path)) == (
        1, "", "导出失败：找不到编号为 99999 的方案。可在“方案”页面或 /api/plans/ 查看方案编号。\n",
    )  # fmt: skip
    assert not path.exists()


def test_an_unwritable_path_is_explained(world, tmp_path):
    missing_dir = tmp_path / "没有这个目录" / "台账.xlsx"
    code, out, err = run("ledger", str(world["plan"].pk), "-o", str(missing_dir))
    assert (code, out) == (1, "")
    assert err == f"导出失败：无法写入“{missing_dir}”：No such file or directory。请检查目录是否存在、是否有写权限。\n"
    code, out, err = run("ledger", str(world["plan"].pk), "-o", str(tmp_path))
    assert (code, err) == (1, f"导出失败：“{tmp_path}”是一个目录，请给出文件名，例如 {tmp_path / '测试庆祝活动方案-台账.xlsx'}。\n")


def test_bulletin_dates_are_checked(world, tmp_path):
    path = str(tmp_path / "b.docx")
    with pytest.raises(CommandError) as bad:
        call_command("export", "bulletin", str(world["plan"].pk), "--from", "2019-7-1", "--to", "2019-07-31", "-o", path)
    assert "日期格式应为 YYYY-MM-DD，例如 2019-07-01，收到的是“2019-7-1”" in str(bad.value)
    code, _out, err = run("bulletin", str(world["plan"].pk), "--from", "2019-08-01", "--to", "2019-07-31", "-o", path)
    assert (code, err) == (1, "导出失败：起始日期（--from）不能晚于截止日期（--to）。\n")


def test_the_tongxin_command_exits_non_zero_from_the_shell(tmp_path):
    """The real entry point (`tongxin export …`) on an empty scratch database: exit status 1 and the message."""
    env = dict(os.environ, TONGXIN_DATA_DIR=str(tmp_path), DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}")
    subprocess.run([sys.executable, "-m", "tongxin.cli", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    done = subprocess.run([sys.executable, "-m", "tongxin.cli", "export", "ledger", "7", "-o", str(tmp_path / "a.xlsx")],
                          cwd=ROOT, env=env, capture_output=True, text=True)  # fmt: skip
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr.strip() == "导出失败：找不到编号为 7 的方案。可在“方案”页面或 /api/plans/ 查看方案编号。"
