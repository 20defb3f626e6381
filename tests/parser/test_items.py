"""Item values: titles, places, phases, components, participants and sessions."""

from __future__ import annotations

import pytest

from tongxin.parser import parse_text
from tongxin.parser.clean import clean
from tongxin.parser.places import find_places
from tongxin.parser.sessions import derive_title


def activity(body: str) -> dict:
    return parse_text(f"二、活动安排\n（一）{body}").to_json()["activities"][0]


@pytest.mark.parametrize(
    ("sentence", "title"),
    [
        ("2019年6月中旬，在哈尔滨社会主义学院，对我市各民主党派骨干成员及优秀年轻干部[由各民主党派市委(总支)选调]进行培训",
         "民主党派骨干成员及优秀年轻干部培训"),
        ("2019年9月下旬，组织无党派人士、党外知识分子和新阶层人士，在敖汉干部学院举办培训班", "无党派人士、党外知识分子和新阶层人士培训班"),
        ("组织社区干部和志愿者进行社区卫生服务，本着社区是我们共同的家的思想", "社区卫生服务"),
        ("三月四日在随州购物中心门口参加由随州市志愿者拓展总队举办的“平安出行,文明礼让”活动", "“平安出行,文明礼让”活动"),
        ("9月下旬，组织市知联会发挥智力优势，到翁旗开展职业农牧民专业知识培训", "职业农牧民专业知识培训"),
        ("7月—10月，组织机关党员干部深入包扶村，开展“一对一”走访慰问", "包扶村“一对一”走访慰问"),
    ],
)
def test_titles_derived_from_what_a_sentence_does(sentence: str, title: str) -> None:
    doc = clean(sentence)
    assert derive_title(sentence, doc.work, 0, len(sentence)).value == title


@pytest.mark.parametrize(
    ("text", "places"),
    [
        ("6月中旬，在哈尔滨社会主义学院，对骨干进行培训", ["哈尔滨社会主义学院"]),
        ("到翁旗开展培训", ["翁旗"]),
        ("活动地点：红湘校区南华广场、西苑办公楼", ["红湘校区南华广场", "西苑办公楼"]),
        ("会议地点设在县委党校三楼报告厅。", ["县委党校三楼报告厅"]),
        ("在国旗下共同庆祝，在各主要媒体分期播出，在疫情防控期间开展，在全县开展，在线上开展", []),
        ("对政府主导的资金在投在保的中小企业继续给予支持，对到期的采取续保措施", []),
    ],
)
def test_places(text: str, places: list[str]) -> None:
    doc = clean(text)
    assert [p.value for p in find_places(text, doc.work, 0, len(text))] == places


def test_pending_place_is_no_place() -> None:
    item = activity("举办座谈会。“十·一”前后召开，地点待定。")
    assert (item["places"], item["place_pending"]) == ([], True)


def test_phases_from_a_list_and_from_stage_headings() -> None:
    assert activity("开展整治活动。从2月—11月，分为学习动员、自查不足、整改提高和总结评估四个阶段。")["phases"] == [
        "学习动员", "自查不足", "整改提高", "总结评估"]
    text = "二、活动安排\n（一）开展专项整治活动。\n1.宣传发动阶段（3月）\n2.集中整治阶段（4月—9月）\n3.总结验收阶段（10月）"
    assert parse_text(text).to_json()["activities"][0]["phases"] == ["宣传发动", "集中整治", "总结验收"]


def test_an_activity_title_ends_at_its_first_clause_but_keeps_quoted_commas() -> None:
    assert activity("开展“我与国旗合个影,我为祖国送祝福”活动，发动更多身边人。")["title"] == "“我与国旗合个影,我为祖国送祝福”活动"
    assert activity("开展党史学习教育读书班，组织党员集中学习。")["title"] == "党史学习教育读书班"


@pytest.mark.parametrize(
    ("body", "components"),
    [
        ("举办“同心学习”双月读书会活动。每两个月举办一期。", ["recurring_meeting"]),
        ("开展“我与国旗合个影”活动。拍摄1分钟微视频。", ["call:video"]),
        ("开展系列活动。一是组织主题征文活动。二是组织知识网上竞答活动。", ["call:essay", "quiz"]),
        ("开展送温暖活动。开展走访慰问，到翁旗开展专业知识培训。", ["visits", "training"]),
        ("开展宗教界教风整治活动。", ["campaign"]),
        ("举办文艺晚会。", ["event"]),
        ("开展“献一策”活动。", ["call:proposal"]),
        ("组织社区卫生服务。", ["other"]),
    ],
)
def test_components(body: str, components: list[str]) -> None:
    assert activity(body)["components"] == components


def test_recurring_themes_become_sessions_spread_over_the_window() -> None:
    item = activity("举办读书会活动。2019年1月—6月，每两个月举办一期，依次以“甲主题”“乙主题”“丙主题”为主题。")
    assert [(s["title"], s["start"], s["end"]) for s in item["sessions"]] == [
        ("甲主题", "2019-01-01", "2019-02-28"), ("乙主题", "2019-03-01", "2019-04-30"), ("丙主题", "2019-05-01", "2019-06-30")]
    assert item["recurrence"]["every_months"] == 2


def test_one_dated_sub_event_is_no_session() -> None:
    assert activity("开展征文活动。2019年7月—9月，组织开展主题征文活动。")["sessions"] == []


def test_a_festival_in_an_event_name_is_no_date_when_the_text_gives_one() -> None:
    doc = parse_text("二、活动安排\n（一）端午诗词朗诵会。2022年6月2日下午在街道文化站举办。\n（二）庆国庆升旗仪式。").to_json()
    first, second = doc["activities"]
    assert [(w["start"], w["text"]) for w in first["windows"]] == [("2022-06-02", "2022年6月2日下午")]
    assert [w["start"] for w in second["windows"]] == ["2022-10-01"]  # the only date there is
    assert doc["title"] is None
    assert [w["message"] for w in doc["warnings"] if w["kind"] == "no_owner"] == ["方案没有为各事项写明牵头或责任单位，请在导入后指定"]


def test_a_task_title_ends_at_its_first_colon() -> None:
    text = "一、重点任务\n1.加快推进数字政府建设和政务服务改革：整合平台，优化流程。（市大数据局牵头）"
    assert parse_text(text).to_json()["activities"][0]["title"] == "加快推进数字政府建设和政务服务改革"
