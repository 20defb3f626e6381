"""Recurrence rules in plan text (每两个月举办一期, 每季度末, 每月第二个星期五) and the dates they fall on."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from tongxin.parser.numerals import halfwidth_digits, parse_int

MAX_OCCURRENCES = 1000  # a rule over a silly window (a century of weeks) must stay cheap

_N = r"(?:[0-9]{1,2}|[一二两三四五六七八九十]{1,3})"
_WEEKDAY = r"[一二三四五六日天1-7](?![次期回轮场个遍届])"  # 每周一次 is weekly, not Mondays
_WEEK = r"(?:周|星期|礼拜)"
_EACH_MONTH = r"每个?月(?:的)?"
_DAY = r"(?:3[01]|[12][0-9]|0?[1-9]|[二三]?十[一二三四五六七八九]?|[一二三四五六七八九])"
_WEEKDAYS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}

RULE = re.compile(
    rf"(?P<nth_weekday>{_EACH_MONTH}第(?P<nth>{_N})个?{_WEEK}(?P<nwd>{_WEEKDAY}))"
    rf"|(?P<last_weekday>{_EACH_MONTH}最后一个?{_WEEK}(?P<lwd>{_WEEKDAY}))"
    rf"|(?P<month_day>{_EACH_MONTH}(?P<day>{_DAY})[日号](?:之|以)?前?)"
    rf"|(?P<month_end>{_EACH_MONTH}月?[底末](?:之|以)?前?)"
    # 每季度末25日前: read as the quarter's end (day -1); the Recurrence has no field for "25th of its last month".
    rf"|(?P<quarter_end>每个?季度?[底末]月?(?:{_DAY}[日号])?(?:之|以)?前?)"
    rf"|(?P<weekly>(?:每(?P<gap>隔)?(?P<wn>{_N})?个?|逢){_WEEK}(?P<wd>{_WEEKDAY})?|(?P<fortnight>双周|隔周))"
    rf"|(?P<months>每(?P<mgap>隔)?(?P<mn>{_N})?个?月|(?P<bimonthly>双月)|(?P<monthly>逐月|按月))"
    r"|(?P<quarterly>每一?个?季度?|按季度?|逐季)"
    r"|(?P<half_yearly>每半年)"
    r"|(?P<yearly>每年度?|逐年|按年度?)"
)
# Where a rule can start; found first because this literal-led pattern is scanned for much faster than RULE.
_RULE_START = re.compile("每|双[月周]|逐[月季年]|按[月季年]|逢[周星礼]|隔周")
# The activity the rule governs, when it follows at once: 每两个月举办一期, 逐月推进.
_ACTIVITY = re.compile(r"[^，。；,;：:、\s“”]{0,6}?[一1](?:期|次|轮|场|回)|推进|调度|通报|报送|更新")


@dataclass(frozen=True)
class Recurrence:
    """How often something repeats; day -1 means the last day of the month or period (每月底, 每季度末)."""

    text: str
    span: tuple[int, int]
    every_months: int | None
    every_weeks: int | None = None
    weekday: int | None = None
    nth: int | None = None
    day: int | None = None


def find_recurrences(text: str, *, offset: int = 0) -> list[Recurrence]:
    """Every recurrence rule in the text, left to right."""
    t = halfwidth_digits(text)
    found: list[Recurrence] = []
    done = 0
    for start in _RULE_START.finditer(t):
        m = RULE.match(t, start.start())
        if m is None or m.start() < done:
            continue
        fields = _fields(m)
        if fields is None:
            continue
        done = m.end()
        end = m.end()
        activity = _ACTIVITY.match(t, end)
        if activity:
            end = activity.end()
        found.append(Recurrence(text[m.start() : end], (m.start() + offset, end + offset), **fields))
    return found


def _fields(m: re.Match[str]) -> dict[str, int | None] | None:
    kind = m.lastgroup
    if kind == "nth_weekday":
        nth = parse_int(m["nth"])
        return {"every_months": 1, "weekday": _weekday(m["nwd"]), "nth": nth} if nth and 1 <= nth <= 5 else None
    if kind == "last_weekday":
        return {"every_months": 1, "weekday": _weekday(m["lwd"]), "nth": -1}
    if kind == "month_day":
        day = parse_int(m["day"])
        return {"every_months": 1, "day": day} if day and 1 <= day <= 31 else None
    if kind in ("month_end", "quarter_end"):
        return {"every_months": 1 if kind == "month_end" else 3, "day": -1}
    if kind == "weekly":
        if m["fortnight"]:
            return {"every_months": None, "every_weeks": 2}
        count = _count(m["wn"], bool(m["gap"]))
        weekday = _weekday(m["wd"]) if m["wd"] else None
        return {"every_months": None, "every_weeks": count, "weekday": weekday} if count else None
    if kind == "months":
        count = 2 if m["bimonthly"] else 1 if m["monthly"] else _count(m["mn"], bool(m["mgap"]))
        return {"every_months": count} if count else None
    return {"every_months": {"quarterly": 3, "half_yearly": 6, "yearly": 12}[kind or "yearly"]}


def _count(number: str | None, gap: bool) -> int | None:
    """每两个月 → 2; 每隔一个月 → 2 (skip one, then again)."""
    value = parse_int(number) if number else 1
    if value is None or not 1 <= value <= 60:
        return None
    return value + 1 if gap else value


def _weekday(char: str) -> int | None:
    """0 = Monday … 6 = Sunday, from 一…日/天 or 1…7."""
    if char.isdigit():
        return int(char) - 1 if 1 <= int(char) <= 7 else None
    return _WEEKDAYS.get(char)


def occurrences(rule: Recurrence, start: date, end: date) -> list[date]:
    """The dates a rule falls on inside a window: 每月第二个星期五, 每月25日, 每季度 → the first day of each quarter."""
    if end < start:
        return []
    if rule.every_weeks:
        return _weekly(rule, start, end)
    if not rule.every_months or rule.every_months < 1:
        return []
    step = rule.every_months
    year, month = start.year, start.month
    if 12 % step == 0 and step > 2:
        # Quarters, halves and years follow the calendar: 每季度 → 1 January, 1 April …; 每季度末 → 31 March …
        anchor = 0 if rule.day == -1 else 1
        while (month - anchor) % step:
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    dates: list[date] = []
    for _ in range(MAX_OCCURRENCES):
        if (year, month) > (end.year, end.month):
            break
        when = _day_in_month(rule, year, month)
        if when is not None and start <= when <= end:
            dates.append(when)
        month += step
        year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
    return dates


def _day_in_month(rule: Recurrence, year: int, month: int) -> date | None:
    last = calendar.monthrange(year, month)[1]
    if rule.weekday is not None and rule.nth:
        if rule.nth == -1:
            final = date(year, month, last)
            return final - timedelta(days=(final.weekday() - rule.weekday) % 7)
        first = date(year, month, 1)
        day = 1 + (rule.weekday - first.weekday()) % 7 + 7 * (rule.nth - 1)
        return date(year, month, day) if day <= last else None
    if rule.day == -1:
        return date(year, month, last)
    if rule.day:
        return date(year, month, min(rule.day, last))
    return date(year, month, 1)


def _weekly(rule: Recurrence, start: date, end: date) -> list[date]:
    first = start
    if rule.weekday is not None:
        first = start + timedelta(days=(rule.weekday - start.weekday()) % 7)
    step = timedelta(weeks=rule.every_weeks or 1)
    dates: list[date] = []
    when = first
    while when <= end and len(dates) < MAX_OCCURRENCES:
        dates.append(when)
        if end - when < step:
            break
        when += step
    return dates
