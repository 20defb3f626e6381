"""Time normaliser: Chinese time phrases in plan documents → date windows, recurrences and sessions (pure Python).

SCHEMA.md "Time conventions" is the specification; each module below handles one part of it.
"""

from tongxin.parser.times.recurrence import Recurrence, find_recurrences, occurrences
from tongxin.parser.times.sessions import spread_sessions
from tongxin.parser.times.unparsed import find_unparsed
from tongxin.parser.times.windows import TimeWindow, find_windows, normalise
from tongxin.parser.times.years import YearContext, infer_plan_year

__all__ = [
    "Recurrence",
    "TimeWindow",
    "YearContext",
    "find_recurrences",
    "find_unparsed",
    "find_windows",
    "infer_plan_year",
    "normalise",
    "occurrences",
    "spread_sessions",
]
