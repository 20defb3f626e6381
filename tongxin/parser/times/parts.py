"""A time phrase's tokens split into parts (one date or period each), and each part resolved to the days it covers."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
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


@dataclass
class Atom:
    """One date element as written: kind I (full date), Y, R (relative year), M, D, Q, QF (前N季度), H, P (年底 …), HOL."""

    kind: str
    value: int | str | date
    span: tuple[int, int]
    detail: str | None = None  # 上旬/底/初/内 of a month, year or quarter


@dataclass
class Part:
    """Atoms that together name one date or period: 2019年 + 6月 + 中旬."""

    conn: str | None  # how it joins the part before: "range", "list", or None
    atoms: list[Atom] = field(default_factory=list)

    @property
    def span(self) -> tuple[int, int]:
        return self.atoms[0].span[0], self.atoms[-1].span[1]

    def find(self, *kinds: str) -> Atom | None:
        return next((a for a in self.atoms if a.kind in kinds), None)

    def accepts(self, atom: Atom) -> bool:
        """Whether the atom refines this part (a month after a year, a day after a month) rather than starting one."""
        kinds = {a.kind for a in self.atoms}
        if any(a.detail for a in self.atoms) or "I" in kinds or "D" in kinds:
            return False
        if atom.kind in ("Y", "R", "I"):
            return not kinds
        if atom.kind == "D":
            return "M" in kinds
        return not kinds - {"Y", "R"}


@dataclass(frozen=True)
class Res:
    """The days a part covers, and what kind of period it is (grain) for the suffixes that follow."""

    start: date
    end: date
    grain: str  # day | holiday | month | mpart | quarter | half | year | ypart
    year: int
    month: int | None = None
    holiday: str | None = None
    deadline: bool = False  # 年内 and the like


def token_atoms(m: re.Match[str]) -> list[tuple[str | None, Atom]]:
    """The atoms of one token, with the connector before each (lists like 第二、三、四季度 give several)."""
    kind = m.lastgroup or ""
    span = m.span()
    if kind == "I":
        try:
            day = date(int(m["iy"]), int(m["im"]), int(m["id"]))
        except ValueError:
            return []
        return [(None, Atom("I", day, span))]
    if kind == "Y":
        return _year_atoms(m)
    if kind == "R":
        return [(None, Atom("R", m["rel"], span, m["rp"]))]
    if kind == "M":
        return _list_atoms("M", m, "ml", m["mp"])
    if kind == "D":
        return _list_atoms("D", m, "dl", None)
    if kind == "Q":
        if m["qf"]:
            return [(None, Atom("QF", parse_int(m["qf"]) or 0, span))]
        return _list_atoms("Q", m, "ql", m["qp"])
    if kind == "H":
        return [(None, Atom("H", m["half"], span))]
    if kind == "P":
        return [(None, Atom("P", m["pp"] or "全年", span))]
    return [(None, Atom("HOL", canonical(m[kind]) or "", span))]


def _year_atoms(m: re.Match[str]) -> list[tuple[str | None, Atom]]:
    first = parse_int(m["y1"]) or 0
    if not m["y2"]:
        return [(None, Atom("Y", first, m.span(), m["yp"]))]
    second = parse_int(m["y2"]) or 0
    return [(None, Atom("Y", first, m.span("y1"))), ("range", Atom("Y", second, (m.start("y2"), m.end()), m["yp"]))]


def _list_atoms(kind: str, m: re.Match[str], group: str, detail: str | None) -> list[tuple[str | None, Atom]]:
    """3、4月 → March, April; 1—10日 → day 1 to day 10; the unit and detail belong to the last item."""
    base = m.start(group)
    items: list[tuple[str | None, Atom]] = []
    conn: str | None = None
    for item in LIST_ITEM.finditer(m[group]):
        if item[2]:
            conn = "range" if RANGE_SEP.search(item[2]) else "list"
            continue
        value = parse_int(item[1])
        if value is None:
            return []
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
            parts[-1].atoms.append(atom)
        else:
            parts.append(Part(conn if parts else None, [atom]))
    return parts


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def shift(day: date, days: int) -> date | None:
    """A day moved by some days, or None at the edge of the calendar."""
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return None


def part_year(part: Part, year_in_force: int) -> tuple[int, bool]:
    """The year a part is in, and whether the part states it itself."""
    explicit = part.find("Y", "I")
    if explicit is not None:
        return (explicit.value.year if isinstance(explicit.value, date) else int(explicit.value)), True
    relative = part.find("R")
    if relative is not None:
        return year_in_force + _RELATIVE_YEARS.get(str(relative.value), 0), True
    return year_in_force, False


def resolve(part: Part, year: int, month: int | None) -> Res | None:
    """The days a part covers in the given year (or the month in force, for a bare day), or None."""
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None
    unit = part.find("I", "M", "D", "Q", "QF", "H", "P", "HOL")
    if unit is None:
        year_atom = part.find("Y", "R")
        return _year_res(year, year_atom.detail if year_atom else None)
    if unit.kind == "I":
        day = unit.value
        return Res(day, day, "day", year, day.month) if isinstance(day, date) else None
    if unit.kind in ("M", "D"):
        return _month_res(part, unit, year, month)
    if unit.kind in ("Q", "QF"):
        return _quarter_res(unit, year)
    if unit.kind == "H":
        first_half = unit.value == "上"
        return Res(date(year, 1 if first_half else 7, 1), date(year, 6 if first_half else 12, 30 if first_half else 31),
                   "half", year)  # fmt: skip
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


def _month_res(part: Part, unit: Atom, year: int, month_in_force: int | None) -> Res | None:
    day_atom = part.find("D")
    month = int(unit.value) if unit.kind == "M" else month_in_force
    if month is None or not 1 <= month <= 12:
        return None
    last = calendar.monthrange(year, month)[1]
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
