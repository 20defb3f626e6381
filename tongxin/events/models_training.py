"""Trainings (培训班) with seats per organisation, nominations the department approves, a curriculum and attendance
per class; and the programme (议程/节目单) of a meeting or gala."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tongxin.core.fields import CreatedAtField


class Training(models.Model):
    activity = models.ForeignKey(
        "activities.Activity", verbose_name=_("活动"), on_delete=models.CASCADE, related_name="trainings"
    )
    title = models.CharField(_("培训班名称"), max_length=300)
    school = models.CharField(_("培训地点（院校）"), max_length=200, blank=True)
    start = models.DateField(_("开班日期"))
    end = models.DateField(_("结业日期"))

    class Meta:
        verbose_name = _("培训班")
        verbose_name_plural = _("培训班")
        ordering = ["start", "id"]

    def __str__(self) -> str:
        return self.title


class Quota(models.Model):
    training = models.ForeignKey(Training, verbose_name=_("培训班"), on_delete=models.CASCADE, related_name="quotas")
    org = models.ForeignKey("orgs.Organisation", verbose_name=_("单位"), on_delete=models.CASCADE)
    seats = models.PositiveIntegerField(_("名额"))

    class Meta:
        verbose_name = _("名额分配")
        verbose_name_plural = _("名额分配")
        constraints = [models.UniqueConstraint(fields=["training", "org"], name="events_quota_once")]

    def __str__(self) -> str:
        return f"{self.org} {self.seats}"


class Nomination(models.Model):
    class State(models.TextChoices):
        SUBMITTED = "submitted", _("待审核")
        APPROVED = "approved", _("已批准")
        REJECTED = "rejected", _("未批准")

    training = models.ForeignKey(
        Training, verbose_name=_("培训班"), on_delete=models.CASCADE, related_name="nominations"
    )
    org = models.ForeignKey("orgs.Organisation", verbose_name=_("推荐单位"), on_delete=models.CASCADE)
    name = models.CharField(_("姓名"), max_length=50)
    position = models.CharField(_("职务"), max_length=200, blank=True)
    phone = models.CharField(_("手机号"), max_length=20, blank=True)
    state = models.CharField(_("状态"), max_length=12, choices=State.choices, default=State.SUBMITTED)
    reason = models.CharField(_("未批准原因"), max_length=300, blank=True)
    nominated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("推荐人"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = CreatedAtField(_("推荐时间"))

    class Meta:
        verbose_name = _("学员推荐")
        verbose_name_plural = _("学员推荐")
        ordering = ["training", "org__name", "id"]

    def __str__(self) -> str:
        return self.name


class Course(models.Model):
    """A class of the curriculum (课程表)."""

    training = models.ForeignKey(Training, verbose_name=_("培训班"), on_delete=models.CASCADE, related_name="courses")
    date = models.DateField(_("日期"))
    start_time = models.TimeField(_("开始时间"))
    end_time = models.TimeField(_("结束时间"))
    topic = models.CharField(_("课程"), max_length=300)
    teacher = models.CharField(_("授课人"), max_length=100)
    place = models.CharField(_("地点"), max_length=200)

    class Meta:
        verbose_name = _("课程")
        verbose_name_plural = _("课程")
        ordering = ["date", "start_time", "id"]

    def __str__(self) -> str:
        return self.topic


class CourseAttendance(models.Model):
    course = models.ForeignKey(Course, verbose_name=_("课程"), on_delete=models.CASCADE, related_name="attendance")
    nomination = models.ForeignKey(Nomination, verbose_name=_("学员"), on_delete=models.CASCADE)
    present = models.BooleanField(_("出勤"), default=True)

    class Meta:
        verbose_name = _("课程出勤")
        verbose_name_plural = _("课程出勤")
        constraints = [models.UniqueConstraint(fields=["course", "nomination"], name="events_course_attend_once")]

    def __str__(self) -> str:
        return f"{self.nomination}·{self.course}"


class ProgrammeItem(models.Model):
    """One line of a meeting's agenda or a gala's programme."""

    activity = models.ForeignKey(
        "activities.Activity", verbose_name=_("活动"), on_delete=models.CASCADE, related_name="programme_items"
    )
    order = models.PositiveIntegerField(_("序号"))
    item = models.CharField(_("议程/节目"), max_length=300)
    performer = models.CharField(_("发言人/表演者"), max_length=200, blank=True)
    unit = models.CharField(_("单位"), max_length=200, blank=True)
    minutes = models.PositiveIntegerField(_("时长（分钟）"), default=5)

    class Meta:
        verbose_name = _("议程/节目")
        verbose_name_plural = _("议程/节目")
        ordering = ["activity", "order", "id"]

    def __str__(self) -> str:
        return self.item
