"""Word plans whose division of labour is a table (任务分工表): group rows, merged leader cells, 第X条 numbers."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from tests.parser import makefiles
from tongxin.parser import DocumentError, parse_file, readers

HEADER = ["序号", "重点任务", "责任领导", "牵头单位", "配合单位", "完成时限"]
BLANK = [""] * 6
ROWS = [
    HEADER,
    BLANK,  # 一、优化营商环境, merged across the row
    ["第1条", "深化“放管服”改革，推行“一网通办”。\n年底前政务服务事项网上可办率达到95%以上。", "王志刚", "县政务服务中心",
     "县大数据局、县司法局", "2024年12月底前"],
    ["第2条", "开展涉企收费专项清理", "王志刚", "县发展改革局", "县财政局等有关部门", "2024年6月底前"],
    BLANK,  # 二、保障改善民生
    ["第3条", "实施城乡居民增收行动", "李红", "县人力资源社会保障局", "各乡镇人民政府", "全年"],
    ["第4条", "推进农村人居环境整治", "李红", "县农业农村局", "县住建局、县生态环境分局", "2024年第三季度"],
]


@pytest.fixture
def division_docx(tmp_path: Path) -> Path:
    return makefiles.write_division_docx(
        tmp_path / "分工方案.docx", ROWS,
        before=["某某县2024年重点工作任务分工方案", "为确保各项任务落实，制定本方案。", "附件：任务分工表"],
        group_rows={1: "一、优化营商环境", 4: "二、保障改善民生"},
        merge_down={(2, 2): 3, (5, 2): 6},  # each leader written once for the two tasks of a group
    )


def test_every_row_is_an_item_across_group_rows(division_docx: Path) -> None:
    result = parse_file(division_docx)
    assert [(a.number, a.title.value) for a in result.activities] == [
        ("1", "深化“放管服”改革，推行“一网通办”"),
        ("2", "开展涉企收费专项清理"),
        ("3", "实施城乡居民增收行动"),
        ("4", "推进农村人居环境整治"),
    ]


def test_columns_give_leaders_units_and_deadlines(division_docx: Path) -> None:
    doc = parse_file(division_docx).to_json()
    rows = [(a["lead_leaders"], a["responsible"], a["cooperating"], [(w["start"], w["end"]) for w in a["windows"]])
            for a in doc["activities"]]
    assert rows == [
        (["王志刚"], ["县政务服务中心"], ["县大数据局", "县司法局"], [(None, "2024-12-31")]),
        (["王志刚"], ["县发展改革局"], ["县财政局"], [(None, "2024-06-30")]),  # 等有关部门 dropped
        (["李红"], ["县人力资源社会保障局"], ["各乡镇人民政府"], [("2024-01-01", "2024-12-31")]),  # 全年: all year
        (["李红"], ["县农业农村局"], ["县住建局", "县生态环境分局"], [(None, "2024-09-30")]),
    ]


def test_bloated_docx_is_refused_quickly_in_chinese(tmp_path: Path) -> None:
    path = makefiles.write_bloated_docx(tmp_path / "大.docx", readers.MAX_DOCX_XML + 1_000_000)
    assert path.stat().st_size < 200_000  # small on disk, large unpacked
    started = time.process_time()
    with pytest.raises(DocumentError) as caught:
        parse_file(path)
    assert time.process_time() - started < 2
    assert caught.value.message == readers.MSG_DOCX_TOO_LARGE.format(limit=readers.MAX_DOCX_XML // 2**20)
    assert "过大" in caught.value.message


def test_long_docx_under_the_cap_reads_in_linear_time(tmp_path: Path) -> None:
    paragraphs = [f"{i}.推进第{i}项重点工作，年底前完成。（县发展改革局负责）" for i in range(1, 100)] * 40
    path = makefiles.write_docx(tmp_path / "长.docx", ["某某县重点工作方案", "一、重点任务", *paragraphs])
    started = time.process_time()
    text = readers.read_document(path)
    assert time.process_time() - started < 3
    assert len(text.split("\n")) == len(paragraphs) + 3  # with the title, the heading and the closing line
