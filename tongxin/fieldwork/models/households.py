"""扶贫济困: one file per household (一户一档) and its difficulties taken to a help measure and resolved."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from tongxin.core.fields import CreatedAtField, UpdatedAtField


class Household(models.Model):
    class Category(models.TextChoices):
        POOR = "poor", _("建档立卡贫困户")
        LOW_INCOME = "dibao", _("低保户")
        FIVE_GUARANTEES = "wubao", _("五保户")
        EDGE = "edge", _("边缘户")

    class Status(models.TextChoices):
        HELPING = "helping", _("帮扶中")
        OUT = "out", _("已脱贫")
        WATCH = "watch", _("脱贫监测")

    activity = models.ForeignKey(
        "activities.Activity", verbose_name=_("活动"), on_delete=models.CASCADE, related_name="households"
    )
    unit = models.ForeignKey(
        "orgs.Organisation", verbose_name=_("包扶单位"), on_delete=models.PROTECT, related_name="households"
    )
    head_name = models.CharField(_("户主姓名"), max_length=50)
    id_number = models.CharField(_("身份证号"), max_length=18, blank=True)
    phone = models.CharField(_("联系电话"), max_length=30, blank=True)
    members = models.TextField(_("家庭成员"), blank=True, help_text=_("每行一人：姓名、关系、年龄"))
    town = models.CharField(_("乡镇（苏木）"), max_length=100)
    village = models.CharField(_("村（嘎查）"), max_length=100)
    category = models.CharField(_("类别"), max_length=10, choices=Category.choices, default=Category.POOR)
    causes = models.CharField(_("致贫原因"), max_length=300, blank=True)
    needs = models.TextField(_("帮扶需求"), blank=True)
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.HELPING, db_index=True)
    created_at = CreatedAtField(_("建档时间"))
    updated_at = UpdatedAtField(_("更新时间"))

    class Meta:
        verbose_name = _("帮扶户")
        verbose_name_plural = _("帮扶户")
        ordering = ["town", "village", "id"]
        indexes = [models.Index(fields=["activity", "unit", "town", "village"], name="household_list")]

    def __str__(self) -> str:
        return f"{self.village} {self.head_name}"


class Difficulty(models.Model):
    """A difficulty of a household: recorded, given a help measure, resolved with evidence (attachment purpose
    "evidence"). Money and goods given are totalled for reports."""

    class State(models.TextChoices):
        OPEN = "open", _("待帮扶")
        HELPING = "helping", _("帮扶中")
        RESOLVED = "resolved", _("已解决")

    household = models.ForeignKey(
        Household, verbose_name=_("帮扶户"), on_delete=models.CASCADE, related_name="difficulties"
    )
    visit = models.ForeignKey(
        "fieldwork.Visit",
        verbose_name=_("走访记录"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    description = models.TextField(_("困难"))
    measure = models.TextField(_("帮扶措施"), blank=True)
    state = models.CharField(_("状态"), max_length=10, choices=State.choices, default=State.OPEN, db_index=True)
    money = models.DecimalField(_("帮扶资金（元）"), max_digits=12, decimal_places=2, default=0)
    goods = models.CharField(_("帮扶物资"), max_length=300, blank=True)
    resolved_on = models.DateField(_("解决日期"), null=True, blank=True)
    result = models.TextField(_("解决情况"), blank=True)
    created_at = CreatedAtField(_("登记时间"))

    class Meta:
        verbose_name = _("困难诉求")
        verbose_name_plural = _("困难诉求")
        ordering = ["household", "id"]

    def __str__(self) -> str:
        return self.description[:40]
