"""Unit names that may be one unit written two ways (党外知识分子联络中心 / 党外知识分子联络服务中心): reported, never merged.

Names are compared only within blocks that any such pair must share, so the cost grows with the number of names,
not with its square (a plan with 900 similar names once made 432,000 comparisons):
- one name is the other with up to 3 characters inserted: cut the shorter into 4 pieces; at most 3 insertions
  fall inside at most 3 pieces, so one piece appears in the longer name unbroken, shifted by 0–3 characters;
- same length with up to 2 characters changed: cut into 3 pieces; one piece is unchanged at the same place.
Names whose numbers differ (第一中学 / 第二中学, 12片区 / 13片区) are different units, never hints; so the numbers a
name carries are part of every block key too.
"""

from __future__ import annotations

import difflib
import itertools
import re
from collections import defaultdict

from .model import DuplicateHint, RoleRef

_MIN_LENGTH = 5
_MAX_EXTRA = 3
_MAX_CHANGED = 2
_NUMBER = re.compile(r"[0-9〇零一二三四五六七八九十百]+")
_FEW = 60
_MIN_SAME_LENGTH = 8  # names of equal length are compared only from this length on


def possible_duplicates(refs: list[RoleRef]) -> list[DuplicateHint]:
    """Pairs of distinct names where one is the other with a few characters inserted or swapped."""
    first: dict[str, RoleRef] = {}
    for ref in refs:
        if not ref.person:
            first.setdefault(ref.name.replace(" ", ""), ref)
    names = [n for n in first if len(n) >= _MIN_LENGTH]
    order = {name: i for i, name in enumerate(first)}
    # A few dozen names are compared pair by pair: cheaper than building the blocks.
    candidates = itertools.combinations(names, 2) if len(names) <= _FEW else candidate_pairs(names)
    pairs = {(a, b) if order[a] < order[b] else (b, a) for a, b in candidates if looks_same(a, b)}
    hints = []
    for a, b in sorted(pairs, key=lambda p: (order[p[0]], order[p[1]])):
        hints.append(DuplicateHint([first[a].name, first[b].name], [first[a].span, first[b].span]))
    return hints


def _pieces(length: int, count: int) -> list[tuple[int, int]]:
    """[start, end) of `count` nearly equal consecutive pieces of a string of `length` characters."""
    bounds = [length * i // count for i in range(count + 1)]
    return [(bounds[i], bounds[i + 1]) for i in range(count)]


def candidate_pairs(names: list[str]) -> set[tuple[str, str]]:
    """Every pair looks_same could accept, and few others: pairs sharing a piece at a compatible place and
    sharing their first or their last character (looks_same asks for one of the two)."""
    inserted: dict[tuple[int, int, str, str], list[str]] = defaultdict(list)
    changed: dict[tuple[int, int, str, str], list[str]] = defaultdict(list)
    for name in names:
        n = len(name)
        ends = {"^" + name[0] + _numbers(name), name[-1] + "$" + _numbers(name)}
        for i, (s, e) in enumerate(_pieces(n, _MAX_EXTRA + 1)):
            for end in ends:
                inserted[(n, i, name[s:e], end)].append(name)
        if n >= _MIN_SAME_LENGTH:
            for i, (s, e) in enumerate(_pieces(n, _MAX_CHANGED + 1)):
                for end in ends:
                    changed[(n, i, name[s:e], end)].append(name)
    out: set[tuple[str, str]] = set()
    for long_ in names:
        n = len(long_)
        ends = ("^" + long_[0] + _numbers(long_), long_[-1] + "$" + _numbers(long_))
        for short_len in range(max(_MIN_LENGTH, n - _MAX_EXTRA), n):
            for i, (s, e) in enumerate(_pieces(short_len, _MAX_EXTRA + 1)):
                for shift in range(n - short_len + 1):
                    piece = long_[s + shift:e + shift]
                    for end in ends:
                        out.update((short, long_) for short in inserted.get((short_len, i, piece, end), ()))
        if n >= _MIN_SAME_LENGTH:
            for i, (s, e) in enumerate(_pieces(n, _MAX_CHANGED + 1)):
                for end in ends:
                    out.update((other, long_) for other in changed.get((n, i, long_[s:e], end), ()) if other != long_)
    return out


def _numbers(name: str) -> str:
    return "#".join(_NUMBER.findall(name))


def looks_same(a: str, b: str) -> bool:
    if abs(len(a) - len(b)) > _MAX_EXTRA or (a[0] != b[0] and a[-1] != b[-1]):  # both kinds of near-miss share an end
        return False
    if _numbers(a) != _numbers(b):
        return False
    short, long_ = sorted((a, b), key=len)
    if len(short) < _MIN_LENGTH or short == long_:
        return False
    extra = len(long_) - len(short)
    if 0 < extra <= _MAX_EXTRA and _is_subsequence(short, long_) and not long_.startswith(short) \
            and not long_.endswith(short):
        return True
    if extra == 0 and len(short) >= _MIN_SAME_LENGTH:
        differing = sum(1 for x, y in zip(short, long_, strict=True) if x != y)
        return differing <= _MAX_CHANGED and difflib.SequenceMatcher(None, short, long_).ratio() >= 0.8
    return False


def _is_subsequence(short: str, long_: str) -> bool:
    it = iter(long_)
    return all(ch in it for ch in short)
