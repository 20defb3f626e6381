"""Unit names that may be one unit written two ways (党外知识分子联络中心 / 党外知识分子联络服务中心): reported, never merged."""

from __future__ import annotations

import difflib

from .model import DuplicateHint, RoleRef

_MIN_LENGTH = 5


def possible_duplicates(refs: list[RoleRef]) -> list[DuplicateHint]:
    """Pairs of distinct names where one is the other with a few characters inserted or swapped."""
    first: dict[str, RoleRef] = {}
    for ref in refs:
        if not ref.person:
            first.setdefault(ref.name.replace(" ", ""), ref)
    names = list(first)
    hints = []
    for i, a in enumerate(names):
        for b in names[i + 1:]:
            if looks_same(a, b):
                hints.append(DuplicateHint([first[a].name, first[b].name], [first[a].span, first[b].span]))
    return hints


def looks_same(a: str, b: str) -> bool:
    if abs(len(a) - len(b)) > 3 or (a[0] != b[0] and a[-1] != b[-1]):  # both kinds of near-miss share an end
        return False
    short, long_ = sorted((a, b), key=len)
    if len(short) < _MIN_LENGTH or short == long_:
        return False
    extra = len(long_) - len(short)
    if 0 < extra <= 3 and _is_subsequence(short, long_) and not long_.startswith(short) and not long_.endswith(short):
        return True
    if extra == 0 and len(short) >= 8:
        differing = sum(1 for x, y in zip(short, long_, strict=True) if x != y)
        return differing <= 2 and difflib.SequenceMatcher(None, short, long_).ratio() >= 0.8
    return False


def _is_subsequence(short: str, long_: str) -> bool:
    it = iter(long_)
    return all(ch in it for ch in short)
