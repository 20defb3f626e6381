"""The year-end summary: a section for every activity in .docx and PDF, module figures through the seam, what was
not done with its reason, charts; a plan with no data still renders and says so; the export command and the page."""

from __future__ import annotations

import io
import subprocess

import pdfplumber
import pytest
from django.core.management import call_command
from django.urls import reverse
from docx import Document

from tongxin.activities.services import session_cancel
from tongxin.events import services as events
from tongxin.reports.summary import NO_DATA, SummaryDocxExporter, SummaryPdfExporter


@pytest.fixture
def held(tasks, people):
    a = tasks["a"]
    first = a.sessions.order_by("order").first()
    events.attendance_record(actor=people["admin"], session=first, name="王芳", unit_name="市侨联")
    events.minutes_file(actor=people["admin"], session=first, text="学习了……", is_department=True)
    last = a.sessions.order_by("order").last()
    a.refresh_from_db()
    session_cancel(actor=people["admin"], session=last, expected_version=a.version, reason="与全市大会冲突")
    return tasks


def _docx_text(data: bytes) -> str:
    return "\n".join(p.text for p in Document(io.BytesIO(data)).paragraphs)


def test_docx_has_a_section_per_activity_with_figures_and_what_was_not_done(held):
    data = SummaryDocxExporter(plan=held["plan"], year=2019).render()
    text = _docx_text(data)
    for title in ("双月读书会活动", "民主党派骨干培训班", "宗教界教风整治活动"):
        assert title in text
    assert "活动场次与签到：举办场次1/5；签到人次1；参加单位1；会议纪要1份。" in text
    assert "场次“第6期主题”取消：与全市大会冲突" in text
    assert len(Document(io.BytesIO(data)).inline_shapes) == 1  # the department chart
    assert NO_DATA not in text


def test_pdf_holds_the_same_sections_in_cjk_text(held):
    data = SummaryPdfExporter(plan=held["plan"], year=2019).render()
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        text = "".join(page.extract_text() or "" for page in pdf.pages)
    assert "双月读书会活动" in text and "宗教界教风整治活动" in text and "签到人次1" in text


def test_a_plan_with_no_data_still_renders_and_says_so(programme):
    text = _docx_text(SummaryDocxExporter(plan=programme["plan"], year=2019).render())
    assert NO_DATA in text and "双月读书会活动" in text


def test_export_command_writes_docx_and_refuses_other_extensions(held, tmp_path, capsys):
    out = tmp_path / "总结.docx"
    call_command("export", "summary", str(held["plan"].pk), "--year", "2019", "-o", str(out))
    assert "双月读书会活动" in _docx_text(out.read_bytes())
    with pytest.raises(SystemExit):
        call_command("export", "summary", str(held["plan"].pk), "--year", "2019", "-o", str(tmp_path / "x.txt"))
    assert "年终总结只能导出为 .docx 或 .pdf" in capsys.readouterr().err
    assert not (tmp_path / "x.txt").exists()


def test_reports_page_offers_the_summary_and_serves_it(held, client_for):
    client = client_for("admin")
    assert (
        reverse("reports:summary", args=[held["plan"].pk, "pdf"])
        in client.get(reverse("reports:index")).content.decode()
    )
    response = client.get(reverse("reports:summary", args=[held["plan"].pk, "docx"]))
    assert "双月读书会活动" in _docx_text(b"".join(response.streaming_content))
    assert client_for("dangwai").get(reverse("reports:summary", args=[held["plan"].pk, "docx"])).status_code == 403


def test_pdf_pages_render_to_png(held, tmp_path):
    pdf = tmp_path / "s.pdf"
    pdf.write_bytes(SummaryPdfExporter(plan=held["plan"], year=2019).render())
    subprocess.run(["pdftoppm", "-png", "-r", "30", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "p")], check=True)
    assert list(tmp_path.glob("p*.png"))
