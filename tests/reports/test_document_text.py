"""Text typed in Word reaches every document writer cleaned: a Shift+Enter (\\x0b) once made the bulletin a 500.

On the old code `BulletinExporter.render()` raised "All strings must be XML compatible" from python-docx for a
report whose summary held \\x0b, and the ledger/activity table dropped the line break, gluing two sentences.
"""

from __future__ import annotations

import datetime as dt
import io

import docx
import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tongxin.core.text import clean_for_document
from tongxin.demo.running import replay_at
from tongxin.exports.exporters import ActivityTableExporter
from tongxin.reports.exporters import BulletinExporter, LedgerExporter
from tongxin.supervision.services import report_accept, report_submit

D = dt.date
HOSTILE = "第一段\x0b第二段\x07\x1b\ufffe\x7f"


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("第一段\x0b第二段", "第一段\n第二段"),  # Word's Shift+Enter
        ("一\x0c二\r\n三\u2028四", "一\n二\r\n三\n四"),
        ("a\tb\nc", "a\tb\nc"),
        ("\x00\x01\x08\x0e\x1f\x7f\x9f\ud800\ufffe\uffff", ""),
        ("普通文字 2019-08-15 ＝", "普通文字 2019-08-15 ＝"),
        (None, ""),
        (45, "45"),
    ],
)
def test_clean_for_document(raw, clean):
    assert clean_for_document(raw) == clean


@pytest.fixture
def hostile_report(world, people, units):
    with replay_at(D(2019, 7, 2), 10):
        report = report_submit(
            actor=people["dangwai"], activity=world["a"], org=units["dangwai"], summary=HOSTILE,
            held_on=D(2019, 7, 1), place="会议室\x0c二楼",
        )  # fmt: skip
    with replay_at(D(2019, 7, 3), 9):
        report_accept(actor=people["admin"], report=report)
    return report


@pytest.mark.django_db
def test_the_bulletin_of_a_period_with_a_control_character_renders_with_the_line_break_kept(world, hostile_report):
    data = BulletinExporter(plan=world["plan"], start=D(2019, 7, 1), end=D(2019, 7, 31), issue=1,
                            issuer="办公室\x0b").render()  # fmt: skip
    texts = [p.text for p in docx.Document(io.BytesIO(data)).paragraphs]
    assert "党外干部和民主党派科：第一段\n第二段（2019年7月1日，会议室\n二楼）。" in texts


@pytest.mark.django_db
def test_the_bulletin_view_answers_with_the_file(world, hostile_report, client_for):
    r = client_for("admin").get(
        reverse("reports:bulletin", args=[world["plan"].pk]),
        {"start": "2019-07-01", "end": "2019-07-31", "issue": "1", "issuer": "办公室", "issued_on": "2019-08-15"},
    )
    assert r.status_code == 200 and r["Content-Type"].endswith("wordprocessingml.document")
    texts = [p.text for p in docx.Document(io.BytesIO(b"".join(r.streaming_content))).paragraphs]
    assert any(t.startswith("党外干部和民主党派科：第一段\n第二段") for t in texts)


@pytest.mark.django_db
def test_the_ledger_keeps_the_line_break_and_drops_what_excel_cannot_store(world, hostile_report):
    wb = load_workbook(io.BytesIO(LedgerExporter(plan=world["plan"]).render()))
    summaries = [row[6] for row in wb["开展情况"].iter_rows(min_row=3, values_only=True)]
    assert "第一段\n第二段" in summaries
    places = [row[4] for row in wb["开展情况"].iter_rows(min_row=3, values_only=True)]
    assert "会议室\n二楼" in places


@pytest.mark.django_db
def test_the_activity_table_cleans_titles_too(world):
    a = world["a"]
    a.title = "双月\x0b读书会\x01"  # no NUL: PostgreSQL refuses it (and Django forms reject it)
    a.save()
    wb = load_workbook(io.BytesIO(ActivityTableExporter(plan=world["plan"], activities=[a]).render()))
    assert wb.active.cell(row=3, column=2).value == "双月\n读书会"
