"""Score the parser against a folder of gold files (SCHEMA.md "Scoring"): per-field F1, micro-averaged.

A gold file is `<name>.gold.json` in the SCHEMA shape with `"document"`, the path of its document relative to the
gold file. Items are matched by title similarity (≥ 0.8 after dropping a leading 举办/开展/组织, the same number
breaking ties); then set F1 per field, windows by (start, end), sessions by similar title and equal dates.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

FIELDS = ("activities", "lead_leaders", "responsible", "cooperating", "places", "phases", "windows", "sessions")
SET_FIELDS = ("lead_leaders", "responsible", "cooperating", "places", "phases")
# The same alternation, in the same order, as the shared scorer: 组织开展X loses 组织 only.
_LEADING_VERB = re.compile(r"^(?:举办|开展|组织|召开|实施|组织开展|开展好)")
_SPACE = re.compile(r"\s+")
_THRESHOLD = 0.8

Doc = dict[str, Any]


def norm(s: str | None) -> str:
    """Spaces removed, full- and half-width punctuation unified."""
    s = _SPACE.sub("", unicodedata.normalize("NFKC", s or ""))
    return s.replace("〈", "<").replace("〉", ">").replace("“", '"').replace("”", '"')


def norm_title(s: str | None) -> str:
    return _LEADING_VERB.sub("", norm(s)).rstrip("。.")


def ratio(a: str | None, b: str | None) -> float:
    return SequenceMatcher(None, norm_title(a), norm_title(b)).ratio()


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, tp: int, fp: int, fn: int) -> None:
        self.tp, self.fp, self.fn = self.tp + tp, self.fp + fp, self.fn + fn

    def f1(self) -> float | None:
        if not (self.tp or self.fp or self.fn):
            return None
        precision = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        recall = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


@dataclass
class Score:
    tallies: dict[str, Tally] = field(default_factory=lambda: {f: Tally() for f in FIELDS})
    documents: int = 0
    failures: int = 0
    misses: list[str] = field(default_factory=list)  # one line per miss, for --verbose

    def overall(self) -> float:
        values = [v for v in (t.f1() for t in self.tallies.values()) if v is not None]
        return sum(values) / len(values) if values else 0.0

    def report(self, *, verbose: bool = False) -> str:
        lines = [f"  {m}" for m in self.misses] if verbose else []
        lines.append(f"documents: {self.documents}, failed to parse: {self.failures}")
        for name, t in self.tallies.items():
            f1 = t.f1()
            shown = "n/a" if f1 is None else f"{f1:.3f}"
            lines.append(f"{name:13s} F1 {shown}  (tp {t.tp}, fp {t.fp}, fn {t.fn})")
        lines.append(f"overall {self.overall():.3f}")
        return "\n".join(lines)


def _best_match(gold: Doc, candidates: list[Doc]) -> Doc | None:
    best, best_ratio = None, 0.0
    for cand in candidates:
        r = ratio(gold.get("title"), cand.get("title"))
        if norm(cand.get("number") or "") == norm(gold.get("number") or ""):
            r += 0.05
        if r > best_ratio:
            best, best_ratio = cand, r
    return best if best_ratio >= _THRESHOLD else None


def _window_keys(windows: Iterable[Doc] | None) -> set[tuple[Any, Any]]:
    return {(w.get("start"), w.get("end")) for w in windows or []}


def _sessions(gold: list[Doc], pred: list[Doc]) -> tuple[int, list[Doc], list[Doc]]:
    left = list(pred)
    missed = []
    for g in gold:
        hit = next((p for p in left if ratio(g.get("title"), p.get("title")) >= _THRESHOLD
                    and (g.get("start"), g.get("end")) == (p.get("start"), p.get("end"))), None)
        if hit is None:
            missed.append(g)
        else:
            left.remove(hit)
    return len(gold) - len(missed), missed, left


def score_document(gold: Doc, pred: Doc, score: Score, name: str) -> None:
    t = score.tallies
    unmatched = list(pred.get("activities") or [])
    for ga in gold.get("activities") or []:
        number = ga.get("number")
        pa = _best_match(ga, unmatched)
        if pa is None:
            t["activities"].add(0, 0, 1)
            score.misses.append(f"{name} activity {number}: missed {ga.get('title')!r}")
            pa = {}
        else:
            t["activities"].add(1, 0, 0)
            unmatched.remove(pa)
        for f in SET_FIELDS:
            g, p = {norm(x) for x in ga.get(f) or []}, {norm(x) for x in pa.get(f) or []}
            t[f].add(len(g & p), len(p - g), len(g - p))
            if g != p:
                score.misses.append(f"{name} {number} {f}: missed {sorted(g - p)} extra {sorted(p - g)}")
        gw, pw = _window_keys(ga.get("windows")), _window_keys(pa.get("windows"))
        t["windows"].add(len(gw & pw), len(pw - gw), len(gw - pw))
        if gw != pw:
            score.misses.append(f"{name} {number} windows: gold {sorted(gw, key=str)} got {sorted(pw, key=str)}")
        tp, missed, extra = _sessions(ga.get("sessions") or [], pa.get("sessions") or [])
        t["sessions"].add(tp, len(extra), len(missed))
        if missed or extra:
            score.misses.append(f"{name} {number} sessions: missed {[s.get('title') for s in missed]}"
                                f" extra {[s.get('title') for s in extra]}")
    t["activities"].add(0, len(unmatched), 0)
    if unmatched:
        score.misses.append(f"{name} extra activities: {[a.get('title') for a in unmatched]}")


def score_folder(gold_dir: str | Path, parse: Callable[[Path], Doc]) -> Score:
    """Parse each gold file's document with `parse` and tally; a document that fails scores as all misses."""
    score = Score()
    for gold_file in sorted(Path(gold_dir).glob("*.gold.json")):
        name = gold_file.name[: -len(".gold.json")]
        score.documents += 1
        try:
            gold = json.loads(gold_file.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            score.failures += 1
            score.misses.append(f"{name}: 无法读取标注文件（{type(exc).__name__}）")
            continue
        try:
            pred = parse((gold_file.parent / str(gold.get("document", ""))).resolve())
        except Exception as exc:  # noqa: BLE001 - a document that cannot be parsed scores as all misses
            score.failures += 1
            score.misses.append(f"{name}: no parse ({getattr(exc, 'message', type(exc).__name__)})")
            pred = {"activities": []}
        score_document(gold, pred, score, name)
    return score
