"""Spreading N sessions of a recurring activity evenly over its window."""

from __future__ import annotations

import calendar
from datetime import date


def spread_sessions(start: date, end: date, n: int) -> list[tuple[date, date]]:
    """N sessions over a window, in order, contiguous and covering it.

    Whole months when the window is whole months and n divides them (2019-01-01..2019-12-31, n=6 → two months
    each); otherwise split by days. With more sessions than days, sessions share days (each is one day).
    """
    if n <= 0 or end < start:
        return []
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    if start.day == 1 and end.day == calendar.monthrange(end.year, end.month)[1] and months % n == 0:
        size = months // n
        return [(_month_start(start, i * size), _month_last(start, (i + 1) * size - 1)) for i in range(n)]
    first, days = start.toordinal(), (end - start).days + 1
    if n > days:
        return [(date.fromordinal(first + i * days // n),) * 2 for i in range(n)]
    # Ordinals rather than date arithmetic: the day after date.max does not exist.
    bounds = [first + i * days // n for i in range(n + 1)]
    return [(date.fromordinal(bounds[i]), date.fromordinal(bounds[i + 1] - 1)) for i in range(n)]


def _month_start(first: date, months_later: int) -> date:
    index = first.month - 1 + months_later
    return date(first.year + index // 12, index % 12 + 1, 1)


def _month_last(first: date, months_later: int) -> date:
    begin = _month_start(first, months_later)
    return date(begin.year, begin.month, calendar.monthrange(begin.year, begin.month)[1])
