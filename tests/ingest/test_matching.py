"""Matching a re-imported plan's items to the published activities: right on small edits, near-linear at size."""

from __future__ import annotations

import difflib
from types import SimpleNamespace

from tongxin.ingest.services.matching import match_activities


def act(pk: int, number: str, title: str):
    return SimpleNamespace(pk=pk, number=number, title=title)


def item(number: str, title: str) -> dict:
    return {"number": number, "title": title}


def test_same_items_edited_items_new_items_and_dropped_activities():
    existing = [act(1, "一", "双月读书会活动"), act(2, "二", "民主党派骨干培训班"), act(3, "三", "宗教界教风整治活动")]
    items = [
        item("一", "双月读书会活动"),  # unchanged
        item("二", "民主党派骨干成员培训班"),  # reworded: similar title, same number
        item("四", "我与国旗合个影"),  # new
    ]
    m = match_activities(existing, items)
    assert [a.pk if a else None for a in m.matches] == [1, 2, None]
    assert [a.pk for a in m.stale] == [3]
    assert (m.created, m.updated) == (1, 2)


def test_renumbered_items_keep_their_activities_by_title():
    existing = [act(1, "1", "专题学习会"), act(2, "2", "知识竞赛")]
    m = match_activities(existing, [item("1", "知识竞赛"), item("2", "专题学习会")])
    assert [a.pk for a in m.matches] == [2, 1] and m.stale == []


def test_three_thousand_rewritten_titles_match_with_a_linear_number_of_comparisons(monkeypatch):
    """Not timed (speed lives in bench/): counted. 3,000 × 3,000 fuzzy pairs would be 9 million comparisons; past
    the budget each item is compared only with the activities of its own number."""
    compared = 0
    real = difflib.SequenceMatcher.set_seq1

    def counting(self, a):
        nonlocal compared
        compared += 1
        return real(self, a)

    monkeypatch.setattr(difflib.SequenceMatcher, "set_seq1", counting)
    existing = [act(i, str(i), f"第{i}期专题学习会") for i in range(3000)]
    items = [item(str(i), f"第{i}期专题学习会（时间调整）") for i in range(3000)]
    m = match_activities(existing, items)
    assert [a.pk for a in m.matches] == list(range(3000)) and m.stale == []
    assert compared <= 2 * 3000
