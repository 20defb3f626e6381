"""Whole documents: the reference plan against its gold parse, and made-up plans of the genre."""

from __future__ import annotations

import difflib
import json
from pathlib import Path

import pytest

from tongxin.parser import parse_text

SHARED = Path(__file__).resolve().parents[3] / "shared"
FIXTURES = Path(__file__).parent / "fixtures"
REFERENCE = Path(__file__).resolve().parents[2] / "tongxin" / "examples" / "chifeng-2019-united-front-70th-plan.txt"
SCORED = ["lead_leaders", "responsible", "cooperating", "places", "phases"]


def parse_fixture(name: str) -> dict:
    return parse_text((FIXTURES / name).read_text(encoding="utf-8"), filename=name).to_json()


def by_number(doc: dict) -> dict:
    return {a["number"]: a for a in doc["activities"]}


def test_reference_plan_matches_its_gold_parse() -> None:
    gold_path = SHARED / "eval" / "dev" / "chifeng-2019-united-front-70th-plan.gold.json"
    if not gold_path.exists():
        pytest.skip("../shared/eval is not beside the project")
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    got = parse_text(REFERENCE.read_text(encoding="utf-8")).to_json()
    assert (got["year"], got["issuer"]) == (gold["year"], gold["issuer"])
    assert [(s["number"], s["title"]) for s in got["sections"]] == [(s["number"], s["title"]) for s in gold["sections"]]
    assert [r["title"] for r in got["requirements"]] == [r["title"] for r in gold["requirements"]]
    assert [a["number"] for a in got["activities"]] == [a["number"] for a in gold["activities"]]
    for g, p in zip(gold["activities"], got["activities"], strict=True):
        for field in SCORED:
            assert p[field] == g.get(field, []), (g["number"], field)
        assert [(w["start"], w["end"]) for w in p["windows"]] == [(w["start"], w["end"]) for w in g["windows"]]
        assert [(s["start"], s["end"], s.get("place")) for s in p["sessions"]] == \
            [(s["start"], s["end"], s.get("place")) for s in g["sessions"]], g["number"]
        for gs, ps in zip(g["sessions"], p["sessions"], strict=True):  # titles are derived: as close as the scorer asks
            assert difflib.SequenceMatcher(None, gs["title"], ps["title"]).ratio() >= 0.8, (gs["title"], ps["title"])
        assert p["components"] == g["components"], g["number"]
    assert got["contacts"][0]["name"] == "胡延鹏"
    assert (got["contacts"][0]["phones"], got["contacts"][0]["fax"]) == (["8334706"], "8301979")
    assert got["reporting"]["to"] == "市委统战部"
    assert got["boilerplate_dropped"] == ["上一篇:已经没有了"]
    assert [d["names"] for d in got["possible_duplicates"]] == [
        ["党外干部和民主党派科", "党外干部和人事党派科"], ["党外知识分子联络中心", "党外知识分子联络服务中心"]]


def test_every_schema_field_is_present_even_when_empty() -> None:
    doc = parse_text("随便写的一段话。").to_json()
    for key in ("year", "issuer", "sections", "activities", "requirements", "reporting", "contacts", "title",
                "warnings", "possible_duplicates", "boilerplate_dropped"):
        assert key in doc
    assert doc["activities"] == []


def test_work_plan_with_table_flattened_one_cell_per_line() -> None:
    doc = parse_fixture("workplan_table_lines.txt")
    assert [(a["number"], a["title"], a["responsible"], [w["end"] for w in a["windows"]]) for a in doc["activities"]] == [
        ("1", "深化“放管服”改革，全面推行“一网通办”", ["县政务服务中心", "县直各有关单位"], ["2021-06-30"]),
        ("2", "开展涉企收费专项清理", ["县发展改革局", "县财政局", "县市场监管局"], ["2021-09-30"]),
        ("3", "建立企业家恳谈会制度，每季度召开一次", ["县工商联", "县委统战部"], []),
    ]
    assert doc["issuer"] == "中共某某县委办公室"
    assert doc["contacts"] == [{"name": "王小明", "phones": ["0731-5551234"], "fax": None, "email": "yshj@example.com",
                                "span": doc["contacts"][0]["span"]}]
    assert [r["title"] for r in doc["requirements"]] == ["加强组织领导", "强化督查考核"]


def test_work_plan_with_pipe_table_and_leaders() -> None:
    doc = parse_fixture("workplan_pipes.txt")
    rows = [(a["lead_leaders"], a["responsible"], a["cooperating"]) for a in doc["activities"]]
    assert rows == [
        (["李建国"], ["市城管局"], ["各区人民政府", "市住建局"]),
        (["张华"], ["团市委"], ["市文明办", "各区（县）文明办"]),
        (["王强"], ["市委宣传部"], ["市教育局"]),
    ]
    # 完成时限 makes every date in that column a deadline
    assert [(w["start"], w["end"]) for w in doc["activities"][2]["windows"]] == [(None, "2022-09-30")]


def test_single_event_notice_is_one_item_without_a_number() -> None:
    doc = parse_fixture("notice_single_event.txt")
    [item] = doc["activities"]
    assert (item["number"], item["title"]) == (None, "全县统战干部业务能力提升培训班")
    assert item["places"] == ["县委党校三楼报告厅"]
    assert item["participants"] == ["各乡镇党委统战委员", "县委统战部全体干部"]
    assert ("2023-05-16", "2023-05-18") in [(w["start"], w["end"]) for w in item["windows"]]
    assert item["components"] == ["training"]
    assert doc["issuer"] == "中共某某县委统战部"
    assert doc["reporting"]["to"] == "县委统战部办公室"
    assert doc["contacts"][0]["phones"] == ["0738-7654321", "13812345678"]


def test_multilevel_work_plan_items_are_the_attributed_headings() -> None:
    doc = parse_fixture("workplan_multilevel.txt")
    items = by_number(doc)
    assert list(items) == ["一", "二", "三", "1", "2"]
    assert items["一"]["responsible"] == ["市纪委监委", "各县（市、区）党委", "政府", "市直各部门"]
    assert items["三"]["lead_leaders"] == ["陈立新"]
    assert items["三"]["cooperating"] == ["市财政局", "市审计局"]
    assert items["三"]["phases"] == ["动员部署", "自查自纠", "集中整治", "总结验收"]
    assert items["1"]["windows"][0]["end"] == "2020-09-30"
    warnings = [w["message"] for w in doc["warnings"]]
    assert "“责任单位”后没有列出单位或人员" in warnings
    assert "第2项“召开全市警示教育大会”没有写明牵头或责任单位" in warnings
    assert [r["title"] for r in doc["requirements"]] == ["加强组织领导", "加强宣传引导"]


def test_action_plan_with_carry_over_note() -> None:
    doc = parse_fixture("actionplan_carry.txt")
    assert doc["year"] == 2021
    assert [(a["number"], a["responsible"], a["cooperating"]) for a in doc["activities"]] == [
        ("1", ["省通信管理局", "省工业和信息化厅", "省发展改革委"], []),
        ("2", ["省商务厅", "省交通运输厅", "省邮政管理局"], []),
        ("3", ["省农业农村厅"], ["省科技厅", "省大数据局"]),
        ("4", ["省商务厅", "各市人民政府"], ["省财政厅", "省乡村振兴局"]),
    ]


def test_community_plan_with_recurrence_sub_events_and_pending_place() -> None:
    doc = parse_fixture("community_recurring.txt")
    items = by_number(doc)
    assert items["一"]["recurrence"]["text"].startswith("每月第二个星期五")
    assert items["一"]["places"] == ["社区活动室"]
    assert [(s["title"], s["start"], s["place"]) for s in items["三"]["sessions"]] == [
        ("学雷锋志愿服务启动仪式", "2018-03-05", "社区文化广场"), ("文艺演出", "2018-05-04", "敬老院")]
    assert items["四"]["place_pending"] is True and items["四"]["places"] == []
    assert items["四"]["windows"][0]["tentative"] is True
    assert "call:photo" in items["四"]["components"]
    assert doc["issuer"] == "阳光社区"


def test_activity_plan_without_arrangement_section_uses_activity_headings() -> None:
    doc = parse_fixture("activity_plan_top_level.txt")
    assert doc["issuer"] == "市妇联"
    rows = [(a["number"], a["title"], a["places"], a["place_pending"]) for a in doc["activities"]]
    assert rows == [
        ("一", "“巾帼心向党”主题座谈会", ["市妇女儿童活动中心"], False),
        ("二", "“最美家庭”评选活动", ["市民广场"], False),
        ("三", "女职工健康知识讲座", [], True),
    ]
    assert doc["reporting"]["to"] == "市妇联办公室"


def test_notice_items_with_leading_dates_and_places_in_their_headings() -> None:
    doc = parse_fixture("notice_dated_items.txt")
    items = by_number(doc)
    assert [a["title"] for a in doc["activities"]] == ["党史知识竞赛", "重温入党誓词", "走访慰问老党员",
                                                        "“光荣在党50年”纪念章颁发仪式"]
    assert [(w["start"], w["end"]) for w in items["一"]["windows"]] == [("2021-06-25", "2021-06-25")]
    assert items["一"]["places"] == ["机关三楼会议室"]
    assert items["一"]["participants"] == ["各支部推荐的党员代表"]
    assert items["一"]["components"] == ["quiz"]
    assert items["三"]["responsible"] == ["机关党委办公室"]
    assert items["三"]["components"] == ["visits"]
    assert (doc["issuer"], doc["year"]) == ("机关党委", 2021)
    assert doc["contacts"][0]["name"] == "赵敏"


def test_attribution_marked_xia_tong_covers_later_items_without_their_own() -> None:
    text = ("一、重点任务\n1.开展危险化学品专项整治。（牵头单位：区应急管理局；配合单位：区市场监管局，下同）\n"
            "2.开展消防安全专项整治。\n3.开展道路交通安全整治。（牵头单位：区公安分局）\n二、工作要求\n（一）加强领导。")
    doc = parse_text(text).to_json()
    assert [(a["number"], a["responsible"], a["cooperating"]) for a in doc["activities"]] == [
        ("1", ["区应急管理局"], ["区市场监管局"]),
        ("2", ["区应急管理局"], ["区市场监管局"]),
        ("3", ["区公安分局"], []),
    ]


def test_schedule_table_with_place_and_participant_columns() -> None:
    doc = parse_fixture("notice_schedule_table.txt")
    rows = [(a["title"], a["places"], a["participants"], a["responsible"], [w["start"] for w in a["windows"]])
            for a in doc["activities"]]
    assert rows == [
        ("包粽子比赛", ["社区文化广场"], ["辖区居民", "志愿者"], ["东风社区"], ["2022-06-01"]),
        ("端午诗词朗诵会", ["街道文化站"], ["中小学生"], ["街道文化站", "团工委"], ["2022-06-02"]),
    ]


@pytest.mark.parametrize("joiner", [" ", ""])
def test_reference_plan_flattened_to_one_line_reads_the_same(joiner: str) -> None:
    text = REFERENCE.read_text(encoding="utf-8")
    lines = [line.strip() for line in text.splitlines()]
    expected = parse_text(text).to_json()["activities"]
    got = parse_text(joiner.join(lines)).to_json()["activities"]
    assert [(a["number"], a["title"], a["lead_leaders"], a["responsible"], a["cooperating"]) for a in got] == \
        [(a["number"], a["title"], a["lead_leaders"], a["responsible"], a["cooperating"]) for a in expected]
    assert [[(w["start"], w["end"]) for w in a["windows"]] for a in got] == \
        [[(w["start"], w["end"]) for w in a["windows"]] for a in expected]


def test_notice_flattened_without_any_separator_keeps_its_stages_and_fields() -> None:
    text = ("为庆祝国庆，现将事项通知如下:第一阶段:升旗仪式一、时间:2019年10月1日早上7:00二、地点:南华广场"
            "三、参加人员:全体校领导第二阶段:集体收看一、时间:2019年10月1日上午二、地点:视频会议室"
            "四、要求:请准时。几点说明:1.请报送图片;2.请按时收看。南华大学党委宣传部2019年9月26日")
    doc = parse_text(text).to_json()
    assert [(a["number"], a["title"], a["places"]) for a in doc["activities"]] == [
        ("一", "升旗仪式", ["南华广场"]), ("二", "集体收看", ["视频会议室"])]
    assert [r["title"] for r in doc["requirements"]] == ["请报送图片", "请按时收看"]
    assert doc["issuer"] == "南华大学党委宣传部"


def test_dates_under_a_time_limit_label_are_deadlines() -> None:
    text = ("一、重点任务\n1.推进政务服务平台建设。\n牵头单位：市发改委\n完成时限：2019年12月底\n"
            "2.开展专项清理。（责任单位：市财政局；完成时限：2019年6月）\n3.举办培训班。时间：2019年5月。（责任单位：市人社局）")
    doc = parse_text(text).to_json()
    assert [[(w["start"], w["end"], w["deadline"]) for w in a["windows"]] for a in doc["activities"]] == [
        [(None, "2019-12-31", True)], [(None, "2019-06-30", True)], [("2019-05-01", "2019-05-31", False)]]


def test_cell_per_line_table_without_numbers_ends_at_the_next_heading() -> None:
    text = ("二、任务分工\n工作任务\n牵头单位\n完成时限\n推进政务服务平台建设\n市发改委\n2019年6月底前\n"
            "开展涉企收费清理\n市财政局\n2019年9月底前\n三、保障措施\n（一）加强领导。\n（二）严格考核。")
    doc = parse_text(text).to_json()
    assert [(a["number"], a["title"], a["responsible"]) for a in doc["activities"]] == [
        (None, "推进政务服务平台建设", ["市发改委"]), (None, "开展涉企收费清理", ["市财政局"])]
    assert [r["title"] for r in doc["requirements"]] == ["加强领导", "严格考核"]
