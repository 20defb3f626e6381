"""Sign-in at the venue by QR code, manual attendance, attendance rate per unit, minutes turning a session held.

Personas from tests/conftest.py: admin (department), dangwai (responsible unit of A), qiaolian (member org),
stranger (no assignments: 404)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from tongxin.activities.models import Session
from tongxin.core import clock
from tongxin.events import selectors, services
from tongxin.events.models import Attendance
from tongxin.supervision.models import Task


@pytest.fixture
def session(tasks):
    return tasks["a"].sessions.order_by("order").first()


def test_sign_in_by_name_phone_and_unit_then_a_second_time_is_refused(session):
    token = services.signin_token(session)
    a = services.attendance_sign_in(token=token, name="李明", phone="13800000001", unit_name="民革赤峰市委")
    assert (a.session, a.name, a.unit_name, a.method) == (session, "李明", "民革赤峰市委", "qr")
    with pytest.raises(services.EventsError, match="该手机号已签到，无需重复签到。"):
        services.attendance_sign_in(token=token, name="李明", phone="13800000001", unit_name="民革赤峰市委")
    assert session.attendances.count() == 1


def test_sign_in_by_account_uses_its_name_and_unit_and_refuses_twice(session, people, units):
    token = services.signin_token(session)
    a = services.attendance_sign_in(token=token, user=people["dangwai"])
    assert (a.user, a.org, a.unit_name) == (people["dangwai"], units["dangwai"], "党外干部和民主党派科")
    with pytest.raises(services.EventsError, match="您已签到"):
        services.attendance_sign_in(token=token, user=people["dangwai"])


def test_forged_and_expired_codes_are_refused_in_chinese(session):
    with pytest.raises(services.EventsError, match="签到码无效"):
        services.attendance_sign_in(token="abc:def", name="李明", phone="13800000001", unit_name="民革")
    token = services.signin_token(session)
    with clock.travel(clock.today() + dt.timedelta(days=1)), pytest.raises(services.EventsError, match="签到码已过期"):
        services.attendance_sign_in(token=token, name="李明", phone="13800000001", unit_name="民革")
    assert Attendance.objects.count() == 0


def test_bad_phone_and_missing_unit_are_refused(session):
    token = services.signin_token(session)
    with pytest.raises(services.EventsError, match="手机号应为11位数字"):
        services.attendance_sign_in(token=token, name="李明", phone="12345", unit_name="民革")
    with pytest.raises(services.EventsError, match="请选择或填写所在单位"):
        services.attendance_sign_in(token=token, name="李明", phone="13800000001")


def test_manual_attendance_and_rate_per_unit(session, people, units):
    services.invitation_set(actor=people["admin"], session=session, org=units["qiaolian"], expected=4)
    services.attendance_record(actor=people["admin"], session=session, name="王芳", org=units["qiaolian"])
    services.attendance_record(actor=people["admin"], session=session, name="赵强", unit_name="民盟赤峰市委")
    with pytest.raises(services.EventsError, match="市侨联的王芳已登记"):
        services.attendance_record(actor=people["admin"], session=session, name="王芳", org=units["qiaolian"])
    rates = [(r.unit, r.expected, r.attended, r.rate) for r in selectors.attendance_by_unit(session)]
    assert rates == [("市侨联", 4, 1, "25%"), ("民盟赤峰市委", None, 1, "—")]


def test_minutes_by_the_department_mark_the_session_held_and_close_its_task(session, people):
    services.attendance_record(actor=people["admin"], session=session, name="王芳", unit_name="市侨联")
    services.minutes_file(actor=people["admin"], session=session, text="学习了……", is_department=True)
    session.refresh_from_db()
    assert session.state == Session.State.HELD
    task = Task.objects.get(session=session, kind=Task.Kind.SESSION)
    assert task.state == Task.State.DONE
    assert task.reports.get().participants == 1
    with pytest.raises(services.EventsError, match="该场次已有纪要"):
        services.minutes_file(actor=people["admin"], session=session, text="再来", is_department=True)


def test_minutes_by_the_unit_submit_its_report_for_the_department(session, people):
    services.minutes_file(actor=people["dangwai"], session=session, text="学习了……", is_department=False)
    session.refresh_from_db()
    assert session.state == Session.State.PLANNED
    assert Task.objects.get(session=session, kind=Task.Kind.SESSION).state == Task.State.SUBMITTED


def test_qr_link_signs_in_and_the_session_page_shows_it(session, client, client_for):
    url = reverse("events_public:signin", args=[services.signin_token(session)])
    page = client.post(url, {"name": "李明", "phone": "13800000001", "unit_name": "民革赤峰市委"}).content.decode()
    assert "签到成功：李明（民革赤峰市委）" in page
    again = client.post(url, {"name": "李明", "phone": "13800000001", "unit_name": "民革赤峰市委"})
    assert again.status_code == 400 and "该手机号已签到" in again.content.decode()
    forged = client.get(reverse("events_public:signin", args=["forged"])).content.decode()
    assert "签到码无效" in forged
    body = client_for("dangwai").get(reverse("events:session", args=[session.pk])).content.decode()
    assert "签到（1人）" in body and "民革赤峰市委" in body


def test_outsiders_get_404_and_read_only_users_403(session, client_for):
    assert client_for("stranger").get(reverse("events:session", args=[session.pk])).status_code == 404
    viewer = client_for("viewer")
    assert viewer.get(reverse("events:session", args=[session.pk])).status_code == 200
    response = viewer.post(reverse("events:attendance-add", args=[session.pk]), {"name": "x", "unit_name": "y"})
    assert response.status_code == 403 and Attendance.objects.count() == 0
