"""Which year a plan is about, and which year is in force at each position of its text."""

from __future__ import annotations

import bisect
import re
from collections import Counter

from tongxin.parser.numerals import halfwidth_digits, parse_int
from tongxin.parser.times.parts import MAX_YEAR, MIN_YEAR
from tongxin.parser.times.patterns import SIGNED_DATE
from tongxin.parser.times.windows import scan

TITLE_CHARS = 80  # the title is the first line; a collapsed text has no line breaks, so only its start counts
SIGNATURE_CHARS = 300  # the signing or issue date sits in the last lines


# Which years a text states does not depend on the year assumed before it: one (cached) scan serves all.
_ANY_YEAR = 2000


class YearContext:
    """The year in force at a position: the nearest year stated before it in a date-like phrase, else the plan's year."""

    def __init__(self, text: str, default_year: int) -> None:
        self.default_year = default_year
        stated = scan(text, _ANY_YEAR).years
        self._positions = [pos for pos, _ in stated]
        self._years = [year for _, year in stated]

    def year_at(self, pos: int) -> int:
        index = bisect.bisect_right(self._positions, pos)
        return self._years[index - 1] if index else self.default_year


def infer_plan_year(text: str) -> int | None:
    """The plan's base year: from its title, else its signing or issue date, else the commonest year in its dates.

    Years in 《》 titles and in periods like （2018-2022年） do not count; comparisons (2019年同期) count little.
    """
    t = halfwidth_digits(text)
    title = next((line.strip() for line in t[: TITLE_CHARS * 20].splitlines() if line.strip()), "")[:TITLE_CHARS]
    in_title = [year for year, weight in scan(title, _ANY_YEAR).mentions if weight == 1]
    if in_title:
        return in_title[0]
    signed = _signing_year(t[-SIGNATURE_CHARS:])
    if signed is not None:
        return signed
    weights: Counter[int] = Counter()
    for year, weight in scan(text, _ANY_YEAR).mentions:
        weights[year] += weight
    if not weights:
        return None
    # Ties go to the later year: a plan for 2020 cites 2019 results about as often as its own targets.
    return max(weights, key=lambda year: (weights[year], year))


def _signing_year(ending: str) -> int | None:
    """The year of the last full date that stands on its own line or is followed by 印发/发布."""
    last: re.Match[str] | None = None
    for m in SIGNED_DATE.finditer(ending):
        last = m
    year = parse_int(last["year"]) if last else None
    return year if year is not None and MIN_YEAR <= year <= MAX_YEAR else None
