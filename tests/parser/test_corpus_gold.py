"""Shape checks for the hand-annotated corpus in tests/parser/corpus (not the parser's output).

Every gold file must load, carry every SCHEMA field, use ISO dates with start <= end, and point at a document
that exists, so that score.py can run over the folder without tripping on a malformed annotation.
"""

import datetime as dt
import json
from pathlib import Path

import pytest

CORPUS = Path(__file__).parent / "corpus"
GOLD_FILES = sorted((CORPUS / "gold").glob("*.gold.json"))
TOP_KEYS = {"document", "year", "issuer", "sections", "activities", "requirements", "reporting", "contacts"}
ITEM_KEYS = {
    "number", "title", "components", "windows", "recurrence", "sessions", "phases", "places",
    "participants", "lead_leaders", "responsible", "cooperating",
}
LIST_FIELDS = ["components", "windows", "sessions", "phases", "places", "participants",
               "lead_leaders", "responsible", "cooperating"]
COMPONENTS = {
    "recurring_meeting", "meeting", "training", "visits", "call:proposal", "call:essay", "call:video",
    "call:photo", "quiz", "event", "campaign", "publicity", "other",
}


def _date(value):
    return None if value is None else dt.date.fromisoformat(value)


def _check_span(start, end, where):
    s, e = _date(start), _date(end)
    assert e is not None, f"{where}: a window or session needs an end"
    assert s is None or s <= e, f"{where}: start {start} after end {end}"


def test_corpus_has_at_least_thirty_documents():
    assert len(GOLD_FILES) >= 30


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.name)
def test_gold_file_shape(path):
    gold = json.loads(path.read_text(encoding="utf-8"))
    assert TOP_KEYS <= gold.keys()
    assert (path.parent / gold["document"]).is_file()
    if "binary" in gold:
        assert (path.parent / gold["binary"]).is_file()
    assert isinstance(gold["year"], int)
    assert gold["activities"], "every corpus document has at least one item"
    for item in gold["activities"]:
        where = f"{path.name} {item.get('number')} {item.get('title', '')[:20]}"
        assert ITEM_KEYS <= item.keys(), where
        assert item["title"] and not item["title"].endswith("。"), where
        assert set(item["components"]) <= COMPONENTS, where
        for field in LIST_FIELDS:
            assert isinstance(item[field], list), f"{where}: {field}"
        for name in item["responsible"] + item["cooperating"] + item["places"]:
            assert name.strip() and not name.endswith("等"), f"{where}: {name!r}"
        for window in item["windows"]:
            assert {"start", "end", "text", "tentative", "approximate"} <= window.keys(), where
            _check_span(window["start"], window["end"], where)
        for session in item["sessions"]:
            assert session["title"], where
            _check_span(session["start"], session["end"], where)
    for section in gold["sections"] + gold["requirements"]:
        assert {"number", "title"} <= section.keys()
    assert gold["reporting"] is None or {"to", "text"} <= gold["reporting"].keys()
