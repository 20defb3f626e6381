"""Time normaliser: Chinese time phrases in plan documents → date windows, recurrences and sessions (pure Python)."""

from tongxin.parser.times.windows import TimeWindow, find_windows, normalise

__all__ = ["TimeWindow", "find_windows", "normalise"]
