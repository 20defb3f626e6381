"""The ledger sheet and bulletin lines calls add through the seam."""

import datetime as dt

import pytest

from tongxin.calls.hooks import bulletin_lines, ledger_sheets
from tongxin.calls.services import call_create, direct_report_send, submission_create
from tongxin.core import clock


@pytest.fixture
def call(programme, people, leaders):
    with clock.travel(dt.date(2019, 7, 1)):
        call = call_create(actor=people["admin"], activity=programme["c"], kind="call:proposal", title="献一策")
        subs = [submission_create(actor=None, call=call, title=f"建议{i}", author_name="甲") for i in range(4)]
    with clock.travel(dt.date(2019, 7, 10)):
        direct_report_send(actor=people["admin"], call=call, title="", submissions=subs[:1], leaders=[leaders["zhang"]])
    return call


def test_ledger_sheet(call, programme, units):
    [sheet] = ledger_sheets(programme["plan"], None)
    assert list(sheet.rows) == [["宗教界教风整治活动", "献一策", "献一策", 4, "25.0%", 1, "0.0%", "—"]]
    assert [len(s.rows) for s in ledger_sheets(programme["plan"], {units["zongjiao"].pk})] == [1]
    assert ledger_sheets(programme["plan"], {units["idle"].pk}) == []


def test_bulletin_lines(call, programme):
    assert bulletin_lines(programme["plan"], dt.date(2019, 7, 1), dt.date(2019, 7, 7)) == ["“献一策”收到作品4件。"]
    assert bulletin_lines(programme["plan"], dt.date(2019, 7, 8), dt.date(2019, 7, 14)) == [
        "“献一策”通过直通车报送专报1期。"
    ]
