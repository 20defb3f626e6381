"""教风整治: a rectification campaign in phases with gates, its venues, checklists, inspections and problems."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tongxin.core.fields import CreatedAtField, UpdatedAtField

USER = settings.AUTH_USER_MODEL


class Campaign(models.Model):
    activity = models.OneToOneField(
        "activities.Activity", verbose_name=_("活动"), on_delete=models.CASCADE, related_name="campaign"
    )
    title = models.CharField(_("名称"), max_length=200)
    created_at = CreatedAtField(_("创建时间"))

    class Meta:
        verbose_name = _("专项整治")
        verbose_name_plural = _("专项整治")

    def __str__(self) -> str:
        return self.title


class CampaignPhase(models.Model):
    """A phase with dates, the checklist every venue must complete in it, and a gate: it closes only when nothing
    required is open, or by an administrator's override with a recorded reason."""

    campaign = models.ForeignKey(Campaign, verbose_name=_("专项整治"), on_delete=models.CASCADE, related_name="phases")
    order = models.PositiveSmallIntegerField(_("顺序"), default=0)
    name = models.CharField(_("阶段"), max_length=50)
    start = models.DateField(_("开始日期"), null=True, blank=True)
    end = models.DateField(_("结束日期"), null=True, blank=True)
    checklist = models.JSONField(_("检查清单"), default=list, blank=True, help_text=_("每个场所本阶段应完成的事项"))
    closed_at = models.DateTimeField(_("关闭时间"), null=True, blank=True)
    closed_by = models.ForeignKey(USER, verbose_name=_("关闭人"), null=True, blank=True, on_delete=models.SET_NULL)
    override_reason = models.TextField(_("强制关闭理由"), blank=True)

    class Meta:
        verbose_name = _("整治阶段")
        verbose_name_plural = _("整治阶段")
        ordering = ["campaign", "order", "id"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None


class Venue(models.Model):
    class Religion(models.TextChoices):
        BUDDHISM = "buddhism", _("佛教")
        TAOISM = "taoism", _("道教")
        ISLAM = "islam", _("伊斯兰教")
        CATHOLIC = "catholic", _("天主教")
        PROTESTANT = "protestant", _("基督教")

    campaign = models.ForeignKey(Campaign, verbose_name=_("专项整治"), on_delete=models.CASCADE, related_name="venues")
    name = models.CharField(_("场所名称"), max_length=200)
    religion = models.CharField(_("宗教"), max_length=12, choices=Religion.choices)
    kind = models.CharField(_("类型"), max_length=50, blank=True, help_text=_("寺院、宫观、清真寺、教堂、固定处所"))
    address = models.CharField(_("地址"), max_length=300, blank=True)
    person_in_charge = models.CharField(_("负责人"), max_length=50, blank=True)
    phone = models.CharField(_("负责人电话"), max_length=30, blank=True)
    unit = models.ForeignKey(
        "orgs.Organisation", verbose_name=_("主管单位"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = CreatedAtField(_("创建时间"))

    class Meta:
        verbose_name = _("宗教活动场所")
        verbose_name_plural = _("宗教活动场所")
        ordering = ["campaign", "religion", "name", "id"]
        constraints = [models.UniqueConstraint(fields=["campaign", "name"], name="venue_unique_name")]

    def __str__(self) -> str:
        return self.name


class CheckItem(models.Model):
    """One checklist item of a venue in a phase (学习记录, 自查报告 …); done with evidence (attachment or note)."""

    phase = models.ForeignKey(CampaignPhase, verbose_name=_("阶段"), on_delete=models.CASCADE, related_name="items")
    venue = models.ForeignKey(Venue, verbose_name=_("场所"), on_delete=models.CASCADE, related_name="items")
    name = models.CharField(_("事项"), max_length=100)
    required = models.BooleanField(_("必须完成"), default=True)
    done_at = models.DateTimeField(_("完成时间"), null=True, blank=True)
    note = models.TextField(_("完成情况"), blank=True)

    class Meta:
        verbose_name = _("检查事项")
        verbose_name_plural = _("检查事项")
        ordering = ["phase", "venue", "id"]
        indexes = [models.Index(fields=["phase", "venue", "required", "done_at"], name="checkitem_rates")]

    def __str__(self) -> str:
        return self.name


class Inspection(models.Model):
    venue = models.ForeignKey(Venue, verbose_name=_("场所"), on_delete=models.CASCADE, related_name="inspections")
    phase = models.ForeignKey(CampaignPhase, verbose_name=_("阶段"), on_delete=models.CASCADE, related_name="+")
    inspected_on = models.DateField(_("检查日期"))
    inspectors = models.CharField(_("检查人员"), max_length=200, blank=True)
    notes = models.TextField(_("检查情况"), blank=True)
    created_by = models.ForeignKey(
        USER, verbose_name=_("记录人"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = CreatedAtField(_("记录时间"))

    class Meta:
        verbose_name = _("检查")
        verbose_name_plural = _("检查")
        ordering = ["-inspected_on", "-id"]

    def __str__(self) -> str:
        return f"{self.venue} {self.inspected_on:%Y-%m-%d}"


class Problem(models.Model):
    """A problem found: a measure and a deadline, then the venue's rectification with evidence, then 销号 after review
    — or 退回 to rectifying when it is not acceptable. The state changes only through services.campaigns."""

    class State(models.TextChoices):
        FOUND = "found", _("待定整改措施")
        RECTIFYING = "rectifying", _("整改中")
        SUBMITTED = "submitted", _("已报整改待审核")
        SIGNED_OFF = "signed_off", _("已销号")

    class Severity(models.TextChoices):
        MINOR = "minor", _("一般")
        SERIOUS = "serious", _("较重")
        GRAVE = "grave", _("严重")

    inspection = models.ForeignKey(
        Inspection, verbose_name=_("检查"), on_delete=models.CASCADE, related_name="problems"
    )
    # Denormalised from the inspection so rates by venue, religion and phase are one GROUP BY.
    venue = models.ForeignKey(Venue, verbose_name=_("场所"), on_delete=models.CASCADE, related_name="problems")
    phase = models.ForeignKey(CampaignPhase, verbose_name=_("阶段"), on_delete=models.CASCADE, related_name="problems")
    description = models.TextField(_("问题描述"))
    category = models.CharField(_("问题类别"), max_length=50)
    severity = models.CharField(_("严重程度"), max_length=10, choices=Severity.choices, default=Severity.MINOR)
    state = models.CharField(_("状态"), max_length=12, choices=State.choices, default=State.FOUND, db_index=True)
    measure = models.TextField(_("整改措施"), blank=True)
    deadline = models.DateField(_("整改时限"), null=True, blank=True)
    rectification = models.TextField(_("整改情况"), blank=True)
    review_comment = models.TextField(_("审核意见"), blank=True)
    returned_count = models.PositiveSmallIntegerField(_("退回次数"), default=0)
    signed_off_at = models.DateTimeField(_("销号时间"), null=True, blank=True)
    signed_off_by = models.ForeignKey(
        USER, verbose_name=_("销号人"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = CreatedAtField(_("发现时间"))
    updated_at = UpdatedAtField(_("更新时间"))

    class Meta:
        verbose_name = _("问题")
        verbose_name_plural = _("问题")
        ordering = ["venue", "id"]
        # Covers the rates' tally (grouped by phase and venue) and the late-problem lights, as index-only scans.
        indexes = [models.Index(fields=["phase", "venue", "state", "deadline"], name="problem_rates")]

    def __str__(self) -> str:
        return self.description[:40]
