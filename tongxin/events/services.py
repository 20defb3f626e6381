"""Writes for events: sign-in at the venue, manual attendance, invitations, minutes (which turn a session held through
supervision's report rules) and the publicity log."""

from __future__ import annotations

import datetime as dt
import re

from django.db import IntegrityError, transaction

from tongxin.activities.models import Activity, Session
from tongxin.audit.services import audit_record
from tongxin.core import clock, signed
from tongxin.events.models import Attendance, Invitation, Minutes, PublicityEntry
from tongxin.files.services import attachment_create
from tongxin.supervision.models import ProgressReport, Task
from tongxin.supervision.services import report_accept, report_submit

SIGNIN_PURPOSE = "events.signin"
SIGNIN_MAX_AGE = dt.timedelta(hours=4)  # a code shown at the venue lasts the meeting; a photo of it taken home does not
PHONE = re.compile(r"^1\d{10}$")


class EventsError(Exception):
    """A refusal the person can act on; its message is Chinese and says what to do."""


def signin_token(session: Session) -> str:
    # The issue time is the one clock's (not the signer's wall clock), so the demo and tests can age a code.
    return signed.make_token(SIGNIN_PURPOSE, {"s": session.pk, "t": int(clock.now().timestamp())})


def signin_session(token: str) -> Session:
    """The session a venue code opens, or EventsError saying whether it is forged or expired."""
    data = signed.read_token(SIGNIN_PURPOSE, token)
    if data is None or not isinstance(data.get("t"), int):
        raise EventsError("签到码无效，请扫描会场展示的二维码。")
    age = clock.now().timestamp() - data["t"]
    if not 0 <= age <= SIGNIN_MAX_AGE.total_seconds():
        raise EventsError("签到码已过期，请扫描会场现在展示的二维码。")
    session = Session.objects.select_related("activity").filter(pk=data.get("s")).first()
    if session is None or session.state == Session.State.CANCELLED:
        raise EventsError("该场次不存在或已取消。")
    return session


def _clean_person(name: str, phone: str, org, unit_name: str) -> tuple[str, str, str]:
    name, phone, unit_name = name.strip(), phone.strip().replace(" ", ""), unit_name.strip()
    if not name:
        raise EventsError("请填写姓名。")
    if phone and not PHONE.match(phone):
        raise EventsError("手机号应为11位数字，以1开头。")
    if org is None and not unit_name:
        raise EventsError("请选择或填写所在单位。")
    return name[:50], phone, (unit_name or str(org))[:200]


def _save_attendance(attendance: Attendance) -> Attendance:
    try:
        with transaction.atomic():
            attendance.save()
    except IntegrityError:
        raise EventsError(f"{attendance.name}已签到，无需重复签到。") from None
    return attendance


@transaction.atomic
def attendance_sign_in(*, token: str, user=None, name: str = "", phone: str = "", org=None, unit_name: str = ""):
    """Sign in at the venue by the QR code: a signed-in person by their account, anyone else by name, phone and
    unit (the phone is what makes a second sign-in recognisable)."""
    session = signin_session(token)
    account = user if getattr(user, "is_authenticated", False) else None
    if account is not None:
        name = name or account.display_name or account.get_username()
        org = org or account.organisation
    elif not phone.strip():
        raise EventsError("请填写手机号，用于确认签到。")
    name, phone, unit_name = _clean_person(name, phone, org, unit_name)
    if account is not None and session.attendances.filter(user=account).exists():
        raise EventsError("您已签到，无需重复签到。")
    if phone and session.attendances.filter(phone=phone).exists():
        raise EventsError("该手机号已签到，无需重复签到。")
    attendance = _save_attendance(
        Attendance(session=session, user=account, name=name, phone=phone, org=org, unit_name=unit_name)
    )
    audit_record(
        actor=account,
        action="attendance.sign_in",
        target=session,
        summary=f"{name}（{unit_name}）扫码签到：{session.title}",
        plan_id=session.activity.plan_id,
    )
    return attendance


@transaction.atomic
def attendance_record(*, actor, session: Session, name: str, phone: str = "", org=None, unit_name: str = ""):
    """Attendance entered by the organiser for those who came without a phone."""
    name, phone, unit_name = _clean_person(name, phone, org, unit_name)
    if phone and session.attendances.filter(phone=phone).exists():
        raise EventsError(f"手机号{phone}已签到，无需重复登记。")
    if not phone and session.attendances.filter(name=name, unit_name=unit_name).exists():
        raise EventsError(f"{unit_name}的{name}已登记。")
    attendance = _save_attendance(
        Attendance(
            session=session,
            name=name,
            phone=phone,
            org=org,
            unit_name=unit_name,
            method=Attendance.Method.MANUAL,
            recorded_by=actor,
        )  # fmt: skip
    )
    audit_record(
        actor=actor,
        action="attendance.record",
        target=session,
        summary=f"手工登记签到：{name}（{unit_name}）",
        plan_id=session.activity.plan_id,
    )
    return attendance


@transaction.atomic
def invitation_set(*, actor, session: Session, org, expected: int) -> Invitation:
    if expected < 1:
        raise EventsError("应到人数至少为1。")
    invitation, _ = Invitation.objects.update_or_create(session=session, org=org, defaults={"expected": expected})
    audit_record(
        actor=actor,
        action="invitation.set",
        target=session,
        summary=f"邀请{org}参加“{session.title}”，应到{expected}人",
        plan_id=session.activity.plan_id,
    )
    return invitation


def minutes_file(*, actor, session: Session, text: str, photos=(), is_department: bool) -> Minutes:
    """File the minutes. The session turns held the way every session does: a progress report on its task, accepted
    by the department — here at once when the department files the minutes, else when it accepts the unit's report."""
    if not text.strip():
        raise EventsError("请填写会议纪要。")
    if session.state == Session.State.CANCELLED:
        raise EventsError("该场次已取消，不能登记纪要。")
    if hasattr(session, "minutes"):
        raise EventsError("该场次已有纪要。")
    with transaction.atomic():
        minutes = Minutes.objects.create(session=session, text=text.strip(), author=actor)
        for upload in photos:
            attachment_create(
                actor=actor, target=minutes, upload=upload, kinds={"image"}, purpose="minutes",
                plan_id=session.activity.plan_id,
            )  # fmt: skip
        audit_record(
            actor=actor,
            action="minutes.file",
            target=session,
            summary=f"登记会议纪要：{session.title}",
            plan_id=session.activity.plan_id,
        )
        _report_held(actor=actor, session=session, text=minutes.text, accept=is_department)
    return minutes


def _report_held(*, actor, session: Session, text: str, accept: bool) -> None:
    if session.state == Session.State.HELD:
        return  # already reported and accepted: the minutes complete the record
    activity = session.activity
    count = session.attendances.count()
    open_tasks = Task.objects.filter(session=session, kind=Task.Kind.SESSION).exclude(
        state__in=[Task.State.DONE, Task.State.CANCELLED, Task.State.SUBMITTED]
    )
    if not accept and actor.organisation_id:
        open_tasks = open_tasks.filter(owner_org_id=actor.organisation_id)
    reports = [
        report_submit(
            actor=actor,
            activity=activity,
            org=task.owner_org,
            summary=text,
            held_on=session.end or session.start,
            place=session.place,
            participants=count,
            session=session,
            task=task,
        )  # fmt: skip
        for task in open_tasks.select_related("owner_org")
    ]
    if not reports and accept and activity.owner_org_id:
        reports = [
            report_submit(
                actor=actor,
                activity=activity,
                org=activity.owner_org,
                summary=text,
                held_on=session.end or session.start,
                place=session.place,
                participants=count,
                session=session,
            )  # fmt: skip
        ]
    if accept:
        for report in reports:
            report_accept(actor=actor, report=report, comment="已登记会议纪要")


LINK = re.compile(r"^https?://\S+$")


@transaction.atomic
def publicity_add(
    *,
    actor,
    activity: Activity,
    outlet_type: str,
    outlet: str,
    date: dt.date | None,
    title: str,
    link: str = "",
    screenshot=None,
    source_report: ProgressReport | None = None,
) -> PublicityEntry:
    if outlet_type not in PublicityEntry.OutletType.values:
        raise EventsError("请选择媒体类型：电视、广播、报纸、网站、微信公众号或短视频平台。")
    if not outlet.strip():
        raise EventsError("请填写媒体名称。")
    if date is None:
        raise EventsError("请填写刊播日期。")
    if not title.strip():
        raise EventsError("请填写报道标题。")
    link = link.strip()
    if link and not LINK.match(link):
        raise EventsError("链接应以 http:// 或 https:// 开头。")
    entry = PublicityEntry.objects.create(
        activity=activity, outlet_type=outlet_type, outlet=outlet.strip()[:200], date=date, title=title.strip()[:300],
        link=link, created_by=actor if getattr(actor, "is_authenticated", False) else None,
        source_report=source_report,
    )  # fmt: skip
    if screenshot is not None:
        attachment_create(
            actor=actor, target=entry, upload=screenshot, kinds={"image"}, purpose="screenshot",
            plan_id=activity.plan_id,
        )  # fmt: skip
    audit_record(
        actor=actor,
        action="publicity.add",
        target=activity,
        summary=f"登记宣传报道：{entry.get_outlet_type_display()}·{entry.outlet}《{entry.title}》",
        plan_id=activity.plan_id,
    )
    return entry


def outlet_type_of(link: str) -> tuple[str, str]:
    """A guess from the address of a report's media link: (type, outlet name)."""
    host = re.sub(r"^https?://", "", link).split("/")[0].lower()
    if "weixin" in host or "wechat" in host:
        return PublicityEntry.OutletType.WECHAT, "微信公众号"
    if any(k in host for k in ("douyin", "kuaishou", "ixigua", "bilibili")):
        return PublicityEntry.OutletType.VIDEO, host
    return PublicityEntry.OutletType.WEB, host


def publicity_from_reports(*, actor) -> int:
    """Move the media links of progress reports into the publicity log; run twice, it adds nothing the second time."""
    added = 0
    done = set(PublicityEntry.objects.filter(source_report__isnull=False).values_list("source_report_id", "link"))
    reports = ProgressReport.objects.exclude(media_links="").select_related("activity")
    for report in reports.iterator(chunk_size=500):
        for line in report.media_links.splitlines():
            link = line.strip()
            if not LINK.match(link) or (report.pk, link) in done:
                continue
            kind, outlet = outlet_type_of(link)
            day = report.held_on or report.submitted_at.date()
            publicity_add(
                actor=actor, activity=report.activity, outlet_type=kind, outlet=outlet, date=day,
                title=f"{report.activity.title}（{report.org}报送）", link=link, source_report=report,
            )  # fmt: skip
            done.add((report.pk, link))
            added += 1
    return added
