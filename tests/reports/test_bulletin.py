"""The work bulletin (工作简报): its text in order for July 2019, exact period boundaries, official layout, the form.

On top of the mid-year `world` (tests/reports/conftest.py), `july` adds reports on both sides of the period:

    counted:  held 07-01 (accepted 07-03), no date but sent 07-15, held 07-31 (accepted 08-01), no date sent 07-31 23:30
    left out: held 06-30, held 08-01, no date sent 08-01 00:10, held 07-10 but returned, held 07-20 not yet reviewed
    tasks due in July: 07-20 (done 07-18, on time), 07-25 (open, so overdue at the end of July)
"""

from __future__ import annotations

import datetime as dt
import io

import docx
import pytest
from django.urls import reverse
from docx.oxml.ns import qn
from docx.shared import Pt

from tests.factories import PlanFactory
from tests.reports.conftest import a_task
from tongxin.demo.running import replay_at
from tongxin.reports.exporters import BulletinExporter
from tongxin.supervision.models import Task
from tongxin.supervision.services import report_accept, report_return, report_submit, task_create, task_update

pytestmark = pytest.mark.django_db
D = dt.date
DW, ZJ = "党外干部和民主党派科", "宗教业务科"


def _report(*, actor, activity, org, sent, accepted=None, returned=None, **kw):
    with replay_at(sent.date(), sent.hour, sent.minute):
        report = report_submit(actor=actor, activity=activity, org=org, **kw)
    if accepted:
        with replay_at(accepted, 9):
            report_accept(actor=actor, report=report)
    if returned:
        with replay_at(returned, 9):
            report_return(actor=actor, report=report, comment="请补充")
    return report


@pytest.fixture
def july(world, people, units):
    a, c = world["a"], world["c"]
    dw = {"actor": people["dangwai"], "activity": a, "org": units["dangwai"]}
    zj = {"actor": people["zongjiao"], "activity": c, "org": units["zongjiao"]}
    admin = people["admin"]
    s3 = a_task(a, "session", 2)
    _report(**dw, task=s3, session=s3.session, summary="第三期读书会已举办", held_on=D(2019, 7, 1), place="市民中心",
            participants=50, sent=dt.datetime(2019, 7, 2, 10), accepted=D(2019, 7, 3))  # fmt: skip
    _report(**zj, summary="开展教风整治自查", sent=dt.datetime(2019, 7, 15, 10), accepted=D(2019, 7, 16))
    _report(**zj, summary="五当召集中学习", held_on=D(2019, 7, 31), place="五当召", participants=30,
            sent=dt.datetime(2019, 8, 1, 8), accepted=D(2019, 8, 1))  # fmt: skip
    _report(**dw, summary="七月工作小结", sent=dt.datetime(2019, 7, 31, 23, 30), accepted=D(2019, 8, 1))
    # Left out:
    _report(**dw, summary="六月底的活动", held_on=D(2019, 6, 30), participants=9, sent=dt.datetime(2019, 7, 1, 9),
            accepted=D(2019, 7, 1))  # fmt: skip
    _report(**zj, summary="八月的活动", held_on=D(2019, 8, 1), sent=dt.datetime(2019, 8, 2, 9), accepted=D(2019, 8, 2))
    _report(**dw, summary="八月一日凌晨报送", sent=dt.datetime(2019, 8, 1, 0, 10), accepted=D(2019, 8, 1))
    _report(**dw, summary="被退回的报告", held_on=D(2019, 7, 10), sent=dt.datetime(2019, 7, 11, 9), returned=D(2019, 7, 12))
    _report(**dw, summary="尚未审核的报告", held_on=D(2019, 7, 20), sent=dt.datetime(2019, 7, 21, 9))
    with replay_at(D(2019, 7, 1), 9):
        on_time = task_create(actor=admin, activity=c, title="七月督查", owner_org=units["zongjiao"], due=D(2019, 7, 20))
        task_create(actor=admin, activity=a, title="七月专项", owner_org=units["dangwai"], due=D(2019, 7, 25))
    with replay_at(D(2019, 7, 18), 17):
        task_update(actor=admin, task=on_time, expected_version=on_time.version, state=Task.State.DONE)
    return world


def exporter(plan, **kw) -> BulletinExporter:
    defaults = {"start": D(2019, 7, 1), "end": D(2019, 7, 31), "issue": 3, "to_report": "部领导",
                "to_send": "各民主党派市委", "to_issue": "部机关各科室"}  # fmt: skip
    return BulletinExporter(plan=plan, **(defaults | kw))


def paragraphs(data: bytes) -> list[str]:
    return [p.text for p in docx.Document(io.BytesIO(data)).paragraphs]


JULY = [
    "工作简报",
    "第 3 期",
    "市委统战部\t2019年8月15日",
    "",
    "测试庆祝活动推进情况",
    "（2019年7月1日至2019年7月31日）",
    "一、总体进展",
    "本期（7月1日至7月31日）应完成事项2项，已完成1项，完成率50.0%；其中按期完成1项，按期完成率50.0%。",
    "本期采用开展情况报告4份，涉及2项活动、2个单位，参加活动80人次。",
    "截至2019年7月31日，方案共有任务13项，已完成4项（30.8%），逾期未完成3项。",
    "二、工作动态",
    "（一）双月读书会活动",
    "党外干部和民主党派科：第三期读书会已举办（2019年7月1日，市民中心，50人参加）。",
    "党外干部和民主党派科：七月工作小结。",
    "（二）宗教界教风整治活动",
    "宗教业务科：开展教风整治自查。",
    "宗教业务科：五当召集中学习（2019年7月31日，五当召，30人参加）。",
    "三、存在问题",
    "截至2019年7月31日，有3项任务逾期未完成：",
    "1. 宗教业务科：报送细化实施方案：宗教界教风整治活动（截止1月18日）。",
    "2. 党外干部和民主党派科：举办并报送：第2期主题（截止4月28日）。",
    "3. 党外干部和民主党派科：七月专项（截止7月25日）。",
    "四、下步安排",
    "8月1日起30日内，有1项任务到期：",
    "1. 8月28日前，党外干部和民主党派科：举办并报送：第4期主题。",
    "",
    "报：部领导",
    "送：各民主党派市委",
    "发：部机关各科室",
]


def test_july_bulletin_reads_in_order_with_exact_counts_news_problems_and_next_steps(july):
    assert paragraphs(exporter(july["plan"]).render()) == JULY


def test_a_period_without_reports_says_so_and_leaves_out_empty_recipients(july):
    text = paragraphs(exporter(july["plan"], start=D(2019, 3, 1), end=D(2019, 3, 31), to_send="", to_issue="").render())
    assert text[7:] == [
        "本期（3月1日至3月31日）应完成事项0项，已完成0项，完成率—；其中按期完成0项，按期完成率—。",
        "本期采用开展情况报告0份，涉及0项活动、0个单位，参加活动0人次。",
        "截至2019年3月31日，方案共有任务13项，已完成2项（15.4%），逾期未完成1项。",
        "二、工作动态",
        "本期没有已采用的开展情况报告。",
        "三、存在问题",
        "截至2019年3月31日，有1项任务逾期未完成：",
        "1. 宗教业务科：报送细化实施方案：宗教界教风整治活动（截止1月18日）。",
        "四、下步安排",
        "4月1日起30日内，有1项任务到期：",
        "1. 4月28日前，党外干部和民主党派科：举办并报送：第2期主题。",
        "",
        "报：部领导",
    ]


def _borders(paragraph) -> list[tuple[str, str]]:
    """(edge, colour) of each border line drawn on the paragraph."""
    ppr = paragraph._p.pPr
    box = ppr.find(qn("w:pBdr")) if ppr is not None else None
    return [] if box is None else [(line.tag.rsplit("}", 1)[1], line.get(qn("w:color"))) for line in box]


def _east_asian_font(run) -> str:
    return run._r.rPr.rFonts.get(qn("w:eastAsia"))


def test_layout_is_a4_with_official_margins_red_masthead_and_rules(july):
    doc = docx.Document(io.BytesIO(exporter(july["plan"]).render()))
    section = doc.sections[0]
    cm = [round(length.cm, 2) for length in (section.page_width, section.page_height)]  # stored in twips
    assert cm == [21.0, 29.7]
    margins = (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
    assert [round(m.cm, 2) for m in margins] == [3.7, 3.5, 2.8, 2.6]
    masthead = doc.paragraphs[0].runs[0]
    assert (masthead.font.size, masthead.font.bold, str(masthead.font.color.rgb)) == (Pt(42), True, "E60012")
    assert _east_asian_font(masthead) == "宋体"
    assert _borders(doc.paragraphs[2]) == [("bottom", "E60012")]  # the red rule under issuer and date
    assert (doc.paragraphs[6].text, _east_asian_font(doc.paragraphs[6].runs[0])) == ("一、总体进展", "黑体")
    assert (doc.paragraphs[11].text, _east_asian_font(doc.paragraphs[11].runs[0])) == ("（一）双月读书会活动", "楷体")
    body = doc.paragraphs[7]
    assert (_east_asian_font(body.runs[0]), body.runs[0].font.size, body.paragraph_format.first_line_indent) == (
        "宋体", Pt(16), Pt(32),
    )  # fmt: skip
    assert [_borders(p) for p in doc.paragraphs[-3:]] == [[("top", "000000")], [], [("bottom", "000000")]]
    assert 'w:instr="PAGE"' in section.footer._element.xml


def test_the_view_offers_this_month_and_streams_the_docx(july, client_for):
    c = client_for("viewer")
    url = reverse("reports:bulletin", args=[july["plan"].pk])
    page = c.get(url)
    assert page.status_code == 200 and page.context["form"].initial["start"] == D(2019, 8, 1)
    html = page.content.decode()
    assert 'value="2019-08-01"' in html and 'value="2019-08-15"' in html and "生成简报（Word）" in html
    query = {"start": "2019-07-01", "end": "2019-07-31", "issue": "3", "issuer": "市委统战部", "issued_on": "2019-08-15",
             "to_report": "部领导", "to_send": "各民主党派市委", "to_issue": "部机关各科室"}  # fmt: skip
    r = c.get(url, query)
    assert r.streaming
    assert r["Content-Type"] == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    assert paragraphs(b"".join(r.streaming_content)) == JULY


def test_bad_input_keeps_what_was_typed_with_a_chinese_message(july, client_for):
    url = reverse("reports:bulletin", args=[july["plan"].pk])
    r = client_for("zhang").get(url, {"start": "2019-07-31", "end": "2019-07-01", "issue": "0", "issuer": "统战部办公室",
                                      "issued_on": "2019-08-15"})  # fmt: skip
    assert r.status_code == 200 and r["Content-Type"].startswith("text/html")
    assert r.context["form"].errors == {"end": ["起始日期不能晚于截止日期。"], "issue": ["期号应在 1 到 9999 之间。"]}
    html = r.content.decode()
    assert 'value="2019-07-31"' in html and 'value="统战部办公室"' in html


def test_units_may_not_compose_the_bulletin_and_outsiders_do_not_see_it(july, client_for, client):
    url = reverse("reports:bulletin", args=[july["plan"].pk])
    assert client_for("dangwai").get(url).status_code == 403
    assert client_for("stranger").get(url).status_code == 404
    draft = PlanFactory(title="草稿", status="draft")
    assert client_for("viewer").get(reverse("reports:bulletin", args=[draft.pk])).status_code == 404
    client.logout()
    r = client.get(url)
    assert r.status_code == 302 and r["Location"].startswith(reverse("accounts:login"))
