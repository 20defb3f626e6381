"""联谊交友: pairings of leaders with non-Party figures, visits (to a pair or a household) and the opinions raised."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tongxin.core.fields import CreatedAtField

USER = settings.AUTH_USER_MODEL


class Pairing(models.Model):
    """A leader paired with a non-Party figure; the unit that keeps the pair's file and follows up."""

    activity = models.ForeignKey(
        "activities.Activity", verbose_name=_("活动"), on_delete=models.CASCADE, related_name="pairings"
    )
    leader = models.ForeignKey(
        "orgs.Person", verbose_name=_("党员领导干部"), on_delete=models.PROTECT, related_name="pairings_led"
    )
    figure = models.ForeignKey(
        "orgs.Person", verbose_name=_("党外人士"), on_delete=models.PROTECT, related_name="pairings_as_figure"
    )
    figure_affiliation = models.CharField(_("党派/界别"), max_length=100, blank=True)
    unit = models.ForeignKey(
        "orgs.Organisation", verbose_name=_("联络单位"), on_delete=models.PROTECT, related_name="pairings"
    )
    required_visits = models.PositiveSmallIntegerField(_("年度应走访次数"), default=2)
    created_at = CreatedAtField(_("创建时间"))

    class Meta:
        verbose_name = _("联谊交友对象")
        verbose_name_plural = _("联谊交友对象")
        ordering = ["activity", "id"]
        constraints = [
            models.UniqueConstraint(fields=["activity", "leader", "figure"], name="pairing_unique_per_activity")
        ]

    def __str__(self) -> str:
        return f"{self.leader} — {self.figure}"


class Visit(models.Model):
    """One visit: to a pair's figure (联谊交友) or to a household (扶贫济困). Photos are attachments (purpose photo)."""

    class Form(models.TextChoices):
        CALL_ON = "visit", _("走访")
        TALK = "talk", _("谈心")
        FORUM = "forum", _("座谈")
        PHONE = "phone", _("电话")

    activity = models.ForeignKey(
        "activities.Activity", verbose_name=_("活动"), on_delete=models.CASCADE, related_name="visits"
    )
    pairing = models.ForeignKey(
        Pairing, verbose_name=_("联谊交友对象"), null=True, blank=True, on_delete=models.CASCADE, related_name="visits"
    )
    household = models.ForeignKey(
        "fieldwork.Household",
        verbose_name=_("帮扶户"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="visits",
    )
    # Who may see the visit: the pair's or the household's unit (kept here so one filter serves every list).
    unit = models.ForeignKey(
        "orgs.Organisation", verbose_name=_("责任单位"), on_delete=models.PROTECT, related_name="+"
    )
    visited_on = models.DateField(_("走访日期"), db_index=True)
    place = models.CharField(_("地点"), max_length=200, blank=True)
    form = models.CharField(_("形式"), max_length=10, choices=Form.choices, default=Form.CALL_ON)
    content = models.TextField(_("走访内容"))
    created_by = models.ForeignKey(
        USER, verbose_name=_("记录人"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = CreatedAtField(_("记录时间"))

    class Meta:
        verbose_name = _("走访记录")
        verbose_name_plural = _("走访记录")
        ordering = ["-visited_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(pairing__isnull=False) | models.Q(household__isnull=False), name="visit_has_subject"
            )
        ]

    def __str__(self) -> str:
        return f"{self.visited_on:%Y-%m-%d} {self.get_form_display()}"


class Opinion(models.Model):
    """An opinion, suggestion or difficulty raised on a visit; followed up as a supervised task of a unit."""

    class Kind(models.TextChoices):
        OPINION = "opinion", _("意见")
        SUGGESTION = "suggestion", _("建议")
        DIFFICULTY = "difficulty", _("困难")

    visit = models.ForeignKey(Visit, verbose_name=_("走访记录"), on_delete=models.CASCADE, related_name="opinions")
    kind = models.CharField(_("类别"), max_length=12, choices=Kind.choices, default=Kind.OPINION)
    text = models.TextField(_("内容"))
    # The follow-up: a task of supervision (lights, reminders, 催办 come with it); its report carries the result.
    task = models.OneToOneField(
        "supervision.Task",
        verbose_name=_("督办任务"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="opinion",
    )
    created_at = CreatedAtField(_("记录时间"))

    class Meta:
        verbose_name = _("意见建议")
        verbose_name_plural = _("意见建议")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.text[:40]
