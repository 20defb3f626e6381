"""Possible duplicate unit names: blocked comparison finds exactly what comparing every pair finds, at linear cost."""

from __future__ import annotations

import itertools
import random

from hypothesis import given, settings
from hypothesis import strategies as st

from tongxin.parser.dupes import candidate_pairs, looks_same, possible_duplicates
from tongxin.parser.model import RoleRef, Span

ALPHABET = "市县区委办局科中心服务联络党外知识分子民主党派工作部人事"


def _all_pairs(names: list[str]) -> set[tuple[str, str]]:
    return {tuple(sorted(p)) for p in itertools.combinations(names, 2) if looks_same(*p)}


def _blocked(names: list[str]) -> set[tuple[str, str]]:
    return {tuple(sorted(p)) for p in candidate_pairs(names) if looks_same(*p)}


def _variants(rng: random.Random, base: str) -> list[str]:
    out = [base]
    for _ in range(3):
        chars = list(base)
        for _ in range(rng.randint(1, 3)):
            if rng.random() < 0.5:
                chars.insert(rng.randint(0, len(chars)), rng.choice(ALPHABET))
            else:
                chars[rng.randrange(len(chars))] = rng.choice(ALPHABET)
        out.append("".join(chars))
    return out


def test_blocking_finds_every_pair_of_a_noisy_name_list() -> None:
    rng = random.Random(7)
    bases = ["".join(rng.choice(ALPHABET) for _ in range(rng.randint(5, 16))) for _ in range(150)]
    names = sorted({v for b in bases for v in _variants(rng, b) if len(v) >= 5})
    expected = _all_pairs(names)
    assert len(expected) > 100
    assert _blocked(names) == expected


@settings(max_examples=200)
@given(st.lists(st.text(alphabet="ab市局中心服务", min_size=5, max_size=14), min_size=2, max_size=12, unique=True))
def test_blocking_equals_all_pairs(names: list[str]) -> None:
    assert _blocked(names) == _all_pairs(names)


def test_candidates_grow_with_names_not_their_square() -> None:
    # 3,000 names of one shape (市…局), the case that once made hundreds of thousands of comparisons.
    rng = random.Random(1)
    names = sorted({"市" + "".join(rng.choice(ALPHABET) for _ in range(8)) + "局" for _ in range(3000)})
    assert len(candidate_pairs(names)) < 10 * len(names)


def test_hints_keep_first_appearance_order_and_skip_people() -> None:
    refs = [RoleRef("党外知识分子联络中心", Span(0, 10), "responsible"),
            RoleRef("张三", Span(11, 13), "lead", person=True),
            RoleRef("党外知识分子联络服务中心", Span(20, 32), "cooperating")]
    hints = possible_duplicates(refs)
    assert [h.names for h in hints] == [["党外知识分子联络中心", "党外知识分子联络服务中心"]]
