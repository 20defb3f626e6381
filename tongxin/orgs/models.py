"""Organisations (the department, its sections, member organisations, outside units) and people."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from tongxin.core.fields import CreatedAtField


class Organisation(models.Model):
    class Kind(models.TextChoices):
        DEPARTMENT = "department", _("本部门")
        SECTION = "section", _("内设科室")
        MEMBER = "member", _("成员组织")
        UNIT = "unit", _("外部单位")
        COLLECTIVE = "collective", _("泛指单位")

    name = models.CharField(_("名称"), max_length=200, unique=True)
    short_name = models.CharField(_("简称"), max_length=100, blank=True)
    kind = models.CharField(_("类别"), max_length=20, choices=Kind.choices, default=Kind.UNIT)
    parent = models.ForeignKey(
        "self", verbose_name=_("上级单位"), null=True, blank=True, on_delete=models.SET_NULL, related_name="children"
    )
    sort_order = models.PositiveIntegerField(_("排序"), default=0)
    is_active = models.BooleanField(_("启用"), default=True)
    created_at = CreatedAtField(_("创建时间"))

    class Meta:
        verbose_name = _("单位")
        verbose_name_plural = _("单位")
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name


class OrganisationAlias(models.Model):
    """Another way the plans write a unit's name (简称, an older name, a merged duplicate)."""

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("单位"), on_delete=models.CASCADE, related_name="aliases"
    )
    name = models.CharField(_("别名"), max_length=200, unique=True)

    class Meta:
        verbose_name = _("单位别名")
        verbose_name_plural = _("单位别名")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Person(models.Model):
    class Kind(models.TextChoices):
        LEADER = "leader", _("领导")
        STAFF = "staff", _("工作人员")
        MEMBER = "member", _("成员")

    name = models.CharField(_("姓名"), max_length=50)
    title = models.CharField(_("职务"), max_length=100, blank=True)
    kind = models.CharField(_("类别"), max_length=20, choices=Kind.choices, default=Kind.STAFF)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("所在单位"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="people",
    )
    phone = models.CharField(_("电话"), max_length=50, blank=True)
    email = models.EmailField(_("电子邮箱"), blank=True)
    created_at = CreatedAtField(_("创建时间"))

    class Meta:
        verbose_name = _("人员")
        verbose_name_plural = _("人员")
        ordering = ["kind", "name"]
        constraints = [models.UniqueConstraint(fields=["name", "kind"], name="person_unique_name_kind")]

    def __str__(self) -> str:
        return self.name
