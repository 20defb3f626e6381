"""Trainings: seats per organisation, nominations approved by the department (over quota refused), curriculum clash
detection, attendance per class, certificates (PDF), the ledger (.xlsx); the programme as PDF."""

from __future__ import annotations

import datetime as dt
import io

import pdfplumber
import pytest
from openpyxl import load_workbook

from tests.factories import OrganisationFactory
from tongxin.events import documents
from tongxin.events import services_training as svc
from tongxin.events.models import Nomination
from tongxin.events.services import EventsError

T = dt.time


@pytest.fixture
def training(programme, people):
    return svc.training_create(
        actor=people["admin"], activity=programme["b"], title="民主党派骨干培训班", school="市委党校",
        start=dt.date(2019, 6, 11), end=dt.date(2019, 6, 20),
    )  # fmt: skip


def test_nominations_within_quota_then_over_quota_refused(training, people, units):
    mg = OrganisationFactory(name="民革赤峰市委", kind="member")
    svc.quota_set(actor=people["admin"], training=training, org=mg, seats=2)
    a = svc.nomination_submit(actor=people["qiaolian"], training=training, org=mg, name="李明")
    svc.nomination_submit(actor=people["qiaolian"], training=training, org=mg, name="王芳")
    with pytest.raises(EventsError, match="民革赤峰市委的名额为2人，已推荐2人，超出名额不能再推荐。"):
        svc.nomination_submit(actor=people["qiaolian"], training=training, org=mg, name="赵强")
    with pytest.raises(EventsError, match="没有给市侨联分配名额"):
        svc.nomination_submit(actor=people["qiaolian"], training=training, org=units["qiaolian"], name="赵强")
    svc.nomination_decide(actor=people["admin"], nomination=a, approve=False, reason="不符合条件")
    # a rejected nomination frees its seat
    c = svc.nomination_submit(actor=people["qiaolian"], training=training, org=mg, name="赵强")
    svc.nomination_decide(actor=people["admin"], nomination=c, approve=True)
    states = dict(training.nominations.values_list("name", "state"))
    assert states == {"李明": "rejected", "王芳": "submitted", "赵强": "approved"}
    with pytest.raises(EventsError, match="不批准时请写明原因"):
        svc.nomination_decide(actor=people["admin"], nomination=Nomination.objects.get(name="王芳"), approve=False)


def test_curriculum_refuses_a_teacher_or_place_twice_at_once(training, people):
    day = dt.date(2019, 6, 12)
    svc.course_add(actor=people["admin"], training=training, date=day, start_time=T(9), end_time=T(11),
                   topic="统一战线理论", teacher="张教授", place="第一教室")  # fmt: skip
    with pytest.raises(EventsError, match="时间冲突：授课人张教授在06月12日 09:00—11:00已安排“统一战线理论”。"):
        svc.course_add(actor=people["admin"], training=training, date=day, start_time=T(10), end_time=T(12),
                       topic="另一课", teacher="张教授", place="第二教室")  # fmt: skip
    with pytest.raises(EventsError, match="时间冲突：地点第一教室"):
        svc.course_add(actor=people["admin"], training=training, date=day, start_time=T(10, 30), end_time=T(12),
                       topic="另一课", teacher="李教授", place="第一教室")  # fmt: skip
    svc.course_add(actor=people["admin"], training=training, date=day, start_time=T(11), end_time=T(12),
                   topic="接着上", teacher="张教授", place="第一教室")  # fmt: skip
    with pytest.raises(EventsError, match="课程日期应在培训期间"):
        svc.course_add(actor=people["admin"], training=training, date=dt.date(2019, 7, 1), start_time=T(9),
                       end_time=T(10), topic="x", teacher="y", place="z")  # fmt: skip
    assert training.courses.count() == 2


def test_attendance_certificate_and_ledger(training, people, units):
    svc.quota_set(actor=people["admin"], training=training, org=units["qiaolian"], seats=3)
    n = svc.nomination_submit(actor=people["qiaolian"], training=training, org=units["qiaolian"], name="=HYPERLINK(1)")
    m = svc.nomination_submit(actor=people["qiaolian"], training=training, org=units["qiaolian"], name="王芳")
    svc.nomination_decide(actor=people["admin"], nomination=n, approve=True)
    svc.nomination_decide(actor=people["admin"], nomination=m, approve=True)
    course = svc.course_add(actor=people["admin"], training=training, date=dt.date(2019, 6, 12), start_time=T(9),
                            end_time=T(11), topic="统一战线理论", teacher="张教授", place="第一教室")  # fmt: skip
    svc.course_attendance_mark(actor=people["admin"], course=course, present_ids={m.pk})
    wb = load_workbook(io.BytesIO(documents.training_ledger_xlsx(training)))
    rows = list(wb["学员名册"].iter_rows(values_only=True))
    assert rows[1:] == [
        (1, "市侨联", "'=HYPERLINK(1)", None, "已批准", None, 0, 1),
        (2, "市侨联", "王芳", None, "已批准", None, 1, 1),
    ]
    with pdfplumber.open(io.BytesIO(documents.certificate_pdf(m))) as pdf:
        text = pdf.pages[0].extract_text()
    assert "结业证书" in text and "王芳同志（市侨联）" in text and "民主党派骨干培训班" in text.replace("\n", "")


def test_programme_pdf_lists_items_in_order(programme, people):
    svc.programme_set(actor=people["admin"], activity=programme["c"], items=[
        {"item": "开场舞《草原颂》", "performer": "市民族歌舞团", "unit": "市文旅局", "minutes": 6},
        {"item": "诗朗诵", "performer": "李明", "unit": "民革赤峰市委", "minutes": 4},
    ])  # fmt: skip
    with pdfplumber.open(io.BytesIO(documents.programme_pdf(programme["c"]))) as pdf:
        text = pdf.pages[0].extract_text()
    assert text.index("开场舞《草原颂》") < text.index("诗朗诵") and "共2项，约10分钟" in text
    with pytest.raises(EventsError, match="第1项：时长应为1到600分钟"):
        svc.programme_set(actor=people["admin"], activity=programme["c"], items=[{"item": "x", "minutes": 0}])


def test_training_page_nominate_within_own_seats_and_department_decides(training, people, units, client_for):
    from django.urls import reverse

    quota = svc.quota_set(actor=people["admin"], training=training, org=units["qiaolian"], seats=1)
    url = reverse("events:nomination-add", args=[training.pk])
    client = client_for("qiaolian")
    client.post(url, {"quota": quota.pk, "name": "王芳"})
    client.post(url, {"quota": quota.pk, "name": "赵强"})
    body = client.get(reverse("events:training", args=[training.pk])).content.decode()
    assert "王芳" in body and "赵强" not in body and "超出名额不能再推荐" in body
    n = training.nominations.get()
    assert (
        client.post(reverse("events:nomination-decide", args=[training.pk, n.pk]), {"approve": "1"}).status_code == 403
    )
    client_for("admin").post(reverse("events:nomination-decide", args=[training.pk, n.pk]), {"approve": "1"})
    response = client_for("admin").get(reverse("events:certificate", args=[training.pk, n.pk]))
    assert response["Content-Type"] == "application/pdf" and response.content.startswith(b"%PDF")
    assert client_for("zongjiao").get(reverse("events:training", args=[training.pk])).status_code == 404
