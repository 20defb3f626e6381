"""Length-preserving clean-up: the working copy, boilerplate ranges and paragraph splitting."""

from __future__ import annotations

from tongxin.parser.clean import clean


def paragraphs(text: str) -> list[str]:
    doc = clean(text)
    return [text[s:e] for s, e in doc.paragraphs]


def test_working_copy_is_half_width_and_exactly_as_long() -> None:
    text = "（一）责任单位：市委统战部；２０１９年〔2011〕\u3000Ａ"
    doc = clean(text)
    assert doc.work == "(一)责任单位:市委统战部;2019年(2011) A"
    assert len(doc.work) == len(text)


def test_web_page_leftovers_are_dropped_but_the_text_is_untouched() -> None:
    text = ("关于开展活动的通知\n发布时间：2019-09-26  浏览次数：1234\n一、活动安排\n正文。\n"
            "【打印本页】 【关闭窗口】\n上一篇：已经没有了\n下一篇：关于某某的通知\n返回顶部")
    doc = clean(text)
    dropped = [text[s:e] for s, e in doc.boilerplate]
    assert dropped == ["发布时间：2019-09-26  浏览次数：1234", "【打印本页】", "【关闭窗口】", "上一篇：已经没有了",
                       "下一篇：关于某某的通知", "返回顶部"]
    assert paragraphs(text) == ["关于开展活动的通知", "一、活动安排", "正文。"]


def test_print_line_and_copy_list_are_boilerplate() -> None:
    text = "一、任务\n正文。\n抄送：省委各部门。\n  山东省人民政府办公厅2019年3月15日印发"
    assert [text[s:e] for s, e in clean(text).boilerplate] == ["抄送：省委各部门。", "山东省人民政府办公厅2019年3月15日印发"]


def test_one_long_line_splits_at_its_numbering() -> None:
    text = ("为做好工作，制定如下方案：一、指导思想。坚持以人民为中心。二、主要任务。（一）开展调研。"
            "（二）召开座谈会，研究1.5亿元资金安排。三、工作要求。")
    assert paragraphs(text) == [
        "为做好工作，制定如下方案：", "一、指导思想。坚持以人民为中心。", "二、主要任务。", "（一）开展调研。",
        "（二）召开座谈会，研究1.5亿元资金安排。", "三、工作要求。",
    ]


def test_collapsed_paragraph_breaks_split_at_spaces_between_chinese_text() -> None:
    text = "某某意见 各县市区人民政府： 根据有关精神，提出如下意见： 一、帮助企业复工。（责任单位：市工信局） " * 3
    parts = paragraphs(text)
    assert parts[:4] == ["某某意见", "各县市区人民政府：", "根据有关精神，提出如下意见：", "一、帮助企业复工。（责任单位：市工信局）"]


def test_inline_numbers_that_break_the_sequence_do_not_split() -> None:
    text = "一、总体要求。获得一、二、三等奖的作品。二、工作安排。"
    assert paragraphs(text) == ["一、总体要求。获得一、二、三等奖的作品。", "二、工作安排。"]
