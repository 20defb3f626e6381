"""The time normaliser against SCHEMA.md's "Time conventions": one row per convention, then whole sentences."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tongxin.parser.times import (
    Recurrence,
    TimeWindow,
    YearContext,
    find_recurrences,
    find_unparsed,
    find_windows,
    infer_plan_year,
    normalise,
    occurrences,
    spread_sessions,
)

SHARED = Path("/work/shared")


def d(iso: str | None) -> date | None:
    return date.fromisoformat(iso) if iso else None


# phrase, base year, start, end, tentative, approximate, deadline
CASES = [
    # Whole months, in every numeral style.
    ("3月", 2019, "2019-03-01", "2019-03-31", False, False, False),
    ("3月份", 2019, "2019-03-01", "2019-03-31", False, False, False),
    ("十二月", 2019, "2019-12-01", "2019-12-31", False, False, False),
    ("2月", 2020, "2020-02-01", "2020-02-29", False, False, False),
    ("2019年9月", 2000, "2019-09-01", "2019-09-30", False, False, False),
    ("二○一九年三月", 2000, "2019-03-01", "2019-03-31", False, False, False),
    ("二〇二〇年一月", 2000, "2020-01-01", "2020-01-31", False, False, False),
    ("二零一九年五月", 2000, "2019-05-01", "2019-05-31", False, False, False),
    ("２０１９年６月", 2000, "2019-06-01", "2019-06-30", False, False, False),
    ("2019 年 6 月", 2000, "2019-06-01", "2019-06-30", False, False, False),
    ("拟于7月份", 2019, "2019-07-01", "2019-07-31", True, False, False),
    # Month ranges; a second month before the first rolls into the next year.
    ("3月—5月", 2019, "2019-03-01", "2019-05-31", False, False, False),
    ("3月至5月", 2019, "2019-03-01", "2019-05-31", False, False, False),
    ("从3月到5月", 2019, "2019-03-01", "2019-05-31", False, False, False),
    ("3月-5月", 2019, "2019-03-01", "2019-05-31", False, False, False),
    ("3月~5月", 2019, "2019-03-01", "2019-05-31", False, False, False),
    ("3月～5月", 2019, "2019-03-01", "2019-05-31", False, False, False),
    ("3月–5月", 2019, "2019-03-01", "2019-05-31", False, False, False),
    ("3-5月", 2019, "2019-03-01", "2019-05-31", False, False, False),
    ("1月—12月", 2019, "2019-01-01", "2019-12-31", False, False, False),
    ("2019年1月—12月", 2000, "2019-01-01", "2019-12-31", False, False, False),
    ("2019年7月—9月", 2000, "2019-07-01", "2019-09-30", False, False, False),
    ("2019年8月—9月", 2000, "2019-08-01", "2019-09-30", False, False, False),
    ("2019年7月—10月", 2000, "2019-07-01", "2019-10-31", False, False, False),
    ("从2月—11月", 2019, "2019-02-01", "2019-11-30", False, False, False),
    ("11月至2月", 2019, "2019-11-01", "2020-02-29", False, False, False),
    ("11月至次年2月", 2019, "2019-11-01", "2020-02-29", False, False, False),
    ("2019年11月—2020年2月", 2000, "2019-11-01", "2020-02-29", False, False, False),
    ("2019年12月至2020年1月", 2000, "2019-12-01", "2020-01-31", False, False, False),
    ("2019年6月下旬至7月上旬", 2000, "2019-06-21", "2019-07-10", False, False, False),
    # Days and day ranges.
    ("9月1日—9月10日", 2019, "2019-09-01", "2019-09-10", False, False, False),
    ("9月1日至10日", 2019, "2019-09-01", "2019-09-10", False, False, False),
    ("9月1—10日", 2019, "2019-09-01", "2019-09-10", False, False, False),
    ("6月30日至7月5日", 2019, "2019-06-30", "2019-07-05", False, False, False),
    ("12月28日至1月3日", 2019, "2019-12-28", "2020-01-03", False, False, False),
    ("自2019年3月1日起至2019年6月30日止", 2000, "2019-03-01", "2019-06-30", False, False, False),
    ("三月一日及三月二日", 2016, "2016-03-01", "2016-03-02", False, False, False),
    ("三月一日及三月二日上午8:00", 2016, "2016-03-01", "2016-03-02", False, False, False),
    ("二〇一九年十二月三十一日", 2000, "2019-12-31", "2019-12-31", False, False, False),
    ("9月二十一日", 2019, "2019-09-21", "2019-09-21", False, False, False),
    ("12月25号", 2019, "2019-12-25", "2019-12-25", False, False, False),
    ("2019-10-01", 2000, "2019-10-01", "2019-10-01", False, False, False),
    ("2019.10.1", 2000, "2019-10-01", "2019-10-01", False, False, False),
    ("2019/10/01", 2000, "2019-10-01", "2019-10-01", False, False, False),
    # Times of day and notes belong to the phrase but make no window of their own and no deadline.
    ("三月四日上午8:30至10:00", 2016, "2016-03-04", "2016-03-04", False, False, False),
    ("2019年10月1日早上7:00", 2000, "2019-10-01", "2019-10-01", False, False, False),
    ("10月1日(周二)上午(具体时间待定)", 2019, "2019-10-01", "2019-10-01", False, False, False),
    ("2019年10月1日（星期二）上午9点", 2000, "2019-10-01", "2019-10-01", False, False, False),
    ("10月1日上午9:00前", 2019, "2019-10-01", "2019-10-01", False, False, False),
    # Parts of a month.
    ("6月上旬", 2019, "2019-06-01", "2019-06-10", False, False, False),
    ("2019年6月中旬", 2000, "2019-06-11", "2019-06-20", False, False, False),
    ("2019年9月下旬", 2000, "2019-09-21", "2019-09-30", False, False, False),
    ("2月下旬", 2019, "2019-02-21", "2019-02-28", False, False, False),
    ("2020年2月下旬", 2000, "2020-02-21", "2020-02-29", False, False, False),
    ("6月初", 2019, "2019-06-01", "2019-06-10", False, False, False),
    ("6月中", 2019, "2019-06-11", "2019-06-20", False, False, False),
    ("6月底", 2019, "2019-06-21", "2019-06-30", False, False, False),
    ("6月末", 2019, "2019-06-21", "2019-06-30", False, False, False),
    ("6月中下旬", 2019, "2019-06-11", "2019-06-30", False, False, False),
    ("6月上中旬", 2019, "2019-06-01", "2019-06-20", False, False, False),
    # Halves, quarters, the whole year, its start and end.
    ("上半年", 2019, "2019-01-01", "2019-06-30", False, False, False),
    ("下半年", 2019, "2019-07-01", "2019-12-31", False, False, False),
    ("2020年上半年", 2000, "2020-01-01", "2020-06-30", False, False, False),
    ("第一季度", 2019, "2019-01-01", "2019-03-31", False, False, False),
    ("一季度", 2019, "2019-01-01", "2019-03-31", False, False, False),
    ("第三季度", 2019, "2019-07-01", "2019-09-30", False, False, False),
    ("3季度", 2019, "2019-07-01", "2019-09-30", False, False, False),
    ("第四季度", 2019, "2019-10-01", "2019-12-31", False, False, False),
    ("2020年第一季度", 2000, "2020-01-01", "2020-03-31", False, False, False),
    ("第二、三、四季度", 2020, "2020-04-01", "2020-12-31", False, False, False),
    ("二、三季度", 2019, "2019-04-01", "2019-09-30", False, False, False),
    ("前三季度", 2019, "2019-01-01", "2019-09-30", False, False, False),
    ("一季度末", 2019, "2019-03-01", "2019-03-31", False, False, False),
    ("全年", 2019, "2019-01-01", "2019-12-31", False, False, False),
    ("2019年全年", 2000, "2019-01-01", "2019-12-31", False, False, False),
    ("年初", 2019, "2019-01-01", "2019-02-28", False, False, False),
    ("年初", 2020, "2020-01-01", "2020-02-29", False, False, False),
    ("年底", 2019, "2019-12-01", "2019-12-31", False, False, False),
    ("年末", 2019, "2019-12-01", "2019-12-31", False, False, False),
    ("2019年底", 2000, "2019-12-01", "2019-12-31", False, False, False),
    ("2019年年底", 2000, "2019-12-01", "2019-12-31", False, False, False),
    ("2018-2022年", 2000, "2018-01-01", "2022-12-31", False, False, False),
    ("2019年至2021年", 2000, "2019-01-01", "2021-12-31", False, False, False),
    # Years relative to the one in force.
    ("今年6月", 2019, "2019-06-01", "2019-06-30", False, False, False),
    ("明年3月", 2019, "2020-03-01", "2020-03-31", False, False, False),
    ("去年底", 2019, "2018-12-01", "2018-12-31", False, False, False),
    # Deadlines: start is None.
    ("6月底前", 2019, None, "2019-06-30", False, False, True),
    ("6月末前", 2019, None, "2019-06-30", False, False, True),
    ("3月底以前", 2019, None, "2019-03-31", False, False, True),
    ("2020年6月底前", 2000, None, "2020-06-30", False, False, True),
    ("2月底前", 2020, None, "2020-02-29", False, False, True),
    ("年底前", 2019, None, "2019-12-31", False, False, True),
    ("年底之前", 2019, None, "2019-12-31", False, False, True),
    ("年末前", 2019, None, "2019-12-31", False, False, True),
    ("2019年底前", 2000, None, "2019-12-31", False, False, True),
    ("今年底前", 2019, None, "2019-12-31", False, False, True),
    ("年内", 2019, None, "2019-12-31", False, False, True),
    ("2019年内", 2000, None, "2019-12-31", False, False, True),
    ("2019年度内", 2000, None, "2019-12-31", False, False, True),
    ("到2020年", 2019, None, "2020-12-31", False, False, True),
    ("到2020年底", 2019, None, "2020-12-31", False, False, True),
    ("到2020年6月", 2019, None, "2020-06-30", False, False, True),
    ("在2020年实现", 2019, None, "2020-12-31", False, False, True),
    ("在2020年完成", 2019, None, "2020-12-31", False, False, True),
    ("2020年6月30日前", 2000, None, "2020-06-30", False, False, True),
    ("6月30日之前", 2019, None, "2019-06-30", False, False, True),
    ("2019年6月30日 前", 2000, None, "2019-06-30", False, False, True),
    ("延长至6月30日", 2019, None, "2019-06-30", False, False, True),
    ("截至2019年6月30日", 2000, None, "2019-06-30", False, False, True),
    ("即日起至6月30日", 2019, None, "2019-06-30", False, False, True),
    ("2019年起3年内", 2000, None, "2021-12-31", False, False, True),
    ("2020年起两年内", 2000, None, "2021-12-31", False, False, True),
    # "6月前" is read as "before June starts": the last day of May (see windows._deadline_before).
    ("6月前", 2019, None, "2019-05-31", False, False, True),
    ("3月前", 2020, None, "2020-02-29", False, False, True),
    ("2020年前", 2000, None, "2019-12-31", False, False, True),
    # 旬 and 底 name the end of a stretch: "before" it means "by its last day".
    ("6月中旬前", 2019, None, "2019-06-20", False, False, True),
    ("6月中旬以前", 2019, None, "2019-06-20", False, False, True),
    ("一季度末前", 2019, None, "2019-03-31", False, False, True),
    ("7月至9月底前", 2019, None, "2019-09-30", False, False, True),
    ("2月30日前", 2019, None, "2019-02-28", False, False, True),
    # Holidays.
    ("元旦", 2019, "2019-01-01", "2019-01-01", False, False, False),
    ("“五一”", 2019, "2019-05-01", "2019-05-01", False, False, False),
    ("五一劳动节", 2019, "2019-05-01", "2019-05-01", False, False, False),
    ("五一节", 2019, "2019-05-01", "2019-05-01", False, False, False),
    ("五四青年节", 2019, "2019-05-04", "2019-05-04", False, False, False),
    ("“六一”", 2019, "2019-06-01", "2019-06-01", False, False, False),
    ("庆祝七一", 2021, "2021-07-01", "2021-07-01", False, False, False),
    ("建党节", 2021, "2021-07-01", "2021-07-01", False, False, False),
    ("八一建军节", 2019, "2019-08-01", "2019-08-01", False, False, False),
    ("建军节", 2019, "2019-08-01", "2019-08-01", False, False, False),
    ("教师节", 2019, "2019-09-10", "2019-09-10", False, False, False),
    ("三八妇女节", 2019, "2019-03-08", "2019-03-08", False, False, False),
    ("妇女节", 2019, "2019-03-08", "2019-03-08", False, False, False),
    ("植树节", 2019, "2019-03-12", "2019-03-12", False, False, False),
    ("国庆节", 2019, "2019-10-01", "2019-10-01", False, False, False),
    ("“十一”", 2019, "2019-10-01", "2019-10-01", False, False, False),
    ("十·一", 2019, "2019-10-01", "2019-10-01", False, False, False),
    ("十.一", 2019, "2019-10-01", "2019-10-01", False, False, False),
    ("清明节", 2019, "2019-04-05", "2019-04-05", False, False, False),
    ("清明节", 2020, "2020-04-04", "2020-04-04", False, False, False),
    ("春节", 2019, "2019-02-05", "2019-02-05", False, False, False),
    ("春节", 2020, "2020-01-25", "2020-01-25", False, False, False),
    ("除夕", 2019, "2019-02-04", "2019-02-04", False, False, False),
    ("元宵节", 2019, "2019-02-19", "2019-02-19", False, False, False),
    ("端午节", 2019, "2019-06-07", "2019-06-07", False, False, False),
    ("七夕", 2019, "2019-08-07", "2019-08-07", False, False, False),
    ("中秋节", 2019, "2019-09-13", "2019-09-13", False, False, False),
    ("中秋", 2020, "2020-10-01", "2020-10-01", False, False, False),
    ("重阳节", 2019, "2019-10-07", "2019-10-07", False, False, False),
    # 前后 around a day or holiday: a week either side, approximate; around a month: the month, approximate.
    ("“十·一”前后", 2019, "2019-09-24", "2019-10-08", False, True, False),
    ("十一前后", 2019, "2019-09-24", "2019-10-08", False, True, False),
    ("“七一”前后", 2019, "2019-06-24", "2019-07-08", False, True, False),
    ("10月1日前后", 2019, "2019-09-24", "2019-10-08", False, True, False),
    ("春节前后", 2019, "2019-01-29", "2019-02-12", False, True, False),
    ("清明节前后", 2019, "2019-03-29", "2019-04-12", False, True, False),
    ("9月前后", 2019, "2019-09-01", "2019-09-30", False, True, False),
    ("10月左右", 2019, "2019-10-01", "2019-10-31", False, True, False),
    ("大约9月", 2019, "2019-09-01", "2019-09-30", False, True, False),
    ("国庆前夕", 2019, "2019-09-24", "2019-09-30", False, True, False),
    # Holiday periods, and 期间 of a named event after a month.
    ("国庆期间", 2019, "2019-10-01", "2019-10-07", False, False, False),
    ("春节期间", 2019, "2019-02-04", "2019-02-10", False, False, False),
    ("元旦至春节期间", 2019, "2019-01-01", "2019-02-10", False, False, False),
    ("七一前", 2019, None, "2019-07-01", False, False, True),
    ("国庆节前", 2019, None, "2019-10-01", False, False, True),
    ("2019年8月份、红山文化节期间", 2000, "2019-08-01", "2019-08-31", False, False, False),
    ("拟于2019年8月份、红山文化节期间", 2000, "2019-08-01", "2019-08-31", True, False, False),
    ("8月份期间", 2019, "2019-08-01", "2019-08-31", False, False, False),
    # Tentative.
    ("拟于9月", 2019, "2019-09-01", "2019-09-30", True, False, False),
    ("计划于10月", 2019, "2019-10-01", "2019-10-31", True, False, False),
    ("初定10月中旬", 2019, "2019-10-11", "2019-10-20", True, False, False),
    ("拟定于11月", 2019, "2019-11-01", "2019-11-30", True, False, False),
    ("预计于12月", 2019, "2019-12-01", "2019-12-31", True, False, False),
    ("预计12月底前", 2019, None, "2019-12-31", True, False, True),
    # Out-of-calendar days are clamped to the month's end rather than lost.
    ("2月30日", 2019, "2019-02-28", "2019-02-28", False, False, False),
    ("2月29日", 2019, "2019-02-28", "2019-02-28", False, False, False),
    ("2月29日", 2020, "2020-02-29", "2020-02-29", False, False, False),
    ("9月31日", 2019, "2019-09-30", "2019-09-30", False, False, False),
]


@pytest.mark.parametrize(("phrase", "year", "start", "end", "tentative", "approximate", "deadline"), CASES)
def test_normalise(phrase: str, year: int, start: str | None, end: str, tentative: bool, approximate: bool,
                   deadline: bool) -> None:  # fmt: skip
    window = normalise(phrase, year=year)
    assert window is not None
    assert (window.start, window.end) == (d(start), d(end))
    assert (window.tentative, window.approximate, window.deadline) == (tentative, approximate, deadline)
    assert phrase[window.span[0] : window.span[1]] == window.text


NOT_WINDOWS = [
    "2020年中小企业融资成本低于2019年同期",  # a bare year is not a window
    "2019年同期",
    "2019年度",
    "3个月",
    "缓缴期最长6个月",
    "可延缓3个月支付",
    "3—5个重点领域",
    "三年行动",
    "启动新型智慧城市达标创优三年行动",
    "70周年",
    "53周年",
    "喜迎70年大庆",
    "早上6:40前集合完毕",  # a time of day is neither a window nor a deadline
    "上午8:30至10:00",
    "13月",
    "0月",
    "32日",
    "9999999年",
    "10年内",
    "三年内",
    "第十一",
    "（十一）开展宗教界活动",
    "十一、延期交纳税款",
    "二十一日",  # a day without a month
    "五一",  # bare 五一 may be a number; only quoted or with 节/前后/期间 is it the holiday
    "三八红旗手",
    "政治清明",
    "红山文化节期间",  # an event with no dates
    "疫情防控期间",
    "联系电话：0731—58225116",
    "工信部联企〔2011〕300号",
    "执行期限自发布之日起3个月止",
    "《数字山东发展规划（2018-2022年）》",
    "3月1日起",  # open-ended
    "2019年9月起",
    "2019年以来",
    "第四季度前",  # "by" or "before" the quarter? reported rather than guessed
    "上半年前",
    "2019年初步建成",
    "每月25日前",  # a recurrence, not a window
    "每两个月举办一期",
    "每一季度",
    "",
]


@pytest.mark.parametrize("phrase", NOT_WINDOWS)
def test_not_a_window(phrase: str) -> None:
    assert find_windows(phrase, year=2019) == []
    assert normalise(phrase, year=2019) is None


def test_normalise_span_is_relative_to_the_phrase() -> None:
    assert normalise("请于2019年6月底前报送", year=2000) == TimeWindow(
        None, date(2019, 6, 30), "2019年6月底前", (2, 11), deadline=True
    )


def test_phrase_text_keeps_prefix_and_suffix() -> None:
    texts = [w.text for w in find_windows("拟于9月举办；“十·一”前后召开；年底前完成；在2020年实现“清零”", year=2019)]
    assert texts == ["拟于9月", "“十·一”前后", "年底前", "在2020年实现"]


def test_year_carries_to_later_phrases() -> None:
    windows = find_windows("2020年3月启动，6月底前完成，2021年1月总结，3月验收", year=2019)
    assert [(w.start, w.end) for w in windows] == [
        (date(2020, 3, 1), date(2020, 3, 31)),
        (None, date(2020, 6, 30)),
        (date(2021, 1, 1), date(2021, 1, 31)),
        (date(2021, 3, 1), date(2021, 3, 31)),
    ]


def test_comparison_year_does_not_carry() -> None:
    text = "确保2020年中小企业融资成本低于2019年同期融资成本。6月底前完成"
    assert [(w.start, w.end) for w in find_windows(text, year=2018)] == [(None, date(2020, 6, 30))]


def test_years_compared_with_do_not_carry() -> None:
    text = "2020年营业收入较2018年增长10%，6月底前完成"
    assert [(w.start, w.end) for w in find_windows(text, year=2017)] == [(None, date(2020, 6, 30))]


def test_identical_windows_are_returned_once() -> None:
    windows = find_windows("2019年9月下旬在北京；9月下旬在上海", year=2019)
    assert [(w.text, w.span) for w in windows] == [("2019年9月下旬", (0, 9))]


def test_separate_list_items_stay_apart() -> None:
    windows = find_windows("2019年3月、5月", year=2000)
    assert [(w.start, w.end, w.text) for w in windows] == [
        (date(2019, 3, 1), date(2019, 3, 31), "2019年3月"),
        (date(2019, 5, 1), date(2019, 5, 31), "5月"),
    ]


def test_offset_shifts_spans() -> None:
    text = "一是2019年9月，组织开展"
    plain, shifted = find_windows(text, year=2019), find_windows(text, year=2019, offset=100)
    assert [w.span for w in shifted] == [(s + 100, e + 100) for s, e in (w.span for w in plain)]


def _windows(text: str, year: int) -> list[tuple[date | None, date | None, str]]:
    found = find_windows(text, year=year)
    for w in found:
        assert text[w.span[0] : w.span[1]] == w.text
    return [(w.start, w.end, w.text) for w in found]


SENTENCES = [
    (
        "(一)举办“同心学习·立德圆梦”双月读书会活动。2019年1月—12月,每两个月举办一期,依次以“学习领袖精神风范”为主题",
        2019,
        [(date(2019, 1, 1), date(2019, 12, 31), "2019年1月—12月")],
    ),
    (
        "2019年6月中旬,在哈尔滨社会主义学院,对我市各民主党派骨干成员进行培训。2019年9月下旬,组织无党派人士,在敖汉干部学院举办培训班",
        2019,
        [
            (date(2019, 6, 11), date(2019, 6, 20), "2019年6月中旬"),
            (date(2019, 9, 21), date(2019, 9, 30), "2019年9月下旬"),
        ],
    ),
    (
        "(六)举办全市统一战线庆祝新中国成立70周年座谈会活动。“十·一”前后,召开民主党派、无党派、工商联代表人士参加的座谈会",
        2019,
        [(date(2019, 9, 24), date(2019, 10, 8), "“十·一”前后")],
    ),
    (
        "一是2019年7月—9月,面向广大统一战线成员,组织开展主题征文活动。二是2019年9月,组织开展岗位练兵暨统战知识网上竞答活动",
        2019,
        [
            (date(2019, 7, 1), date(2019, 9, 30), "2019年7月—9月"),
            (date(2019, 9, 1), date(2019, 9, 30), "2019年9月"),
        ],
    ),
    (
        "2019年7月—10月,组织统战部机关党员干部深入包扶村。9月下旬,组织市知联会发挥智力优势,到翁旗开展培训",
        2019,
        [
            (date(2019, 7, 1), date(2019, 10, 31), "2019年7月—10月"),
            (date(2019, 9, 21), date(2019, 9, 30), "9月下旬"),
        ],
    ),
    (
        "加快推进我市创建工作,拟于2019年8月份、红山文化节期间,举办《民族团结一家亲、同心共筑中国梦》专题文艺晚会。",
        2019,
        [(date(2019, 8, 1), date(2019, 8, 31), "拟于2019年8月份、红山文化节期间")],
    ),
    (
        "(十一)开展宗教界“守法规强教风·喜迎70年大庆”教风整治活动。从2月—11月,分为学习动员、自查不足四个阶段",
        2019,
        [(date(2019, 2, 1), date(2019, 11, 30), "从2月—11月")],
    ),
    (
        "逐月推进拖欠民营企业剩馀账款清偿工作，确保在2020年实现“清零”。其中，全市政府部门及其所属单位在2020年6月底前完成欠款“清零”。",
        2020,
        [(None, date(2020, 12, 31), "在2020年实现"), (None, date(2020, 6, 30), "2020年6月底前")],
    ),
    (
        "对承租国有资产类经营用房的中小企业，2020年第一季度房租免收，第二、三、四季度房租减半。鼓励适度减免租户疫情防控期间的租金",
        2020,
        [
            (date(2020, 1, 1), date(2020, 3, 31), "2020年第一季度"),
            (date(2020, 4, 1), date(2020, 12, 31), "第二、三、四季度"),
        ],
    ),
    (
        "对2020年6月30日前到期的在保中小企业采取续保措施；受疫情影响导致支付投资收益困难的，可延缓3个月支付。",
        2020,
        [(None, date(2020, 6, 30), "2020年6月30日前")],
    ),
    (
        "三月一日及三月二日上午8:00\n\n组织社区干部和志愿者进行社区卫生服务",
        2016,
        [(date(2016, 3, 1), date(2016, 3, 2), "三月一日及三月二日上午8:00")],
    ),
    (
        "三月四日上午8:30至10:00在随州购物中心门口参加由随州市志愿者拓展总队举办的“平安出行,文明礼让”活动",
        2016,
        [(date(2016, 3, 4), date(2016, 3, 4), "三月四日上午8:30至10:00")],
    ),
    (
        "推进智能制造“1+N”提升行动，年内培育50家左右智能制造示范企业。年底前，各有关部门实现“山东通”移动办公落地应用",
        2019,
        [(None, date(2019, 12, 31), "年内")],
    ),
    (
        "为贯彻落实《数字山东发展规划（2018-2022年）》，加快推进数字山东建设。选取3—5个重点领域开展目录规范化建设试点。",
        2019,
        [],
    ),
    (
        "一、时间:2019年10月1日早上7:00\n四、要求:请佩戴校徽,早上6:40前集合完毕。",
        2019,
        [(date(2019, 10, 1), date(2019, 10, 1), "2019年10月1日早上7:00")],
    ),
    (
        "一、时间:2019年10月1日(周二)上午(具体时间待定)\n二、地点:红湘校区西苑办公楼二楼视频会议室",
        2019,
        [(date(2019, 10, 1), date(2019, 10, 1), "2019年10月1日(周二)上午(具体时间待定)")],
    ),
]


@pytest.mark.parametrize(("text", "year", "expected"), SENTENCES)
def test_sentences_from_example_documents(text: str, year: int, expected: list[tuple]) -> None:
    assert _windows(text, year) == expected


def test_reference_plan_windows_in_order() -> None:
    text = (SHARED / "seed" / "chifeng-2019-united-front-70th-plan.txt").read_text()
    assert [w.text for w in find_windows(text, year=2019)] == [
        "2019年1月—12月", "2019年6月中旬", "2019年9月下旬", "拟于9月", "拟于7月份", "9月1日—9月10日",
        "“十·一”前后", "2019年7月—9月", "2019年8月—9月", "2019年7月—10月",
        "拟于2019年8月份、红山文化节期间", "从2月—11月",
    ]  # fmt: skip


def test_find_unparsed_reports_time_like_leftovers() -> None:
    text = (
        "疫情防控期间暂停；本月底前报送；第四季度前完成；2019年9月下旬召开；每月底前报送；贯穿前后始终；3月1日起施行；"
        "2019年以来；15日前报送；每月5日前报送；30日内办结；《关于2019年3月的通知》"
    )
    expected = ["疫情防控期间", "本月底前", "第四季度前", "3月1日起", "15日前"]
    assert find_unparsed(text, offset=10) == [(p, (text.index(p) + 10, text.index(p) + 10 + len(p))) for p in expected]


def test_find_unparsed_is_quiet_on_understood_text() -> None:
    text = "2019年8月份、红山文化节期间举办晚会；“十·一”前后召开座谈会；年底前完成。"
    assert find_unparsed(text) == []


RECURRENCES = [
    ("每两个月举办一期", Recurrence("每两个月举办一期", (0, 8), every_months=2)),
    ("每月召开一次", Recurrence("每月召开一次", (0, 6), every_months=1)),
    ("每个月", Recurrence("每个月", (0, 3), every_months=1)),
    ("每3个月", Recurrence("每3个月", (0, 4), every_months=3)),
    ("每隔一个月", Recurrence("每隔一个月", (0, 5), every_months=2)),
    ("双月读书会", Recurrence("双月", (0, 2), every_months=2)),
    ("逐月推进", Recurrence("逐月推进", (0, 4), every_months=1)),
    ("每季度", Recurrence("每季度", (0, 3), every_months=3)),
    ("每季度末", Recurrence("每季度末", (0, 4), every_months=3, day=-1)),
    ("每季度末25日前报送", Recurrence("每季度末25日前报送", (0, 10), every_months=3, day=-1)),
    ("每半年", Recurrence("每半年", (0, 3), every_months=6)),
    ("每年", Recurrence("每年", (0, 2), every_months=12)),
    ("每周", Recurrence("每周", (0, 2), every_months=None, every_weeks=1)),
    ("每周一次", Recurrence("每周一次", (0, 4), every_months=None, every_weeks=1)),
    ("每周五", Recurrence("每周五", (0, 3), every_months=None, every_weeks=1, weekday=4)),
    ("每两周", Recurrence("每两周", (0, 3), every_months=None, every_weeks=2)),
    ("每月第二个星期五", Recurrence("每月第二个星期五", (0, 8), every_months=1, weekday=4, nth=2)),
    ("每月第一个周一", Recurrence("每月第一个周一", (0, 7), every_months=1, weekday=0, nth=1)),
    ("每月最后一个星期五", Recurrence("每月最后一个星期五", (0, 9), every_months=1, weekday=4, nth=-1)),
    ("每月25日前报送", Recurrence("每月25日前报送", (0, 8), every_months=1, day=25)),
    ("每月底", Recurrence("每月底", (0, 3), every_months=1, day=-1)),
]


@pytest.mark.parametrize(("text", "expected"), RECURRENCES)
def test_find_recurrences(text: str, expected: Recurrence) -> None:
    assert find_recurrences(text) == [expected]


def test_recurrence_offset_and_order() -> None:
    text = "开展“双月读书会”活动。2019年1月—12月,每两个月举办一期"
    found = find_recurrences(text, offset=5)
    first, second = text.index("双月") + 5, text.index("每两个月") + 5
    assert [(r.text, r.span, r.every_months) for r in found] == [
        ("双月", (first, first + 2), 2),
        ("每两个月举办一期", (second, second + 8), 2),
    ]


OCCURRENCES = [
    (Recurrence("每季度", (0, 3), 3), "2019-01-01", "2019-12-31", ["2019-01-01", "2019-04-01", "2019-07-01", "2019-10-01"]),
    (Recurrence("每季度", (0, 3), 3), "2019-02-15", "2019-12-31", ["2019-04-01", "2019-07-01", "2019-10-01"]),
    (Recurrence("每季度末", (0, 4), 3, day=-1), "2019-01-01", "2019-12-31",
     ["2019-03-31", "2019-06-30", "2019-09-30", "2019-12-31"]),
    (Recurrence("每月25日前", (0, 6), 1, day=25), "2019-01-10", "2019-03-31", ["2019-01-25", "2019-02-25", "2019-03-25"]),
    (Recurrence("每月31日", (0, 5), 1, day=31), "2019-02-01", "2019-04-30", ["2019-02-28", "2019-03-31", "2019-04-30"]),
    (Recurrence("每月第二个星期五", (0, 8), 1, weekday=4, nth=2), "2019-01-01", "2019-03-31",
     ["2019-01-11", "2019-02-08", "2019-03-08"]),
    (Recurrence("每月最后一个星期五", (0, 9), 1, weekday=4, nth=-1), "2019-01-01", "2019-02-28",
     ["2019-01-25", "2019-02-22"]),
    (Recurrence("每两个月", (0, 4), 2), "2019-01-01", "2019-12-31",
     ["2019-01-01", "2019-03-01", "2019-05-01", "2019-07-01", "2019-09-01", "2019-11-01"]),
    (Recurrence("每周五", (0, 3), None, every_weeks=1, weekday=4), "2019-10-01", "2019-10-20",
     ["2019-10-04", "2019-10-11", "2019-10-18"]),
    (Recurrence("每两周", (0, 3), None, every_weeks=2), "2019-10-01", "2019-10-31",
     ["2019-10-01", "2019-10-15", "2019-10-29"]),
    (Recurrence("每年", (0, 2), 12), "2019-01-01", "2021-06-30", ["2019-01-01", "2020-01-01", "2021-01-01"]),
    (Recurrence("每月", (0, 2), 1), "2019-03-01", "2019-02-01", []),
]  # fmt: skip


@pytest.mark.parametrize(("rule", "start", "end", "expected"), OCCURRENCES)
def test_occurrences(rule: Recurrence, start: str, end: str, expected: list[str]) -> None:
    assert occurrences(rule, d(start), d(end)) == [d(x) for x in expected]  # type: ignore[arg-type]


def test_spread_sessions_whole_months() -> None:
    assert spread_sessions(date(2019, 1, 1), date(2019, 12, 31), 6) == [
        (date(2019, 1, 1), date(2019, 2, 28)),
        (date(2019, 3, 1), date(2019, 4, 30)),
        (date(2019, 5, 1), date(2019, 6, 30)),
        (date(2019, 7, 1), date(2019, 8, 31)),
        (date(2019, 9, 1), date(2019, 10, 31)),
        (date(2019, 11, 1), date(2019, 12, 31)),
    ]


def test_spread_sessions_by_days_when_months_do_not_divide() -> None:
    assert spread_sessions(date(2019, 7, 1), date(2019, 9, 30), 2) == [
        (date(2019, 7, 1), date(2019, 8, 15)),
        (date(2019, 8, 16), date(2019, 9, 30)),
    ]
    assert spread_sessions(date(2019, 6, 11), date(2019, 6, 20), 1) == [(date(2019, 6, 11), date(2019, 6, 20))]
    assert spread_sessions(date(2019, 6, 11), date(2019, 6, 20), 0) == []


def test_year_context() -> None:
    text = "一、2019年工作。6月底前完成。二、2020年3月启动，4月验收。三、2018年同期相比。"
    ctx = YearContext(text, 2017)
    assert ctx.year_at(0) == 2017
    assert ctx.year_at(text.index("6月")) == 2019
    assert ctx.year_at(text.index("4月")) == 2020
    assert ctx.year_at(len(text)) == 2020  # 2018年同期 is a comparison, not a new year in force


@pytest.mark.parametrize(
    ("name", "year"),
    [
        ("chifeng-2019-united-front-70th-plan.txt", 2019),  # the commonest year in its dates
        ("008.txt", 2020),  # 2020 in targets, 2019 only in 2019年同期
        ("012.txt", 2016),  # the title: 白云湖社区2016年学雷锋活动方案
        ("016.txt", 2019),  # issued 2019年3月15日印发; 《…（2018-2022年）》 does not count
        ("030.txt", 2019),  # signed 2019年9月26日
    ],
)
def test_infer_plan_year_on_example_documents(name: str, year: int) -> None:
    folder = SHARED / "seed" if name.startswith("chifeng") else SHARED / "eval" / "docs"
    assert infer_plan_year((folder / name).read_text()) == year


def test_infer_plan_year_prefers_title_then_signature() -> None:
    assert infer_plan_year("关于2021年春节慰问的通知\n2020年底前报送材料。\n2020年12月1日") == 2021
    assert infer_plan_year("关于春节慰问的通知\n2021年1月底前报送材料。\n市委办公室\n2020年12月1日") == 2020
    assert infer_plan_year("关于春节慰问的通知\n请按时报送。") is None


def test_gold_windows_of_dev_set() -> None:
    """Every window in the dev gold files comes out of its own phrase text."""
    import json

    for gold_file in sorted((SHARED / "eval" / "dev").glob("*.gold.json")):
        gold = json.loads(gold_file.read_text())
        for activity in gold["activities"]:
            for window in activity["windows"]:
                found = normalise(window["text"], year=gold["year"])
                assert found is not None, window["text"]
                assert (found.start, found.end) == (d(window["start"]), d(window["end"])), window["text"]
                # Not `tentative`: the gold text of 拟于2019年8月份… leaves out the 拟于 that makes it so.
                assert found.approximate == window.get("approximate", False), window["text"]


@pytest.mark.parametrize(
    ("phrase", "year", "day"),
    [("2019年5月第3个周日", 2019, "2019-05-19"), ("6月的第二个星期五", 2024, "2024-06-14"), ("3月第1个周一", 2021, "2021-03-01")],
)
def test_nth_weekday_of_a_month_is_that_day(phrase: str, year: int, day: str) -> None:
    found = normalise(phrase, year=year)
    assert found is not None and (found.start, found.end, found.text) == (d(day), d(day), phrase)


def test_fifth_weekday_that_does_not_exist_leaves_the_month() -> None:
    found = normalise("2021年2月第5个周一", year=2021)
    assert found is not None and (found.start, found.end) == (d("2021-02-01"), d("2021-02-28"))
