"""Time phrases in plan text → date windows (SCHEMA.md "Time conventions"), and the phrases that could not be read."""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import lru_cache

from tongxin.parser.holidays import holiday_period
from tongxin.parser.numerals import halfwidth_digits, parse_int
from tongxin.parser.times.parts import (
    MAX_YEAR,
    MIN_YEAR,
    Atom,
    Part,
    Res,
    build_parts,
    part_year,
    resolve,
    shift,
    token_atoms,
)
from tongxin.parser.times.patterns import (
    CONNECTOR,
    PREFIX,
    PREFIX_LAST_CHARS,
    QUOTED_TITLE,
    SUFFIX,
    TAIL,
    TOKEN,
    WEAK_YEAR_AFTER,
    WEAK_YEAR_BEFORE,
)

_NO_PREFIX = PREFIX.match("")
assert _NO_PREFIX is not None
APPROX_DAYS = 7  # 前后 around a day: a week either side (SCHEMA.md)
_ROLLING_UNITS = ("M", "Q", "QF", "H", "P", "HOL")  # a range's second part that may roll into the next year


@dataclass(frozen=True)
class TimeWindow:
    """Inclusive first and last day of a time phrase; start is None for a deadline."""

    start: date | None
    end: date | None
    text: str
    span: tuple[int, int]
    tentative: bool = False
    approximate: bool = False
    deadline: bool = False


@dataclass(slots=True)
class _Group:
    """Tokens joined by nothing or by connectors (至, 、, —): one phrase before its prefix and suffix are read."""

    start: int
    end: int
    atoms: list[tuple[str | None, Atom]]
    tail: bool  # ends in a time of day or a note, after which no suffix applies


@dataclass(slots=True)
class _Item:
    """A resolved window before it becomes a TimeWindow: the days, and where in the text it was written."""

    start: date | None
    end: date
    span: tuple[int, int]
    approximate: bool = False


@dataclass
class Scan:
    """Everything one pass over a text finds: windows, unreadable phrases, and where stated years take effect."""

    windows: list[TimeWindow] = field(default_factory=list)
    unparsed: list[tuple[int, int]] = field(default_factory=list)
    covered: list[tuple[int, int]] = field(default_factory=list)
    years: list[tuple[int, int]] = field(default_factory=list)  # (position after the phrase, year)
    mentions: list[tuple[int, float]] = field(default_factory=list)  # (year, weight) for guessing the plan's year


def normalise(phrase: str, *, year: int) -> TimeWindow | None:
    """One phrase → one window (span relative to the phrase), or None when it is not a time phrase we understand."""
    windows = find_windows(phrase, year=year)
    return windows[0] if windows else None


def find_windows(text: str, *, year: int, offset: int = 0) -> list[TimeWindow]:
    """Every window in a stretch of text, left to right, non-overlapping, each (start, end) once.

    `year` is the year in force before the text starts; a year stated in the text carries to later phrases.
    """
    windows = [_nth_weekday(text, w) for w in scan(text, year).windows]
    _remember_year(text, year)
    return [_moved(w, offset) for w in windows] if offset else list(windows)


_NTH_WEEKDAY = re.compile(r"[ \t\u3000]?(?:的)?第(?P<n>[1-5一二三四五])个?(?:周|星期|礼拜)(?P<d>[一二三四五六日天1-7])")
_WEEKDAYS = {ch: i for i, ch in enumerate("一二三四五六")} | {"日": 6, "天": 6} | {str(i): i - 1 for i in range(1, 8)}


def _nth_weekday(text: str, w: TimeWindow) -> TimeWindow:
    """2019年5月第3个周日 → 2019-05-19: a whole month followed by its Nth weekday is that one day."""
    m = _NTH_WEEKDAY.match(text, w.span[1])
    if not m or w.start is None or w.end is None or w.start.day != 1 or w.start.month != w.end.month \
            or w.end.day < 28:
        return w
    n = parse_int(m.group("n")) or 0
    first = w.start + timedelta(days=(_WEEKDAYS[m.group("d")] - w.start.weekday()) % 7)
    day = first + timedelta(weeks=n - 1)
    if day.month != w.start.month:
        return w
    return replace(w, start=day, end=day, text=text[w.span[0]:m.end()], span=(w.span[0], m.end()))


# The year each recent text was last scanned with, so that find_unparsed on the same text reuses that scan.
_RECENT_YEARS: OrderedDict[str, int] = OrderedDict()
_RECENT_LIMIT = 256
_RECENT_LOCK = threading.Lock()  # parses may run in several threads of one server


def _remember_year(text: str, year: int) -> None:
    with _RECENT_LOCK:
        _RECENT_YEARS[text] = year
        _RECENT_YEARS.move_to_end(text)
        if len(_RECENT_YEARS) > _RECENT_LIMIT:
            _RECENT_YEARS.popitem(last=False)


def scan_for_warnings(text: str, default_year: int) -> Scan:
    """A scan of the text under any year: the one find_windows last used for it (cached), else the default.

    Whether a phrase can be read does not depend on the year, so find_unparsed need not scan again.
    """
    return scan(text, _RECENT_YEARS.get(text, default_year))


@lru_cache(maxsize=256)
def scan(text: str, year: int) -> Scan:
    """One pass over the text, shared by find_windows, find_unparsed, YearContext and infer_plan_year.

    Cached: a parser asks about the same stretch of text more than once. Callers must not change the result.
    """
    t = halfwidth_digits(text)  # same length: offsets stay those of `text`
    groups = _groups(t)
    result = Scan()
    seen: set[tuple[date | None, date | None]] = set()
    running, floor = year, 0
    for index, group in enumerate(groups):
        if group.start < floor:  # swallowed by the previous phrase's suffix
            continue
        limit = groups[index + 1].start if index + 1 < len(groups) else len(t)
        items, span, stated, flags = _interpret(t, group, running, floor, limit)
        floor = span[1]
        result.covered.append(span)
        if items is None:
            result.unparsed.append(span)
        for item in items or ():
            if (item.start, item.end) not in seen:
                seen.add((item.start, item.end))
                result.windows.append(_window(text, item, *flags))
        stated_year, weight = stated
        if stated_year is not None and weight:
            result.mentions.append((stated_year, weight))
        if stated_year is not None and weight == 1:
            running = stated_year
            result.years.append((span[1], stated_year))
    return result


def _window(text: str, item: _Item, tentative: bool, approximate: bool) -> TimeWindow:
    s, e = item.span
    approximate = approximate or item.approximate
    return TimeWindow(item.start, item.end, text[s:e], item.span, tentative, approximate, item.start is None)


def _groups(t: str) -> list[_Group]:
    """Tokens (2019年, 6月, 中旬, 国庆 …) joined into phrases; tokens in 《》 titles belong to other documents."""
    excluded = [m.span() for m in QUOTED_TITLE.finditer(t)] if "《" in t else []
    groups: list[_Group] = []
    current: _Group | None = None
    for m in TOKEN.finditer(t):
        if (current is not None and m.start() < current.end) or (excluded and _inside(m.start(), excluded)):
            continue
        atoms = token_atoms(m)
        if not atoms:
            continue
        end = m.end()
        if atoms[-1][1].kind in ("I", "D", "HOL"):
            end = TAIL.match(t, end).end()
        connector = _connector(t, current.end, m.start()) if current is not None else None
        if current is not None and connector is not None:
            conn = "range" if connector["range"] else "list" if connector["list"] else None
            current.atoms += [(conn, atoms[0][1]), *atoms[1:]]
            current.end, current.tail = end, end > m.end()
            continue
        if current is not None:
            groups.append(current)
        current = _Group(atoms[0][1].span[0], end, atoms, end > m.end())
    if current is not None:
        groups.append(current)
    return groups


_ADJACENT = CONNECTOR.fullmatch("")


def _connector(t: str, end: int, start: int) -> re.Match[str] | None:
    """What joins two tokens into one phrase, or None; most tokens touch (2019年6月) or are far apart."""
    if start == end:
        return _ADJACENT
    return CONNECTOR.fullmatch(t, end, start) if start - end <= 8 else None


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(s <= pos < e for s, e in spans)


def _interpret(
    t: str, group: _Group, running: int, floor: int, limit: int
) -> tuple[list[_Item] | None, tuple[int, int], tuple[int | None, float], tuple[bool, bool]]:
    """A group with its prefix and suffix → items (None when unreadable), the phrase span, the year it states, flags."""
    parts = build_parts(group.atoms)
    resolved = _resolve_parts(parts, running)
    suffix = None if group.tail else SUFFIX.match(t, group.end, limit)
    kind = suffix.lastgroup if suffix else None
    prefix = _prefix(t, group.start, floor)
    stated = _stated_year(t, parts, group)
    flags = (bool(prefix["tent"]), bool(prefix["approx"]) or kind in ("approx", "eve"))
    if resolved is None:  # 15日前 with no month before it, a holiday in a year lunardate does not cover …
        if kind == "within":
            return [], (group.start, group.end), stated, flags  # 30日内 is a duration, not a date
        end = suffix.end() if suffix and kind in ("approx", "eve", "during", "before") else group.end
        return None, (group.start, end), stated, flags
    if len(parts) == 1 and resolved[0].grain == "year":
        items, used = _bare_year(resolved[0], kind, suffix, prefix)
    else:
        items, used = _dated(parts, resolved, kind, prefix)
    end = suffix.end() if used and suffix else group.end
    start = group.start
    if prefix is not _NO_PREFIX and _prefix_is_part(prefix, used and kind == "verb"):
        start = prefix.start()
    if items:
        items[0].span = (start, items[0].span[1])
        items[-1].span = (items[-1].span[0], end)
    return items, (start, end), stated, flags


def _prefix_is_part(prefix: re.Match[str], verb_deadline: bool) -> bool:
    """拟于/大约/到/截至/从 belong to the phrase's text; 在/于 only where they make a deadline (在2020年实现)."""
    return bool(
        prefix["tent"] or prefix["approx"] or prefix["dl"] or prefix["from"] or (prefix["at"] and verb_deadline)
    )


def _prefix(t: str, start: int, floor: int) -> re.Match[str]:
    """The words before a phrase (拟于, 到, 从 …); a cheap look at the last character first, as most have none."""
    lo = max(floor, start - 6)
    if start > lo and t[start - 1] in PREFIX_LAST_CHARS:
        return PREFIX.search(t, lo, start)  # type: ignore[return-value]  # the pattern also matches empty
    return _NO_PREFIX


def _resolve_parts(parts: list[Part], running: int) -> list[Res] | None:
    """Each part's days; a part without a year takes the one before it, a day without a month the month before it."""
    out: list[Res] = []
    year, month = running, None
    for part in parts:
        part_y, explicit = part_year(part, year)
        res = resolve(part, part_y, month)
        rolls = part.conn == "range" and not explicit and part.unit is not None and part.unit.kind in _ROLLING_UNITS
        if res and out and rolls and res.end < out[-1].start:
            res = resolve(part, part_y + 1, month) or res  # 11月至2月: February of the next year
        if res is None:
            return None
        out.append(res)
        year, month = res.year, res.month
    return out


def _stated_year(t: str, parts: list[Part], group: _Group) -> tuple[int | None, float]:
    """The year a phrase states, weighted: 1 when it carries to later phrases; less for a comparison or a period."""
    explicit = [p for p in parts if (p.year and p.year.kind == "Y") or (p.unit and p.unit.kind == "I")]
    if not explicit:
        return None, 0
    year, _ = part_year(explicit[-1], 0)
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None, 0
    if all(p.bare_year for p in parts):
        if len(parts) > 1:
            return year, 0  # 2018—2022年 names a period, often another document's
        if WEAK_YEAR_AFTER.match(t, group.end) or WEAK_YEAR_BEFORE.search(t, max(0, group.start - 2), group.start):
            return year, 0.25  # 2019年同期, 较2018年: a comparison
    return year, 1


def _bare_year(
    res: Res, kind: str | None, suffix: re.Match[str] | None, prefix: re.Match[str]
) -> tuple[list[_Item], bool]:
    """A year alone is a window only as a deadline: 到2020年, 在2020年实现, 2020年前, 2019年起3年内."""
    year = res.year
    if kind == "before" and year > MIN_YEAR:
        return [_Item(None, date(year - 1, 12, 31), (0, 0))], True
    if kind == "within":
        return [_Item(None, res.end, (0, 0))], True
    if kind == "nyears" and suffix is not None:
        count = parse_int(suffix["n"]) or 0
        if 1 <= count <= 50:
            return [_Item(None, date(year + count - 1, 12, 31), (0, 0))], True
    if kind == "verb" and prefix["at"]:
        return [_Item(None, res.end, (0, 0))], True
    if prefix["dl"]:
        return [_Item(None, res.end, (0, 0))], False
    return [], False


def _dated(
    parts: list[Part], resolved: list[Res], kind: str | None, prefix: re.Match[str]
) -> tuple[list[_Item] | None, bool]:
    """Windows of a dated phrase: the suffix applied to its last part, then ranges and lists joined."""
    status, last, used = _suffixed(resolved[-1], kind, prefix)
    if status != "ok" or last is None:
        return (None if status == "fail" else []), used
    if last.start is None:  # a deadline governs the whole phrase: 7月至9月底前
        return [_Item(None, last.end, (parts[0].span[0], parts[-1].span[1]))], used
    items = [_Item(r.start, r.end, p.span) for p, r in zip(parts[:-1], resolved[:-1], strict=True)]
    items.append(_Item(last.start, last.end, parts[-1].span, last.approximate))
    joined = _join(parts, items)
    if joined is not None and prefix["dl"] and len(joined) == 1:
        joined[0].start = None
    return joined, used


def _suffixed(res: Res, kind: str | None, prefix: re.Match[str]) -> tuple[str, _Item | None, bool]:
    """(status, item, whether the suffix belongs to the phrase) for a part followed by 前后/前/内/期间/起 …"""
    whole = _Item(None if res.deadline else res.start, res.end, (0, 0))
    point = res.grain in ("day", "holiday")
    if kind == "approx":
        near = (shift(res.start, -APPROX_DAYS), shift(res.end, APPROX_DAYS)) if point else (res.start, res.end)
        return ("ok", _Item(near[0], near[1], (0, 0), True), True) if near[0] and near[1] else ("fail", None, True)
    if kind == "eve":  # 国庆前夕: the week before
        first, last = shift(res.start, -APPROX_DAYS), shift(res.start, -1)
        return ("ok", _Item(first, last, (0, 0), True), True) if point and first and last else ("fail", None, True)
    if kind == "event":  # 8月份、红山文化节期间: the month it names
        return "ok", whole, True
    if kind == "during":
        period = holiday_period(res.holiday, res.year) if res.holiday else None
        return "ok", (_Item(period[0], period[1], (0, 0)) if period else whole), True
    if kind == "before":
        return _deadline_before(res)
    if kind == "within":
        return "ok", _Item(None, res.end, (0, 0)), True
    if kind == "past":
        return "drop", None, False  # 2019年6月以来 looks back: not a window, and nothing to warn about
    if kind in ("since", "nyears"):
        return "fail", None, True  # open-ended (3月1日起): no window to give, so the parser warns
    if kind == "verb" and prefix["at"]:
        return "ok", _Item(None, res.end, (0, 0)), True
    return "ok", whole, False


def _deadline_before(res: Res) -> tuple[str, _Item | None, bool]:
    """X月X日前 → that day; X月底前 → the month's last day; 6月前 → 31 May (before June starts)."""
    if res.grain in ("day", "holiday", "mpart", "qpart", "ypart"):
        return "ok", _Item(None, res.end, (0, 0)), True
    if res.grain == "month":
        # "6月前完成" is read as "before June": the deadline is the last day of May.
        previous = shift(res.start, -1)
        return ("ok", _Item(None, previous, (0, 0)), True) if previous else ("fail", None, True)
    if res.grain == "year" and res.year > MIN_YEAR:
        return "ok", _Item(None, date(res.year - 1, 12, 31), (0, 0)), True
    return "fail", None, True  # 三季度前, 上半年前: "by" or "before"? Reported instead of guessed.


def _join(parts: list[Part], items: list[_Item]) -> list[_Item] | None:
    """至/—/到 make one range; 、/和/及 merge parts that touch (三月一日及三月二日) and keep apart those that do not."""
    out = [items[0]]
    for part, item in zip(parts[1:], items[1:], strict=True):
        prev = out[-1]
        assert prev.start is not None and item.start is not None
        if part.conn == "range":
            if item.end < prev.start:
                return None
            prev.end, prev.span = item.end, (prev.span[0], item.span[1])
            prev.approximate |= item.approximate
        elif item.start <= prev.end + timedelta(days=1) and item.end >= prev.start - timedelta(days=1):
            prev.start, prev.end = min(prev.start, item.start), max(prev.end, item.end)
            prev.span = (prev.span[0], item.span[1])
            prev.approximate |= item.approximate
        else:
            out.append(item)
    return out


def _moved(window: TimeWindow, offset: int) -> TimeWindow:
    return replace(window, span=(window.span[0] + offset, window.span[1] + offset))
