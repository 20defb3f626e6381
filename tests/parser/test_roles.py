"""Role phrases in every form real plans use, and telling people from units."""

from __future__ import annotations

import pytest

from tongxin.parser.clean import clean
from tongxin.parser.roles import find_carry_over, scan_roles
from tongxin.parser.units import looks_like_name, split_units


def roles(text: str, *, carry: bool = False) -> tuple[list[str], list[str], list[str]]:
    doc = clean(text)
    scan = scan_roles(doc.text, doc.work, 0, len(text), find_carry_over(doc.text, doc.work) if carry else None)
    for ref in (*scan.lead, *scan.responsible, *scan.cooperating):
        assert text[ref.span.start:ref.span.end] == ref.name
    return [r.name for r in scan.lead], [r.name for r in scan.responsible], [r.name for r in scan.cooperating]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("开展活动。(牵头领导:郑江、乌力吉、张圣合,责任科室:部机关各科室,配合单位:市直统战系统单位)",
         (["郑江", "乌力吉", "张圣合"], ["部机关各科室"], ["市直统战系统单位"])),
        ("帮助企业复工。（牵头单位：市工信局、交发集团；责任单位：各县市区人民政府、园区和示范区管委会）",
         ([], ["市工信局", "交发集团", "各县市区人民政府", "园区和示范区管委会"], [])),
        ("开展整治。〔牵头单位：市城管局；配合单位：各县（市、区）人民政府〕",
         ([], ["市城管局"], ["各县（市、区）人民政府"])),
        ("开展座谈。(责任科室:党外干部和人事党派科,配合科室:各民主党派市委〈总支〉办公室、党外知识分子联络服务中心)",
         ([], ["党外干部和人事党派科"], ["各民主党派市委〈总支〉办公室", "党外知识分子联络服务中心"])),
        ("推进建设（省政府办公厅牵头，省大数据局配合，各有关部门、各市政府分工负责）",
         ([], ["省政府办公厅", "各有关部门", "各市政府"], ["省大数据局"])),
        ("评价（省大数据局、省委网信办牵头，省发展改革委、省住房城乡建设厅等有关部门配合，各市政府落实）",
         ([], ["省大数据局", "省委网信办", "各市政府"], ["省发展改革委", "省住房城乡建设厅"])),
        ("示范应用（省大数据局牵头，各有关部门分头落实）", ([], ["省大数据局", "各有关部门"], [])),
        ("法律援助。（责任单位：市司法局、市工信局、市公安局等）", ([], ["市司法局", "市工信局", "市公安局"], [])),
        ("完善平台。\n责任单位：市发改委、市财政局\n配合单位:市商务局", ([], ["市发改委", "市财政局"], ["市商务局"])),
        ("由市委宣传部牵头，市文明办、团市委配合，组织开展评选。", ([], ["市委宣传部"], ["市文明办", "团市委"])),
        ("参加由随州市志愿者拓展总队举办的“平安出行”活动", ([], ["随州市志愿者拓展总队"], [])),
        ("（牵头领导：市委常委、统战部部长王志强；责任单位：市委统战部）", (["王志强"], ["市委统战部"], [])),
        ("（责任人：李明同志；牵头单位为市教育局）", (["李明"], ["市教育局"], [])),
        ("（牵头领导：市委统战部；责任单位：办公室）", ([], ["市委统战部", "办公室"], [])),
        ("（省大数据局负责）（1个省级政务云平台，N个市级政务云节点）", ([], ["省大数据局"], [])),
    ],
)
def test_role_forms(text: str, expected: tuple[list[str], list[str], list[str]]) -> None:
    assert roles(text) == expected


def test_same_unit_in_several_phrases_is_listed_once_in_order_of_first_appearance() -> None:
    text = "甲（省大数据局、省政府办公厅牵头，各有关部门配合）。乙（省政府办公厅牵头，省大数据局配合）。丙（省财政厅牵头）"
    assert roles(text) == ([], ["省大数据局", "省政府办公厅", "省财政厅"], ["各有关部门", "省大数据局"])


def test_sentences_that_merely_mention_units_are_not_roles() -> None:
    text = "由市委统战部统筹编辑为一期微视频，由各民主党派主委参考市委统战部提供的祝福语。责成专门领导、指定专门人员负责。"
    assert roles(text) == ([], [], [])


def test_empty_label_is_a_warning() -> None:
    doc = clean("召开大会。（责任单位：）")
    scan = scan_roles(doc.text, doc.work, 0, len(doc.text))
    assert [(w.kind, w.message) for w in scan.warnings] == [("empty_role", "“责任单位”后没有列出单位或人员")]


def test_first_listed_leads_when_the_note_says_so_and_it_carries_over() -> None:
    text = ("1.推进光纤网络。（省通信管理局、省工业和信息化厅，列第一位者为牵头单位，下同）\n"
            "2.建设物流网络。（省商务厅、省交通运输厅）")
    doc = clean(text)
    carry = find_carry_over(doc.text, doc.work)
    second = text.index("2.")
    first_scan = scan_roles(doc.text, doc.work, 0, second, carry)
    second_scan = scan_roles(doc.text, doc.work, second, len(text), carry)
    assert [r.name for r in first_scan.responsible] == ["省通信管理局", "省工业和信息化厅"]
    assert [r.name for r in second_scan.responsible] == ["省商务厅", "省交通运输厅"]


def test_first_listed_leads_and_the_rest_cooperate_when_the_note_says_so() -> None:
    text = "（列第一位者为牵头单位，其余为配合单位，下同）\n1.建设物流网络。（省商务厅、省交通运输厅）"
    assert roles(text, carry=True) == ([], ["省商务厅"], ["省交通运输厅"])


def test_units_named_once_for_all_later_items() -> None:
    text = "以下各项任务均需各县（市、区）人民政府负责落实，不再一一列出。\n1.推进改革。（市发改委牵头）"
    doc = clean(text)
    carry = find_carry_over(doc.text, doc.work)
    start = text.index("1.")
    scan = scan_roles(doc.text, doc.work, start, len(text), carry)
    assert [r.name for r in scan.responsible] == ["各县（市、区）人民政府", "市发改委"]


def test_split_units_keeps_inner_punctuation_and_drops_deng_tails() -> None:
    text = "各县（市、区）人民政府，各区、县级市；市公安局等有关部门"
    doc = clean(text)
    assert [text[s:e] for s, e in split_units(doc.work, 0, len(text))] == ["各县（市、区）人民政府", "各区、县级市", "市公安局"]


def test_bare_levels_share_the_noun_after_them() -> None:
    for text, expected in [("各市、县政府，市教育局", ["各市、县政府", "市教育局"]),
                           ("省、市、县相关部门", ["省、市、县相关部门"]),
                           ("各区；县级市", ["各区", "县级市"]),  # not a 、 list
                           ("市财政局、县财政局", ["市财政局", "县财政局"])]:
        doc = clean(text)
        assert [text[s:e] for s, e in split_units(doc.work, 0, len(text))] == expected, text


@pytest.mark.parametrize(("name", "person"), [("张圣合", True), ("乌力吉", True), ("欧阳明", True), ("民委", False),
                                              ("办公室", False), ("研究室", False), ("市侨联", False), ("各部门", False)])
def test_names_are_told_from_units(name: str, person: bool) -> None:
    assert looks_like_name(name) is person


def test_leader_with_posts_in_brackets() -> None:
    assert roles("（牵头领导：李华（街道党工委书记）；责任单位：街道宣传办）") == (["李华"], ["街道宣传办"], [])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("（牵头领导：张三 李四；责任单位：市发改委 市财政局）", (["张三", "李四"], ["市发改委", "市财政局"], [])),
        ("（牵头领导：王  强）", (["王  强"], [], [])),
        ("责任单位：市发改委（牵头）、市财政局", ([], ["市发改委", "市财政局"], [])),
    ],
)
def test_lists_written_with_spaces_and_role_notes(text: str, expected: tuple[list[str], list[str], list[str]]) -> None:
    assert roles(text) == expected


def test_hosts_named_with_you_are_responsible() -> None:
    assert roles("参加由市委宣传部、市文明办主办的“道德讲堂”活动") == ([], ["市委宣传部", "市文明办"], [])
