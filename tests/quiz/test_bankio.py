import csv
import io

import docx
import openpyxl
import pytest

from tongxin.quiz.bankio import parse_answer, read_bank, template_xlsx
from tongxin.quiz.models import Bank, Question
from tongxin.quiz.services import QuizError, bank_import_commit


def _xlsx(rows):
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


HEAD = ["题型", "题干", "选项A", "选项B", "选项C", "选项D", "答案", "解析", "分类", "难度"]


def test_answers_in_every_usual_spelling():
    assert parse_answer("multiple", "ABD", 4) == [0, 1, 3]
    assert parse_answer("multiple", "A、B", 4) == [0, 1]
    assert parse_answer("judge", "对", 2) == [True]
    assert parse_answer("judge", "×", 2) == [False]
    assert parse_answer("judge", "√", 2) == [True]
    with pytest.raises(ValueError, match="超出"):
        parse_answer("single", "E", 4)


def test_the_template_reads_back_cleanly():
    parsed = read_bank("模板.xlsx", template_xlsx())
    assert parsed.errors == []
    assert [r["type"] for r in parsed.rows] == ["single", "multiple", "judge", "blank"]
    assert parsed.rows[1]["answer"] == [0, 1, 2]


def test_xlsx_with_broken_rows_names_them_and_writes_nothing(db):
    data = _xlsx([HEAD, ["单选", "新中国成立于？", "1921", "1949", "", "", "B", "", "国史", "易"],
                  ["单选", "", "甲", "乙", "", "", "A", "", "", ""],
                  ["问答", "什么是统战？", "", "", "", "", "略", "", "", ""],
                  ["多选", "三大法宝？", "统一战线", "武装斗争", "党的建设", "", "ABC", "", "", ""]])
    parsed = read_bank("bank.xlsx", data)
    assert parsed.errors == ["第 3 行：题干为空", "第 4 行：题型“问答”无法识别（应为单选、多选、判断或填空）"]
    bank = Bank.objects.create(title="b")
    with pytest.raises(QuizError, match="未导入任何题目"):
        bank_import_commit(actor="测试", bank=bank, parsed=parsed)
    assert Question.objects.count() == 0


def test_csv_in_gbk_and_wenjuanxing_headers(db):
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["题目类型", "题目内容", "选项A", "选项B", "正确答案"])
    writer.writerow(["判断题", "人民政协是统一战线组织。", "", "", "√"])
    writer.writerow(["单选题", "统一战线是几大法宝之一？", "三", "五", "A"])
    parsed = read_bank("wjx.csv", out.getvalue().encode("gb18030"))
    assert parsed.errors == []
    assert parsed.rows[0]["answer"] == [True] and parsed.rows[1]["options"] == ["三", "五"]
    bank = Bank.objects.create(title="b")
    assert len(bank_import_commit(actor="测试", bank=bank, parsed=parsed)) == 2


def test_xls_read_through_calamine():
    with open("tests/quiz/sample.xls", "rb") as handle:
        parsed = read_bank("sample.xls", handle.read())
    assert parsed.errors == []
    assert parsed.rows[0]["text"] == "新中国成立于哪一年？" and parsed.rows[0]["answer"] == [1]


NUMBERED = """1. 中华人民共和国成立于（ ）
A. 1921年 B. 1949年 C. 1978年
答案：B
解析：1949年10月1日
2、统一战线的法宝包括（ ）
A、统一战线
B、武装斗争
C、党的建设
答案：ABC
3. 人民政协是爱国统一战线组织。
答案：对
4. 新中国成立于____年。
答案：1949
"""


def test_numbered_text_and_docx():
    parsed = read_bank("bank.txt", NUMBERED.encode())
    assert parsed.errors == []
    assert [(r["type"], r["answer"]) for r in parsed.rows] == [
        ("single", [1]), ("multiple", [0, 1, 2]), ("judge", [True]), ("blank", ["1949"])]
    assert parsed.rows[0]["explanation"] == "1949年10月1日"
    document = docx.Document()
    for line in NUMBERED.splitlines():
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    assert len(read_bank("bank.docx", out.getvalue()).rows) == 4


def test_near_duplicates_are_flagged_and_corrupt_files_refused():
    parsed = read_bank("b.txt", "1. 新中国成立于哪一年？\nA. 1949 B. 1950\n答案：A\n2. 新中国成立于哪一年\nA. 1949 B. 1950\n答案：A\n".encode())
    assert parsed.near_duplicates and "第 4 行" in parsed.near_duplicates[0]
    assert read_bank("x.xlsx", b"not a workbook").errors == ["文件无法读取：请确认文件未损坏且与扩展名一致"]
