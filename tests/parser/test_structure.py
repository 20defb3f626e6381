"""The numbering tree: styles, depth, label headings, titles and gaps."""

from __future__ import annotations

from tongxin.parser.clean import clean
from tongxin.parser.structure import Node, build_tree, heading_title, numbering_gaps


def tree(text: str) -> tuple[Node, str]:
    doc = clean(text)
    return build_tree(doc), doc.work


def shape(node: Node) -> list:
    return [(child.number, shape(child)) if child.children else child.number for child in node.children]


def test_conventional_depths_nest() -> None:
    root, _ = tree("一、甲\n（一）乙\n1.丙\n（1）丁\n①戊\n2.己\n（二）庚\n二、辛\n1．壬")
    assert shape(root) == [("一", [("一", [("1", [("1", ["1"])]), "2"]), "二"]), ("二", ["1"])]


def test_arabic_numbering_that_runs_across_sections_has_no_gap() -> None:
    root, _ = tree("一、甲\n1.a\n2.b\n二、乙\n3.c\n4.d\n四、丁")
    assert [(g.after, g.number) for g in numbering_gaps(root)] == [("二", "四")]


def test_stage_headings_hold_field_headings_and_a_label_heading_closes_them() -> None:
    text = "第一阶段：升旗仪式\n一、时间：10月1日\n二、地点：广场\n第二阶段：收看\n一、时间：上午\n几点说明：\n1.请报送图片；\n2.请准时。"
    root, work = tree(text)
    assert shape(root) == [("一", ["一", "二"]), ("二", ["一"]), ("", ["1", "2"])]
    assert [work[slice(*heading_title(work, n))] for n in root.children] == ["升旗仪式", "收看", "几点说明"]


def test_chapter_article_and_activity_styles() -> None:
    root, _ = tree("第一章 总则\n第一条 为了规范。\n第二条 适用范围。\n第二章 活动\n活动一：读书会\n活动二：座谈会")
    assert shape(root) == [("一", ["一", "二"]), ("二", ["一", "二"])]


def test_heading_title_is_the_label_or_the_first_sentence() -> None:
    root, work = tree("一、活动时间：2016年3月\n二、帮助企业复工复产。积极帮助企业。\n三、活动总结")
    assert [work[slice(*heading_title(work, n))] for n in root.children] == ["活动时间", "帮助企业复工复产", "活动总结"]
