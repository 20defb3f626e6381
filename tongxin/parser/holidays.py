"""Dates of the holidays and commemorative days that plans schedule around (元旦, 七一, 国庆, 春节, 中秋 …)."""

from __future__ import annotations

import re
from datetime import date, timedelta

from lunardate import LunarDate

# Canonical name → (month, day) in the Gregorian calendar.
FIXED: dict[str, tuple[int, int]] = {
    "元旦": (1, 1),
    "妇女节": (3, 8),
    "学雷锋日": (3, 5),
    "植树节": (3, 12),
    "国家安全教育日": (4, 15),
    "世界读书日": (4, 23),
    "劳动节": (5, 1),
    "青年节": (5, 4),
    "护士节": (5, 12),
    "儿童节": (6, 1),
    "世界环境日": (6, 5),
    "建党节": (7, 1),
    "建军节": (8, 1),
    "教师节": (9, 10),
    "烈士纪念日": (9, 30),
    "国庆节": (10, 1),
    "记者节": (11, 8),
    "宪法日": (12, 4),
    "国际志愿者日": (12, 5),
    "国家公祭日": (12, 13),
}

# Canonical name → (lunar month, lunar day), resolved per year with lunardate.
LUNAR: dict[str, tuple[int, int]] = {
    "春节": (1, 1),
    "元宵节": (1, 15),
    "端午节": (5, 5),
    "七夕": (7, 7),
    "中秋节": (8, 15),
    "重阳节": (9, 9),
}

# Every way a plan writes a holiday → its canonical name. The regex in times.patterns is built from these keys.
ALIASES: dict[str, str] = {
    **{name: name for name in (*FIXED, *LUNAR)},
    "国庆": "国庆节",
    "十一": "国庆节",
    "十一国庆节": "国庆节",
    "五一": "劳动节",
    "五一劳动节": "劳动节",
    "国际劳动节": "劳动节",
    "五四": "青年节",
    "五四青年节": "青年节",
    "六一": "儿童节",
    "六一儿童节": "儿童节",
    "国际儿童节": "儿童节",
    "七一": "建党节",
    "八一": "建军节",
    "八一建军节": "建军节",
    "三八": "妇女节",
    "三八妇女节": "妇女节",
    "三八节": "妇女节",
    "国际劳动妇女节": "妇女节",
    "学雷锋纪念日": "学雷锋日",
    "全民国家安全教育日": "国家安全教育日",
    "国家宪法日": "宪法日",
    "元宵": "元宵节",
    "端午": "端午节",
    "七夕节": "七夕",
    "中秋": "中秋节",
    "重阳": "重阳节",
    "清明": "清明节",
    "清明节": "清明节",
    "除夕": "除夕",
}

# Names that are also ordinary words or numbers (十一, 五一, 政治清明): times.patterns only reads them as
# holidays when quoted or followed by 节/前后/期间 and the like.
AMBIGUOUS = frozenset({"十一", "五一", "五四", "六一", "七一", "八一", "三八", "清明"})

# Golden-week holidays span several days when a plan says 期间/假期; every other holiday is its day.
_PERIOD_DAYS: dict[str, tuple[int, int]] = {
    "国庆节": (0, 6),  # 1–7 October
    "春节": (-1, 5),  # 除夕 to 初六
}

_DOTS = re.compile(r"[·.．•・]")
_QUOTES = "“”\"「」‘’'"


def canonical(name: str) -> str | None:
    """The canonical holiday name for a name as written (“十·一”, 国庆, 五一劳动节), or None."""
    key = _DOTS.sub("", name.strip(_QUOTES))
    if key not in ALIASES and key.endswith("节"):
        key = key[:-1]  # 五一节, 七一节
    return ALIASES.get(key)


def holiday_date(name: str, year: int) -> date | None:
    """The day of a holiday in a Gregorian year, or None for an unknown name or a year out of range."""
    key = canonical(name)
    if key is None or not 1 <= year <= 9998:
        return None
    if key in FIXED:
        month, day = FIXED[key]
        return date(year, month, day)
    if key == "清明节":
        return _qingming(year)
    if key == "除夕":
        spring = holiday_date("春节", year)
        return spring - timedelta(days=1) if spring else None
    month, day = LUNAR[key]
    try:
        return LunarDate(year, month, day).to_solar_date()
    except ValueError:  # lunardate covers 1900–2099 only
        return None


def holiday_period(name: str, year: int) -> tuple[date, date] | None:
    """The days a holiday period (国庆期间, 春节假期) covers; a one-day holiday is its day."""
    day = holiday_date(name, year)
    if day is None:
        return None
    before, after = _PERIOD_DAYS.get(canonical(name) or "", (0, 0))
    return day + timedelta(days=before), day + timedelta(days=after)


def _qingming(year: int) -> date:
    """清明 (a solar term, 4 or 5 April) by the usual 20th/21st-century approximation formula."""
    if not 1900 <= year <= 2099:
        return date(year, 4, 5)
    yy = year % 100
    c = 5.59 if year < 2000 else 4.81
    return date(year, 4, int(yy * 0.2422 + c) - yy // 4)
