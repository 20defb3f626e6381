"""Calls into the time normaliser (`tongxin.parser.times`), turning its answers into model objects with spans."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from .model import Recurrence, Span, Window

try:  # the normaliser is developed alongside; until it is importable, times are simply not read
    from . import times as _times

    _times.find_windows  # noqa: B018
except (ImportError, AttributeError):  # pragma: no cover - depends on the checkout
    _times = None


class TimeErrors:
    """Normaliser failures on odd input become warnings instead of crashing the parse."""

    def __init__(self) -> None:
        self.failures: list[tuple[str, tuple[int, int]]] = []

    def call(self, fn: Callable[..., Any], default: Any, span: tuple[int, int], *args: Any, **kwargs: Any) -> Any:
        if _times is None:
            return default
        try:
            return fn(*args, **kwargs)
        except Exception as exc:  # noqa: BLE001 - a bug there must not lose the whole parse
            self.failures.append((f"{type(exc).__name__}: {exc}", span))
            return default


def available() -> bool:
    return _times is not None


def plan_year(text: str, errors: TimeErrors) -> int | None:
    return errors.call(lambda: _times.infer_plan_year(text), None, (0, 0))


def year_at(text: str, default_year: int, errors: TimeErrors) -> Callable[[int], int]:
    ctx = errors.call(lambda: _times.YearContext(text, default_year), None, (0, 0))
    if ctx is None:
        return lambda _pos: default_year
    return lambda pos: errors.call(lambda: ctx.year_at(pos), default_year, (pos, pos))


def windows(text: str, start: int, end: int, year: int, errors: TimeErrors) -> list[Window]:
    found = errors.call(lambda: _times.find_windows(text[start:end], year=year, offset=start), [], (start, end))
    return [_window(w) for w in found]


def _window(w: Any) -> Window:
    return Window(start=w.start, end=w.end, text=w.text, span=Span(*w.span), tentative=w.tentative,
                  approximate=w.approximate, deadline=getattr(w, "deadline", False))


def unparsed(text: str, start: int, end: int, errors: TimeErrors) -> list[tuple[str, tuple[int, int]]]:
    return errors.call(lambda: _times.find_unparsed(text[start:end], offset=start), [], (start, end))


def recurrences(text: str, start: int, end: int, errors: TimeErrors) -> list[Recurrence]:
    found = errors.call(lambda: _times.find_recurrences(text[start:end], offset=start), [], (start, end))
    return [Recurrence(text=r.text, span=Span(*r.span), every_months=r.every_months,
                       every_weeks=getattr(r, "every_weeks", None), weekday=getattr(r, "weekday", None),
                       nth=getattr(r, "nth", None), day=getattr(r, "day", None)) for r in found]


def spread_sessions(start: date, end: date, n: int, errors: TimeErrors) -> list[tuple[date, date]]:
    return errors.call(lambda: _times.spread_sessions(start, end, n), [], (0, 0))
