"""Sessions as they are really run: who came (signed in at the venue or entered by hand), which units were invited,
the minutes (纪要); and the publicity log (宣传报道) of each activity."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tongxin.core.fields import CreatedAtField


class Invitation(models.Model):
    """A unit invited to a session, with how many of its people are expected: the base of its attendance rate."""

    session = models.ForeignKey(
        "activities.Session", verbose_name=_("场次"), on_delete=models.CASCADE, related_name="invitations"
    )
    org = models.ForeignKey("orgs.Organisation", verbose_name=_("受邀单位"), on_delete=models.CASCADE)
    expected = models.PositiveIntegerField(_("应到人数"), default=1)

    class Meta:
        verbose_name = _("受邀单位")
        verbose_name_plural = _("受邀单位")
        constraints = [models.UniqueConstraint(fields=["session", "org"], name="events_invitation_once")]

    def __str__(self) -> str:
        return f"{self.org}（{self.expected}人）"


class Attendance(models.Model):
    class Method(models.TextChoices):
        QR = "qr", _("扫码签到")
        MANUAL = "manual", _("手工登记")

    session = models.ForeignKey(
        "activities.Session", verbose_name=_("场次"), on_delete=models.CASCADE, related_name="attendances"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("账号"), null=True, blank=True, on_delete=models.SET_NULL
    )
    name = models.CharField(_("姓名"), max_length=50)
    phone = models.CharField(_("手机号"), max_length=20, blank=True)
    org = models.ForeignKey(
        "orgs.Organisation", verbose_name=_("单位"), null=True, blank=True, on_delete=models.SET_NULL
    )
    unit_name = models.CharField(_("单位名称"), max_length=200, blank=True)
    method = models.CharField(_("方式"), max_length=10, choices=Method.choices, default=Method.QR)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("登记人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = CreatedAtField(_("签到时间"))

    class Meta:
        verbose_name = _("签到")
        verbose_name_plural = _("签到")
        ordering = ["session", "created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "user"], condition=Q(user__isnull=False), name="events_attend_once_by_account"
            ),
            models.UniqueConstraint(
                fields=["session", "phone"], condition=~Q(phone=""), name="events_attend_once_by_phone"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Minutes(models.Model):
    """纪要 of a held session; its photos are attachments (purpose "minutes")."""

    session = models.OneToOneField(
        "activities.Session", verbose_name=_("场次"), on_delete=models.CASCADE, related_name="minutes"
    )
    text = models.TextField(_("纪要"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("记录人"), null=True, on_delete=models.SET_NULL)
    created_at = CreatedAtField(_("记录时间"))

    class Meta:
        verbose_name = _("会议纪要")
        verbose_name_plural = _("会议纪要")

    def __str__(self) -> str:
        return f"{self.session}纪要"


class PublicityEntry(models.Model):
    class OutletType(models.TextChoices):
        TV = "tv", _("电视")
        RADIO = "radio", _("广播")
        PAPER = "paper", _("报纸")
        WEB = "web", _("网站")
        WECHAT = "wechat", _("微信公众号")
        VIDEO = "video", _("短视频平台")

    activity = models.ForeignKey(
        "activities.Activity", verbose_name=_("活动"), on_delete=models.CASCADE, related_name="publicity"
    )
    outlet_type = models.CharField(_("媒体类型"), max_length=10, choices=OutletType.choices)
    outlet = models.CharField(_("媒体名称"), max_length=200)
    date = models.DateField(_("刊播日期"))
    title = models.CharField(_("标题"), max_length=300)
    link = models.URLField(_("链接"), max_length=1000, blank=True)
    # Set when the entry came from a progress report's media links, so moving them twice adds nothing.
    source_report = models.ForeignKey(
        "supervision.ProgressReport",
        verbose_name=_("来源报告"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("登记人"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = CreatedAtField(_("登记时间"))

    class Meta:
        verbose_name = _("宣传报道")
        verbose_name_plural = _("宣传报道")
        ordering = ["-date", "-id"]

    def __str__(self) -> str:
        return self.title


from tongxin.events.models_training import (  # noqa: E402,F401 - the app's models, split by subject
    Course,
    CourseAttendance,
    Nomination,
    ProgrammeItem,
    Quota,
    Training,
)
