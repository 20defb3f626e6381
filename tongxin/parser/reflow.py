"""Rejoin lines that a printed page wrapped at its right margin (PDF text layers, text copied out of a PDF)."""

from __future__ import annotations

import re
import unicodedata

_SENTENCE_END = tuple("。：:；;！!？?）)”")
_MARKER_START = re.compile(
    r"\s*(第[一二三四五六七八九十百\d]+[章条节部分阶段]|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d+[.．、]|[①-⑳])"
)
_RULE = re.compile(r"\s*[─━—―_=\-]{4,}\s*")  # a drawn rule: never part of a paragraph
_MIN_WIDTH = 24  # display columns: a wrapped line of fewer is a short line, not a margin


def display_width(line: str) -> int:
    """Columns a line takes on the page: Chinese characters and full-width forms count two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line.strip())


def margin(widths: list[int]) -> int:
    """The right margin: on a full page the third-widest line, so that one or two over-long lines (a rule, a print
    line) do not set it; on a page of a few lines the widest."""
    ranked = sorted(widths, reverse=True)
    return ranked[min(2, len(ranked) // 8)] if ranked else 0


def reflow(page: str, *, only_if_wrapped: bool = False) -> str:
    """Join each line that reaches the margin, does not end a sentence and is not followed by numbering.

    With only_if_wrapped (plain text, where one line is often one paragraph), nothing is joined unless at least
    five lines and a quarter of the longer lines end at the margin: the mark of text wrapped by a page.
    """
    lines = page.split("\n")
    widths = [display_width(line) for line in lines]
    width = margin(widths)
    if width < _MIN_WIDTH:
        return page
    full = [w >= width * 0.88 for w in widths]
    if only_if_wrapped:
        longer = sum(1 for w in widths if w >= _MIN_WIDTH // 2)
        if sum(full) < 5 or sum(full) * 4 < longer:
            return page
    out: list[str] = []
    joining = False
    for line, at_margin in zip(lines, full, strict=True):
        if joining and line.strip() and not _MARKER_START.match(line) and not _RULE.fullmatch(line):
            out[-1] += line.strip()
        else:
            out.append(line.rstrip())
        joining = at_margin and not line.strip().endswith(_SENTENCE_END) and not _RULE.fullmatch(line)
    return "\n".join(out)
