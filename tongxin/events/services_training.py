"""Writes for trainings and programmes: seats per organisation, nominations and their approval, the curriculum with
clash checks, attendance per class, completion certificates (PDF) and the programme of a meeting or gala."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import Q

from tongxin.activities.models import Activity
from tongxin.audit.services import audit_record
from tongxin.events.models import Course, CourseAttendance, Nomination, ProgrammeItem, Quota, Training
from tongxin.events.services import EventsError
from tongxin.notify.services import notify


def _audit(actor, action: str, target, summary: str, plan_id: int) -> None:
    audit_record(actor=actor, action=action, target=target, summary=summary, plan_id=plan_id)


@transaction.atomic
def training_create(*, actor, activity: Activity, title: str, start: dt.date, end: dt.date, school: str = ""):
    if not title.strip():
        raise EventsError("请填写培训班名称。")
    if end < start:
        raise EventsError("结业日期不能早于开班日期。")
    training = Training.objects.create(activity=activity, title=title.strip(), start=start, end=end, school=school)
    _audit(actor, "training.create", activity, f"开设培训班“{training.title}”", activity.plan_id)
    return training


@transaction.atomic
def quota_set(*, actor, training: Training, org, seats: int) -> Quota:
    taken = training.nominations.filter(org=org, state=Nomination.State.APPROVED).count()
    if seats < taken:
        raise EventsError(f"{org}已批准{taken}人，名额不能少于{taken}。")
    quota, _ = Quota.objects.update_or_create(training=training, org=org, defaults={"seats": seats})
    _audit(
        actor, "quota.set", training.activity, f"{training.title}：分配{org}名额{seats}人", training.activity.plan_id
    )
    return quota


def _seats(training: Training, org) -> int:
    quota = Quota.objects.filter(training=training, org=org).first()
    if quota is None:
        raise EventsError(f"{training.title}没有给{org}分配名额。")
    return quota.seats


@transaction.atomic
def nomination_submit(*, actor, training: Training, org, name: str, position: str = "", phone: str = ""):
    """A member organisation nominates one of its people; nominations beyond its seats are refused."""
    if not name.strip():
        raise EventsError("请填写学员姓名。")
    Training.objects.select_for_update().get(pk=training.pk)  # two nominations at once cannot both take the last seat
    seats = _seats(training, org)
    pending = training.nominations.filter(org=org).exclude(state=Nomination.State.REJECTED)
    if pending.count() >= seats:
        raise EventsError(f"{org}的名额为{seats}人，已推荐{pending.count()}人，超出名额不能再推荐。")
    if pending.filter(name=name.strip()).exists():
        raise EventsError(f"{name.strip()}已被推荐。")
    nomination = Nomination.objects.create(
        training=training, org=org, name=name.strip()[:50], position=position.strip()[:200], phone=phone.strip(),
        nominated_by=actor if getattr(actor, "is_authenticated", False) else None,
    )  # fmt: skip
    _audit(actor, "nomination.submit", training.activity, f"{org}推荐{nomination.name}参加{training.title}",
           training.activity.plan_id)  # fmt: skip
    return nomination


@transaction.atomic
def nomination_decide(*, actor, nomination: Nomination, approve: bool, reason: str = "") -> Nomination:
    if nomination.state != Nomination.State.SUBMITTED:
        raise EventsError(f"{nomination.name}的推荐已审核过。")
    if not approve and not reason.strip():
        raise EventsError("不批准时请写明原因。")
    training = Training.objects.select_for_update().get(pk=nomination.training_id)
    if approve:
        approved = training.nominations.filter(org=nomination.org, state=Nomination.State.APPROVED).count()
        if approved >= _seats(training, nomination.org):
            raise EventsError(f"{nomination.org}的名额已满，不能再批准。")
    nomination.state = Nomination.State.APPROVED if approve else Nomination.State.REJECTED
    nomination.reason = "" if approve else reason.strip()[:300]
    nomination.save(update_fields=["state", "reason"])
    verb = "批准" if approve else "未批准"
    _audit(actor, f"nomination.{nomination.state}", training.activity,
           f"{verb}{nomination.org}推荐的{nomination.name}" + (f"：{nomination.reason}" if nomination.reason else ""),
           training.activity.plan_id)  # fmt: skip
    if nomination.nominated_by_id:
        notify(users=[nomination.nominated_by], kind="nomination.decided",
               title=f"您推荐的{nomination.name}参加“{training.title}”：{verb}", body=nomination.reason,
               url="")  # fmt: skip
    return nomination


def _clash(training: Training, date, start_time, end_time, teacher: str, place: str) -> Course | None:
    overlapping = Course.objects.filter(date=date, start_time__lt=end_time, end_time__gt=start_time)
    return overlapping.filter(Q(teacher=teacher) | Q(place=place, training=training)).first()


@transaction.atomic
def course_add(*, actor, training: Training, date: dt.date, start_time: dt.time, end_time: dt.time, topic: str,
               teacher: str, place: str) -> Course:  # fmt: skip
    """A class of the curriculum; one teacher (in any training) or one place (in this training) twice at once is
    refused."""
    topic, teacher, place = topic.strip(), teacher.strip(), place.strip()
    if not (topic and teacher and place):
        raise EventsError("请填写课程、授课人和地点。")
    if end_time <= start_time:
        raise EventsError("结束时间应晚于开始时间。")
    if not training.start <= date <= training.end:
        raise EventsError(f"课程日期应在培训期间（{training.start}至{training.end}）。")
    if other := _clash(training, date, start_time, end_time, teacher, place):
        who = f"授课人{teacher}" if other.teacher == teacher else f"地点{place}"
        raise EventsError(
            f"时间冲突：{who}在{other.date:%m月%d日} {other.start_time:%H:%M}—{other.end_time:%H:%M}已安排“{other.topic}”。"
        )
    course = Course.objects.create(
        training=training, date=date, start_time=start_time, end_time=end_time, topic=topic, teacher=teacher,
        place=place,
    )  # fmt: skip
    _audit(actor, "course.add", training.activity, f"{training.title}新增课程“{topic}”（{teacher}）",
           training.activity.plan_id)  # fmt: skip
    return course


@transaction.atomic
def course_attendance_mark(*, actor, course: Course, present_ids: set[int]) -> int:
    """Mark who attended a class; the roster is the approved nominations."""
    roster = course.training.nominations.filter(state=Nomination.State.APPROVED)
    for n in roster:
        CourseAttendance.objects.update_or_create(
            course=course, nomination=n, defaults={"present": n.pk in present_ids}
        )
    _audit(actor, "course.attendance", course.training.activity,
           f"登记“{course.topic}”出勤{len(present_ids)}人", course.training.activity.plan_id)  # fmt: skip
    return len(present_ids)


@transaction.atomic
def programme_set(*, actor, activity: Activity, items: list[dict]) -> list[ProgrammeItem]:
    """Replace the agenda/programme: each item has item, performer, unit, minutes (1–600), in order."""
    for i, it in enumerate(items, start=1):
        if not str(it.get("item", "")).strip():
            raise EventsError(f"第{i}项：请填写议程或节目名称。")
        if not 1 <= int(it.get("minutes") or 0) <= 600:
            raise EventsError(f"第{i}项：时长应为1到600分钟。")
    ProgrammeItem.objects.filter(activity=activity).delete()
    rows = ProgrammeItem.objects.bulk_create(
        ProgrammeItem(
            activity=activity,
            order=i,
            item=str(it["item"]).strip()[:300],
            performer=str(it.get("performer", "")).strip()[:200],
            unit=str(it.get("unit", "")).strip()[:200],
            minutes=int(it["minutes"]),
        )  # fmt: skip
        for i, it in enumerate(items, start=1)
    )
    _audit(actor, "programme.set", activity, f"编排议程/节目单，共{len(rows)}项", activity.plan_id)
    return rows
