"""Integer query parameters are bounded by one helper (`tongxin.core.params.int_param`): no value makes a 500.

On the old code `?plan=999…9` (30 digits) on the calendar and Gantt feeds raised OverflowError on SQLite, and
`?task=²` on the report and request forms (and `?activity=²` on the new-task form) raised ValueError: "²".isdigit()
is True but int("²") fails.
"""

from __future__ import annotations

import pytest

from tongxin.core.params import MAX_ID, int_param

HUGE = "9" * 30


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("42", 42),
        (" 7 ", 7),
        ("", None),
        (None, None),
        ("0", None),
        ("-1", None),
        ("²", None),
        ("٣", None),
        ("1e3", None),
        (HUGE, None),
        (str(MAX_ID), MAX_ID),
        (str(MAX_ID + 1), None),
    ],
)
def test_int_param_accepts_only_ascii_digits_in_range(raw, expected):
    assert int_param({"n": raw} if raw is not None else {}, "n") == expected


def test_int_param_default_and_bounds():
    assert int_param({"page": "x"}, "page", default=1) == 1
    assert int_param({"month": "13"}, "month", maximum=12) is None
    assert int_param({"month": "12"}, "month", maximum=12) == 12


PAGES = [
    "/", "/calendar/", "/calendar/feed/", "/gantt/", "/gantt/feed/", "/matrix/", "/supervision/",
    "/supervision/reports/", "/supervision/approvals/", "/supervision/tasks/new/", "/cockpit/department/", "/inbox/",
    "/plans/",
]  # fmt: skip
PARAMS = ("plan", "task", "session", "activity", "unit", "leader", "month", "page")


@pytest.mark.django_db
@pytest.mark.parametrize("value", [HUGE, "²", "-1"])
def test_no_page_fails_on_a_hostile_integer(value, client_for, tasks):
    c = client_for("admin")
    a = tasks["a"].pk
    pages = [*PAGES, f"/supervision/activities/{a}/report/", f"/supervision/activities/{a}/approvals/new/"]
    answers = {url: c.get(url, dict.fromkeys(PARAMS, value)).status_code for url in pages}
    assert {url: code for url, code in answers.items() if code >= 500} == {}
    assert answers["/gantt/feed/"] == answers["/calendar/feed/"] == 200


@pytest.mark.django_db
def test_the_feeds_treat_a_huge_plan_as_no_plan(client_for, tasks):
    c = client_for("admin")
    assert c.get("/gantt/feed/", {"plan": HUGE}).json() == c.get("/gantt/feed/").json() != []
