"""Rendering source text with highlighted spans, so a reviewer sees where each value came from."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe


@dataclass(frozen=True)
class Mark:
    start: int
    end: int
    css: str
    title: str = ""
    ident: str = ""


def highlight(text: str, marks: list[Mark]) -> SafeString:
    """Escape `text` and wrap each non-overlapping mark in <mark>; later overlapping marks are dropped."""
    chosen: list[Mark] = []
    last_end = -1
    for m in sorted((m for m in marks if 0 <= m.start < m.end <= len(text)), key=lambda m: (m.start, -m.end)):
        if m.start >= last_end:
            chosen.append(m)
            last_end = m.end
    out: list[str] = []
    pos = 0
    for m in chosen:
        out.append(escape(text[pos : m.start]))
        ident = f' id="{escape(m.ident)}"' if m.ident else ""
        out.append(
            f'<mark class="hl {escape(m.css)}" title="{escape(m.title)}"{ident}>{escape(text[m.start : m.end])}</mark>'
        )
        pos = m.end
    out.append(escape(text[pos:]))
    return mark_safe("".join(out))


def find_marks(text: str, needles: list[tuple[str, str, str]]) -> list[Mark]:
    """Marks for the first occurrence of each (needle, css, title) — used where the parser gave no span."""
    marks = []
    for needle, css, title in needles:
        if needle:
            idx = text.find(needle)
            if idx >= 0:
                marks.append(Mark(idx, idx + len(needle), css, title))
    return marks
