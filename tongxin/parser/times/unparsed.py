"""Phrases that look like times but could not be read, so the parser can warn instead of staying silent."""

from __future__ import annotations

from tongxin.parser.numerals import halfwidth_digits
from tongxin.parser.times.patterns import LOOSE, LOOSE_ANCHOR, QUOTED_TITLE
from tongxin.parser.times.recurrence import find_recurrences
from tongxin.parser.times.windows import scan_for_warnings

_BACK, _AHEAD = 9, 6  # the longest LOOSE phrase reaches this far either side of its anchor word
_ANY_YEAR = 2000  # which year is in force does not change whether a phrase can be read (same as years.py)


def find_unparsed(text: str, *, offset: int = 0) -> list[tuple[str, tuple[int, int]]]:
    """Time-like phrases (月底/旬/季度/期间/前后 …) that find_windows could not turn into a window, left to right."""
    t = halfwidth_digits(text)
    result = scan_for_warnings(text, _ANY_YEAR)
    # Recurrences (每月5日前) and other documents' titles are understood, whatever their pieces look like.
    understood = [r.span for r in find_recurrences(text)]
    understood += [m.span() for m in QUOTED_TITLE.finditer(t)] if "《" in t else []
    taken = result.covered + understood
    spans = [span for span in result.unparsed if not _overlaps(span, understood)]
    spans += [span for span in _loose(t) if not _overlaps(span, taken)]
    spans.sort()
    out: list[tuple[str, tuple[int, int]]] = []
    last_end = -1
    for s, e in spans:
        if s >= last_end:  # a loose match inside an unreadable phrase is the same warning
            out.append((text[s:e], (s + offset, e + offset)))
            last_end = e
    return out


def _overlaps(span: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(span[0] < e and s < span[1] for s, e in spans)


def _loose(t: str) -> list[tuple[int, int]]:
    """LOOSE matches, looked for only around the words every one of them contains."""
    found: list[tuple[int, int]] = []
    done = 0
    for anchor in LOOSE_ANCHOR.finditer(t):
        at = anchor.start()
        if at < done:
            continue
        for m in LOOSE.finditer(t, max(done, at - _BACK), anchor.end() + _AHEAD):
            if m.start() <= at < m.end():
                found.append(m.span())
                done = m.end()
                break
    return found
