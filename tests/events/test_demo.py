"""The events demo: "running" stays inside 2019-08-15 and builds sessions 1–3, both trainings (one nomination refused),
programmes and publicity; "closing" replays the year and the summary holds a section for each of the eleven activities."""

from __future__ import annotations

import io

import pytest
from docx import Document

from tongxin.demo.plan import demo_load
from tongxin.events.models import Attendance, Minutes, Nomination, ProgrammeItem, PublicityEntry, Training
from tongxin.reports.summary import SummaryDocxExporter

NUMBERS = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一"]


@pytest.mark.django_db
def test_closing_demo_and_its_year_end_summary():
    plan = demo_load(stage="closing")["plan"]
    assert Minutes.objects.filter(session__activity__number="一").count() == 6
    assert Attendance.objects.filter(session__activity__number="六").count() == 32
    assert Training.objects.count() == 2
    assert Nomination.objects.filter(state="rejected").count() == 1
    assert ProgrammeItem.objects.filter(activity__number="十").count() == 5
    assert PublicityEntry.objects.count() >= 30
    doc = Document(io.BytesIO(SummaryDocxExporter(plan=plan, year=2019).render()))
    text = "\n".join(p.text for p in doc.paragraphs)
    titles = list(plan.activities.order_by("order").values_list("title", flat=True))
    assert len(titles) == 11 and all(t in text for t in titles)
    assert "活动场次与签到：举办场次6/6；签到人次111" in text
    assert "批准学员24人；未批准1人" in text or "批准学员23人；未批准1人" in text
