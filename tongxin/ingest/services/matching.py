"""Which activity of the published plan a re-imported item updates, in near-linear time for plans of any size."""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Protocol


class Activity(Protocol):
    """What matching needs of an activity (the plans floor does not import the activities app)."""

    pk: int
    number: str
    title: str


THRESHOLD = 0.75  # similarity a changed title needs (a same number adds NUMBER_BONUS)
NUMBER_BONUS = 0.3
# Beyond this many title comparisons, changed items are compared only with activities of the same number:
# a thousand rewritten titles would otherwise cost a million comparisons.
FUZZY_BUDGET = 50_000


def identity_key(title: str, year: int | None) -> str:
    """The same plan imported twice (a corrected version) has the same key: its title without spacing or punctuation."""
    norm = unicodedata.normalize("NFKC", title or "")
    norm = re.sub(r"[\s\W_]+", "", norm)
    return f"{year or ''}:{norm}"[:320]


def _norm(title: str) -> str:
    return re.sub(r"[\s\W_]+", "", unicodedata.normalize("NFKC", title or ""))


@dataclass
class Matching:
    """matches[i] is the activity item i updates (None: a new activity); stale are the activities no item kept."""

    matches: list[Activity | None]
    stale: list[Activity] = field(default_factory=list)

    @property
    def created(self) -> int:
        return sum(1 for m in self.matches if m is None)

    @property
    def updated(self) -> int:
        return len(self.matches) - self.created


def match_activities(existing: list[Activity], items: list[dict]) -> Matching:
    """Same number and same title first, then the same title, then the most similar title (greedy, in item order)."""
    left = {a.pk: a for a in existing}
    matches: list[Activity | None] = [None] * len(items)
    by_number_title: dict[tuple[str, str], list[Activity]] = defaultdict(list)
    by_title: dict[str, list[Activity]] = defaultdict(list)
    for act in existing:
        by_number_title[(act.number, _norm(act.title))].append(act)
        by_title[_norm(act.title)].append(act)
    for i, item in enumerate(items):
        matches[i] = _take(by_number_title.get(((item.get("number") or ""), _norm(item.get("title") or ""))), left)
    for i, item in enumerate(items):
        if matches[i] is None:
            matches[i] = _take(by_title.get(_norm(item.get("title") or "")), left)
    _match_fuzzy(items, matches, left)
    return Matching(matches=matches, stale=list(left.values()))


def _take(candidates: list[Activity] | None, left: dict[int, Activity]) -> Activity | None:
    for act in candidates or []:
        if act.pk in left:
            return left.pop(act.pk)
    return None


def _match_fuzzy(items: list[dict], matches: list[Activity | None], left: dict[int, Activity]) -> None:
    todo = [i for i, m in enumerate(matches) if m is None]
    if not todo or not left:
        return
    same_number_only = len(todo) * len(left) > FUZZY_BUDGET
    by_number: dict[str, list[Activity]] = defaultdict(list)
    for act in left.values():
        if act.number:
            by_number[act.number].append(act)
    for i in todo:
        if not left:
            return
        item = items[i]
        number, title = item.get("number") or "", item.get("title") or ""
        if same_number_only:
            candidates = [a for a in by_number.get(number, ()) if a.pk in left]
        else:
            candidates = list(left.values())
        best, best_score = None, 0.0
        # The item's title is the second sequence: difflib indexes it once and compares it with each candidate.
        matcher = difflib.SequenceMatcher(None, "", title, autojunk=False)
        for act in candidates:
            bonus = NUMBER_BONUS if act.number and act.number == number else 0.0
            matcher.set_seq1(act.title)
            # The quick ratios are upper bounds: skip the full comparison when even they cannot win.
            if matcher.real_quick_ratio() + bonus < max(THRESHOLD, best_score):
                continue
            if matcher.quick_ratio() + bonus < max(THRESHOLD, best_score):
                continue
            score = matcher.ratio() + bonus
            if score > best_score:
                best, best_score = act, score
        if best is not None and best_score >= THRESHOLD:
            matches[i] = left.pop(best.pk)
