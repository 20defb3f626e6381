"""Properties of the time normaliser that must hold for any input, checked with hypothesis."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from tongxin.parser.times import (
    Recurrence,
    YearContext,
    find_recurrences,
    find_unparsed,
    find_windows,
    infer_plan_year,
    normalise,
    occurrences,
    spread_sessions,
)

# Pieces of time phrases, so that random text often looks like (broken) dates rather than noise.
FRAGMENTS = [
    "年", "月", "日", "号", "份", "旬", "上", "中", "下", "初", "底", "末", "季度", "第", "前", "后", "前后", "左右",
    "期间", "内", "起", "至", "到", "—", "-", "~", "、", "和", "及", "拟于", "计划于", "到", "在", "实现", "从",
    "十", "一", "二", "三", "〇", "○", "廿", "两", "2019", "2020", "12", "31", "0", "9999999", "13", "１２", "３",
    "“", "”", "十·一", "国庆", "春节", "中秋", "清明", "五一", "七一", "节", "上半年", "全年", "年底", "年内",
    "上午", "8:30", "(周二)", "(具体时间待定)", "（", "）", "《", "》", "每", "个", "周", "星期五", "双月", "逐月",
    "，", "。", "\n", " ",
]  # fmt: skip
time_like = st.lists(st.sampled_from(FRAGMENTS), max_size=30).map("".join)
any_text = st.one_of(st.text(max_size=80), time_like, st.tuples(st.text(max_size=20), time_like).map("".join))
years = st.integers(min_value=-5, max_value=12000)
plausible_dates = st.dates(min_value=date(1900, 1, 1), max_value=date(2150, 12, 31))


def _check_windows(text: str, year: int, offset: int = 0) -> None:
    last_end = offset
    for window in find_windows(text, year=year, offset=offset):
        s, e = window.span
        assert offset <= s < e <= offset + len(text)
        assert text[s - offset : e - offset] == window.text
        assert s >= last_end  # left to right, non-overlapping
        last_end = e
        assert window.end is not None
        if window.start is not None:
            assert window.start <= window.end
        assert window.deadline == (window.start is None)


@settings(max_examples=400)
@given(any_text, years)
def test_find_windows_never_raises_and_spans_match(text: str, year: int) -> None:
    _check_windows(text, year)


@given(any_text, st.integers(min_value=1800, max_value=2199), st.integers(min_value=0, max_value=10_000))
def test_offset_shifts_every_span(text: str, year: int, offset: int) -> None:
    plain = find_windows(text, year=year)
    shifted = find_windows(text, year=year, offset=offset)
    assert [(w.start, w.end, w.text) for w in plain] == [(w.start, w.end, w.text) for w in shifted]
    assert [(s + offset, e + offset) for s, e in (w.span for w in plain)] == [w.span for w in shifted]


@settings(max_examples=300)
@given(any_text, years)
def test_other_entry_points_never_raise(text: str, year: int) -> None:
    normalise(text, year=year)
    for phrase, (s, e) in find_unparsed(text, offset=3):
        assert text[s - 3 : e - 3] == phrase
    for rule in find_recurrences(text, offset=3):
        assert text[rule.span[0] - 3 : rule.span[1] - 3] == rule.text
    context = YearContext(text, year)
    for pos in (0, len(text) // 2, len(text)):
        assert isinstance(context.year_at(pos), int)
    found = infer_plan_year(text)
    assert found is None or 1800 <= found <= 2199


@given(plausible_dates)
def test_full_dates_round_trip(day: date) -> None:
    phrase = f"{day.year}年{day.month}月{day.day}日"
    window = normalise(phrase, year=2000)
    assert window is not None
    assert (window.start, window.end, window.text, window.span) == (day, day, phrase, (0, len(phrase)))


@given(plausible_dates)
def test_deadline_round_trip(day: date) -> None:
    window = normalise(f"{day.year}年{day.month}月{day.day}日前", year=2000)
    assert window is not None
    assert (window.start, window.end, window.deadline) == (None, day, True)


@given(st.integers(min_value=1900, max_value=2150), st.integers(min_value=1, max_value=12))
def test_thirds_of_a_month_partition_it(year: int, month: int) -> None:
    thirds = [normalise(f"{year}年{month}月{part}", year=2000) for part in ("上旬", "中旬", "下旬")]
    assert all(third is not None for third in thirds)
    assert thirds[0].start == date(year, month, 1)  # type: ignore[union-attr]
    assert thirds[2].end == date(year, month, calendar.monthrange(year, month)[1])  # type: ignore[union-attr]
    for before, after in zip(thirds, thirds[1:], strict=False):
        assert before.end + timedelta(days=1) == after.start  # type: ignore[union-attr, operator]
    whole = normalise(f"{year}年{month}月", year=2000)
    assert whole is not None and (whole.start, whole.end) == (thirds[0].start, thirds[2].end)  # type: ignore[union-attr]


@given(plausible_dates, st.integers(min_value=0, max_value=800), st.integers(min_value=1, max_value=40))
def test_spread_sessions_cover_the_window_in_order(start: date, length: int, n: int) -> None:
    end = start + timedelta(days=length)
    sessions = spread_sessions(start, end, n)
    assert len(sessions) == n
    assert all(s <= e for s, e in sessions)
    assert sessions[0][0] == start and sessions[-1][1] == end
    if n <= length + 1:  # enough days for each session to have its own
        for (_, before_end), (after_start, _) in zip(sessions, sessions[1:], strict=False):
            assert before_end + timedelta(days=1) == after_start
    else:
        assert [s for s, _ in sessions] == sorted(s for s, _ in sessions)


@given(st.dates(), st.dates(), st.integers(min_value=-3, max_value=50))
def test_spread_sessions_never_raises(start: date, end: date, n: int) -> None:
    sessions = spread_sessions(start, end, n)
    assert sessions == [] or len(sessions) == n


rules = st.builds(
    Recurrence,
    text=st.just("每月"),
    span=st.just((0, 2)),
    every_months=st.one_of(st.none(), st.integers(min_value=-1, max_value=24)),
    every_weeks=st.one_of(st.none(), st.integers(min_value=0, max_value=8)),
    weekday=st.one_of(st.none(), st.integers(min_value=0, max_value=6)),
    nth=st.one_of(st.none(), st.sampled_from([-1, 1, 2, 3, 4, 5])),
    day=st.one_of(st.none(), st.sampled_from([-1, 1, 15, 25, 28, 29, 30, 31])),
)


@given(rules, plausible_dates, st.integers(min_value=-30, max_value=2000))
def test_occurrences_fall_inside_the_window_in_order(rule: Recurrence, start: date, length: int) -> None:
    end = start + timedelta(days=length)
    dates = occurrences(rule, start, end)
    assert all(start <= day <= end for day in dates)
    assert dates == sorted(set(dates))
