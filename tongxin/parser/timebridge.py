"""Calls into the time normaliser (`tongxin.parser.times`), turning its answers into model objects with spans."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from . import times
from .model import Recurrence, Span, Window


class TimeErrors:
    """Normaliser failures on odd input become warnings instead of crashing the parse."""

    def __init__(self) -> None:
        self.failures: list[tuple[str, tuple[int, int]]] = []

    def call(self, fn: Callable[[], Any], default: Any, span: tuple[int, int]) -> Any:
        try:
            return fn()
        except Exception as exc:  # noqa: BLE001 - a bug there must not lose the whole parse
            self.failures.append((f"{type(exc).__name__}: {exc}", span))
            return default


def plan_year(text: str, errors: TimeErrors) -> int | None:
    return errors.call(lambda: times.infer_plan_year(text), None, (0, 0))


def year_at(text: str, default_year: int, errors: TimeErrors) -> Callable[[int], int]:
    ctx = errors.call(lambda: times.YearContext(text, default_year), None, (0, 0))
    if ctx is None:
        return lambda _pos: default_year
    return lambda pos: errors.call(lambda: ctx.year_at(pos), default_year, (pos, pos))


def windows(text: str, start: int, end: int, year: int, errors: TimeErrors) -> list[Window]:
    found = errors.call(lambda: times.find_windows(text[start:end], year=year, offset=start), [], (start, end))
    return [Window(start=w.start, end=w.end, text=w.text, span=Span(*w.span), tentative=w.tentative,
                   approximate=w.approximate, deadline=w.deadline) for w in found]


def unparsed(text: str, start: int, end: int, errors: TimeErrors) -> list[tuple[str, tuple[int, int]]]:
    return errors.call(lambda: times.find_unparsed(text[start:end], offset=start), [], (start, end))


def recurrences(text: str, start: int, end: int, errors: TimeErrors) -> list[Recurrence]:
    found = errors.call(lambda: times.find_recurrences(text[start:end], offset=start), [], (start, end))
    return [Recurrence(text=r.text, span=Span(*r.span), every_months=r.every_months, every_weeks=r.every_weeks,
                       weekday=r.weekday, nth=r.nth, day=r.day) for r in found]


def spread_sessions(start: date, end: date, n: int, errors: TimeErrors) -> list[tuple[date, date]]:
    return errors.call(lambda: times.spread_sessions(start, end, n), [], (0, 0))
