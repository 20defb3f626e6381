"""The year-end summary (年终总结) of a plan as .docx and as PDF: department figures and a chart, a section for each
activity (its own figures, then every module's through the seam, with charts and photos), and what was not done."""

from __future__ import annotations

import base64
import datetime as dt
import io
from typing import BinaryIO

from django.template.loader import render_to_string
from docx.shared import Cm, Pt

from tongxin.core.text import clean_for_document
from tongxin.plans.models import Plan
from tongxin.reports.exporters import DOCX, StreamedExporter, cn_date, cn_ordinal
from tongxin.reports.summary_charts import bar_chart
from tongxin.reports.summary_facts import SummaryFacts, summary_facts

NO_DATA = "本年度尚无开展数据：没有完成的任务、举办的场次或报送的报告。以下列出各项活动，供补充。"


def department_chart(facts: SummaryFacts) -> bytes | None:
    rows = [r for r in facts.chart_rows if r[2]]
    if not rows:
        return None
    return bar_chart(
        "各项活动任务完成情况",
        [r[0] for r in rows],
        [("已完成", [r[1] for r in rows]), ("任务总数", [r[2] for r in rows])],
    )


class _Summary(StreamedExporter):
    def __init__(self, *, plan: Plan, year: int, as_of: dt.date | None = None):
        self.plan, self.year = plan, year
        self.as_of = as_of or dt.date(year, 12, 31)

    def filename_stem(self) -> str:
        return f"{self.year}年度工作总结（{self.plan.title[:40]}）"

    def facts(self) -> SummaryFacts:
        return summary_facts(plan=self.plan, year=self.year, as_of=self.as_of)

    @property
    def title(self) -> str:
        return f"{self.year}年度{self.plan.title.removesuffix('方案').removesuffix('实施')}工作总结"


class SummaryDocxExporter(_Summary):
    identifier = "summary_docx"
    verbose_name = "年终总结（Word）"
    extension = "docx"
    content_type = DOCX

    def write(self, fh: BinaryIO) -> None:
        from docx import Document
        from docx.enum.text import WD_ALIGN_PARAGRAPH

        from tongxin.reports import docx_layout as lay

        facts = self.facts()
        doc = Document()
        lay.setup_page(doc)
        doc.core_properties.title = clean_for_document(self.title)
        center = WD_ALIGN_PARAGRAPH.CENTER
        lay.paragraph(doc, self.title, font=lay.TITLE_FONT, size=lay.SIZE_TITLE, bold=True, align=center)
        lay.paragraph(doc, f"（截至{cn_date(facts.as_of)}）", align=center)
        lay.paragraph(doc, "一、总体情况", font=lay.HEADING_FONT)
        if facts.empty:
            lay.paragraph(doc, NO_DATA, indent=True)
        lay.paragraph(doc, "；".join(f"{k}{v}" for k, v in facts.department) + "。", indent=True)
        if chart := department_chart(facts):
            doc.add_picture(io.BytesIO(chart), width=Cm(15))
        lay.paragraph(doc, "二、各项活动开展情况", font=lay.HEADING_FONT)
        for i, act in enumerate(facts.activities, start=1):
            lay.paragraph(doc, f"{cn_ordinal(i)}{act.activity.title}", font=lay.SUBHEADING_FONT, bold=True, indent=True)
            lay.paragraph(doc, "；".join(f"{k}{v}" for k, v in act.figures) + "。", indent=True)
            for section in act.sections:
                figures = "；".join(f"{k}{v}" for k, v in section.figures)
                lay.paragraph(
                    doc, f"{section.heading}：{figures}。" if figures else f"{section.heading}：", indent=True
                )
                for line in section.lines:
                    lay.paragraph(doc, line, size=Pt(14), indent=True)
                for image in section.images:
                    doc.add_picture(io.BytesIO(image), width=Cm(12))
            if act.not_done:
                lay.paragraph(doc, "未完成：" + "；".join(act.not_done) + "。", size=Pt(14), indent=True)
        lay.paragraph(doc, "三、未完成事项及原因", font=lay.HEADING_FONT)
        if not facts.not_done:
            lay.paragraph(doc, "没有到期未完成的任务，也没有取消的场次或活动。", indent=True)
        for n, (heading, reason) in enumerate(facts.not_done, start=1):
            lay.paragraph(doc, f"{n}. {heading}：{reason}", indent=True)
        lay.page_numbers(doc)
        doc.save(fh)


def _data_uri(png: bytes) -> str:
    kind = "jpeg" if png[:3] == b"\xff\xd8\xff" else "png"
    return f"data:image/{kind};base64," + base64.b64encode(png).decode()


class SummaryPdfExporter(_Summary):
    identifier = "summary_pdf"
    verbose_name = "年终总结（PDF）"
    extension = "pdf"
    content_type = "application/pdf"

    def html(self) -> str:
        facts = self.facts()
        chart = department_chart(facts)
        activities = [
            {
                "heading": f"{cn_ordinal(i)}{a.activity.title}",
                "figures": a.figures,
                "sections": [(s, [_data_uri(img) for img in s.images]) for s in a.sections],
                "not_done": a.not_done,
            }
            for i, a in enumerate(facts.activities, start=1)
        ]
        context = {
            "title": self.title,
            "as_of": cn_date(facts.as_of),
            "facts": facts,
            "no_data": NO_DATA if facts.empty else "",
            "chart": _data_uri(chart) if chart else "",
            "activities": activities,
        }
        return render_to_string("reports/summary_pdf.html", context)

    def write(self, fh: BinaryIO) -> None:
        from weasyprint import HTML

        HTML(string=self.html(), base_url=None).write_pdf(fh)
