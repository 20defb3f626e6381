"""/api/calls: counts, review progress, decisions and 批示 with their tasks; outsiders get 404, anonymous 401.

Personas: admin sees every activity; stranger (无关科室) sees none of the programme's; an anonymous caller."""

import datetime as dt

import pytest

from tongxin.calls.services import (
    TaskSpec,
    call_create,
    direct_report_send,
    instruction_record,
    reviewer_add,
    reviews_assign,
    submission_create,
    submission_decide,
)
from tongxin.core import clock


@pytest.fixture
def call(programme, people, units, leaders):
    call = call_create(
        actor=people["admin"], activity=programme["c"], kind="call:proposal", title="献一策", reviewers_per_submission=1
    )
    reviewer_add(actor=people["admin"], call=call, user=people["qiaolian"])
    subs = [
        submission_create(actor=None, call=call, title=f"建议{i}", author_name="甲", author_unit=units["dangwai"])
        for i in range(3)
    ]
    reviews_assign(actor=people["admin"], call=call)
    submission_decide(actor=people["admin"], submission=subs[0], decision="select")
    direct_report_send(actor=people["admin"], call=call, title="", submissions=[subs[0]], leaders=[leaders["zhang"]])
    instruction_record(
        actor=people["admin"],
        submission=subs[0],
        leader=leaders["zhang"],
        text="请研究。",
        tasks=[TaskSpec("研究", units["zongjiao"], clock.today() + dt.timedelta(days=10))],
    )
    return call


def test_list_and_detail(call, client_for, django_assert_max_num_queries):
    client = client_for("admin")
    with django_assert_max_num_queries(20):
        body = client.get("/api/calls/").json()
    [row] = body["results"]
    assert (row["kind"], row["submissions"], row["by_state"]["selected"]) == ("call:proposal", 3, 1)
    assert row["review_progress"] == {"scored": 0, "assigned": 3}
    assert row["rates"] == {"adoption": "33.3%", "instruction": "100.0%", "completion": "0.0%"}
    assert row["public_url"] == "/p/calls/lookup/"
    detail = client.get(f"/api/calls/{call.pk}").json()
    [instruction] = detail["instructions"]
    assert (instruction["leader"], instruction["tasks"][0]["title"]) == ("张圣合", "落实张圣合批示：研究")
    assert [d["state"] for d in detail["decisions"]] == ["selected"]


def test_outsiders_and_anonymous(call, client_for, client):
    assert client.get("/api/calls/").status_code == 401
    stranger = client_for("stranger")
    assert stranger.get("/api/calls/").json() == {"results": []}
    missing = stranger.get(f"/api/calls/{call.pk}")
    assert (missing.status_code, missing.json()) == (404, {"detail": "未找到，或您无权查看。"})
