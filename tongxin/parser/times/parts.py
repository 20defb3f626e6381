"""A time phrase's tokens split into parts (one date or period each), and each part resolved to the days it covers."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from tongxin.parser.holidays import canonical, holiday_date
from tongxin.parser.numerals import parse_int
from tongxin.parser.times.patterns import LIST_ITEM, RANGE_SEP

MIN_YEAR, MAX_YEAR = 1800, 2199  # plans are dated; anything else is a number that happens to precede 年

_MONTH_PARTS = {
    "上旬": (1, 10), "中旬": (11, 20), "下旬": (21, 31), "上中旬": (1, 20), "中下旬": (11, 31),
    "初": (1, 10), "中": (11, 20), "底": (21, 31), "末": (21, 31),
}  # fmt: skip
_RELATIVE_YEARS = {"今": 0, "本": 0, "明": 1, "次": 1, "翌": 1, "去": -1}


@dataclass(slots=True)
class Atom:
    """One date element as written: kind I (full date), Y, R (relative year), M, D, Q, QF (前N季度), H, P (年底 …), HOL."""

    kind: str
    value: int | str | date
    span: tuple[int, int]
    detail: str | None = None  # 上旬/底/初/内 of a month, year or quarter


@dataclass(slots=True)
class Part:
    """Atoms that together name one date or period: 2019年 + 6月 + 中旬 (year, unit, day)."""

    conn: str | None  # how it joins the part before: "range", "list", or None
    span: tuple[int, int]
    year: Atom | None = None  # Y or R
    unit: Atom | None = None  # I, M, Q, QF, H, P, HOL, or D for a day whose month comes from the part before
    day: Atom | None = None  # D after M

    @classmethod
    def of(cls, conn: str | None, atom: Atom) -> Part:
        part = cls(conn, atom.span)
        part.add(atom)
        return part

    def add(self, atom: Atom) -> None:
        if atom.kind in ("Y", "R"):
            self.year = atom
        elif atom.kind == "D" and self.unit is not None:
            self.day = atom
        else:
            self.unit = atom
        self.span = (self.span[0], atom.span[1])

    def accepts(self, atom: Atom) -> bool:
        """Whether the atom refines this part (a month after a year, a day after a month) rather than starting one."""
        if self.day is not None or (self.year and self.year.detail):
            return False
        if self.unit is not None and (self.unit.detail or self.unit.kind in ("I", "D")):
            return False
        if atom.kind in ("Y", "R", "I"):
            return self.year is None and self.unit is None
        if atom.kind == "D":
            return self.unit is not None and self.unit.kind == "M"
        return self.unit is None

    @property
    def bare_year(self) -> bool:
        """Only a written year (2019年), nothing finer and no 年底/年内."""
        return self.unit is None and self.year is not None and self.year.kind == "Y" and not self.year.detail


@dataclass(slots=True)
class Res:
    """The days a part covers, and what kind of period it is (grain) for the suffixes that follow."""

    start: date
    end: date
    grain: str  # day | holiday | month | mpart | quarter | half | year | ypart
    year: int
    month: int | None = None
    holiday: str | None = None
    deadline: bool = False  # 年内 and the like


_VALID = {"Y": (MIN_YEAR, MAX_YEAR), "M": (1, 12), "D": (1, 31), "Q": (1, 4)}


def token_atoms(m: re.Match[str]) -> list[tuple[str | None, Atom]]:
    """The atoms of one token, with the connector before each (lists like 第二、三、四季度 give several)."""
    kind = m.lastgroup or ""
    span = m.span()
    if kind == "N":
        numbers, year, month, day, *details = m.group("nl", "uy", "um", "ud", "yp", "mp", "qp")
        unit = "Y" if year else "M" if month else "D" if day else "Q"
        return _list_atoms(unit, m, numbers, details[0] or details[1] or details[2])
    if kind == "I":
        try:
            day = date(int(m["iy"]), int(m["im"]), int(m["id"]))
        except ValueError:
            return []
        return [(None, Atom("I", day, span))]
    if kind == "R":
        return [(None, Atom("R", m["rel"], span, m["rp"]))]
    if kind == "QF":
        return [(None, Atom("QF", parse_int(m["qf"]) or 0, span))]
    if kind == "H":
        return [(None, Atom("H", m["half"], span))]
    if kind == "P":
        return [(None, Atom("P", m["pp"] or "全年", span))]
    return [(None, Atom("HOL", canonical(m[kind]) or "", span))]


def _list_atoms(kind: str, m: re.Match[str], numbers: str, detail: str | None) -> list[tuple[str | None, Atom]]:
    """3、4月 → March, April; 1—10日 → day 1 to day 10; the unit and detail belong to the last item.

    Numbers out of range for the unit (13月, 二十年) are dropped, with the connector after them.
    """
    low, high = _VALID[kind]
    single = parse_int(numbers.lstrip("第"))  # most tokens are one number: no list to split
    if single is not None:
        return [(None, Atom(kind, single, m.span(), detail))] if low <= single <= high else []
    base = m.start("nl")
    items: list[tuple[str | None, Atom]] = []
    conn: str | None = None
    for item in LIST_ITEM.finditer(numbers):
        if item[2]:
            conn = ("range" if RANGE_SEP.search(item[2]) else "list") if items else None
            continue
        value = parse_int(item[1])
        if value is None or not low <= value <= high:
            items, conn = [], None  # a list is only read after its last bad number
            continue
        items.append((conn, Atom(kind, value, (base + item.start(), base + item.end()))))
    if not items:
        return []
    last_conn, last = items[-1]
    items[-1] = (last_conn, Atom(kind, last.value, (last.span[0], m.end()), detail))
    return items


def build_parts(atoms: list[tuple[str | None, Atom]]) -> list[Part]:
    """Group atoms into parts: a connector, or an atom that cannot refine the current part, starts a new one."""
    parts: list[Part] = []
    for conn, atom in atoms:
        if parts and conn is None and parts[-1].accepts(atom):
            parts[-1].add(atom)
        else:
            parts.append(Part.of(conn if parts else None, atom))
    return parts


_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def days_in_month(year: int, month: int) -> int:
    """calendar.monthrange without the weekday it also computes (this runs for every date phrase)."""
    if month == 2 and year % 4 == 0 and (year % 100 != 0 or year % 400 == 0):
        return 29
    return _DAYS[month - 1]


def month_end(year: int, month: int) -> date:
    return date(year, month, days_in_month(year, month))


def shift(day: date, days: int) -> date | None:
    """A day moved by some days, or None at the edge of the calendar."""
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return None


def part_year(part: Part, year_in_force: int) -> tuple[int, bool]:
    """The year a part is in, and whether the part states it itself."""
    if part.unit is not None and isinstance(part.unit.value, date):
        return part.unit.value.year, True
    if part.year is None:
        return year_in_force, False
    if part.year.kind == "Y":
        return int(part.year.value), True
    return year_in_force + _RELATIVE_YEARS.get(str(part.year.value), 0), True


def resolve(part: Part, year: int, month: int | None) -> Res | None:
    """The days a part covers in the given year (or the month in force, for a bare day), or None."""
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None
    unit = part.unit
    if unit is None:
        return _year_res(year, part.year.detail if part.year else None)
    if unit.kind == "I":
        day = unit.value
        return Res(day, day, "day", year, day.month) if isinstance(day, date) else None
    if unit.kind in ("M", "D"):
        return _month_res(part.day, unit, year, month)
    if unit.kind in ("Q", "QF"):
        return _quarter_res(unit, year)
    if unit.kind == "H":  # 上半年 / 下半年
        if unit.value == "上":
            return Res(date(year, 1, 1), date(year, 6, 30), "half", year)
        return Res(date(year, 7, 1), date(year, 12, 31), "half", year)
    if unit.kind == "P":
        return _year_res(year, str(unit.value))
    day = holiday_date(str(unit.value), year)
    return Res(day, day, "holiday", year, day.month, str(unit.value)) if day else None


def _year_res(year: int, detail: str | None) -> Res:
    if detail in ("底", "末"):
        return Res(date(year, 12, 1), date(year, 12, 31), "ypart", year)
    if detail == "初":
        return Res(date(year, 1, 1), month_end(year, 2), "ypart", year)
    if detail == "内":
        return Res(date(year, 1, 1), date(year, 12, 31), "ypart", year, deadline=True)
    grain = "ypart" if detail == "全年" else "year"
    return Res(date(year, 1, 1), date(year, 12, 31), grain, year)


def _month_res(day_atom: Atom | None, unit: Atom, year: int, month_in_force: int | None) -> Res | None:
    if unit.kind == "D":  # a bare day: 9月1日—10日
        day_atom = unit
    month = int(unit.value) if unit.kind == "M" else month_in_force
    if month is None or not 1 <= month <= 12:
        return None
    last = days_in_month(year, month)
    if day_atom is not None:
        day = int(day_atom.value)
        if not 1 <= day <= 31:
            return None
        # 2月30日, 9月31日: a typing slip for the month's last day, not a reason to lose the date.
        when = date(year, month, min(day, last))
        return Res(when, when, "day", year, month)
    if unit.detail in _MONTH_PARTS:
        first, final = _MONTH_PARTS[unit.detail]
        return Res(date(year, month, first), date(year, month, min(final, last)), "mpart", year, month)
    return Res(date(year, month, 1), date(year, month, last), "month", year, month)


def _quarter_res(unit: Atom, year: int) -> Res | None:
    quarter = int(unit.value)
    if not 1 <= quarter <= 4:
        return None
    first_month = 3 * quarter - 2
    if unit.kind == "QF":  # 前三季度: January to the end of the third quarter
        return Res(date(year, 1, 1), month_end(year, first_month + 2), "quarter", year)
    if unit.detail in ("末", "底"):  # the quarter's last month
        return Res(date(year, first_month + 2, 1), month_end(year, first_month + 2), "qpart", year)
    if unit.detail == "初":
        return Res(date(year, first_month, 1), month_end(year, first_month), "qpart", year)
    return Res(date(year, first_month, 1), month_end(year, first_month + 2), "quarter", year)
