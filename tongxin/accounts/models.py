"""Accounts: who signs in and in which role."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from tongxin.core.fields import CreatedAtField


class User(AbstractUser):
    class Role(models.TextChoices):
        ADMIN = "admin", _("部门管理员")
        LEADER = "leader", _("领导")
        UNIT = "unit", _("科室/单位")
        MEMBER_ORG = "member_org", _("成员组织")
        VIEWER = "viewer", _("只读查看")

    role = models.CharField(_("角色"), max_length=20, choices=Role.choices, default=Role.VIEWER)
    display_name = models.CharField(_("显示名称"), max_length=100, blank=True)
    organisation = models.ForeignKey(
        "orgs.Organisation",
        verbose_name=_("所属单位"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="users",
    )
    person = models.OneToOneField(
        "orgs.Person", verbose_name=_("对应人员"), null=True, blank=True, on_delete=models.SET_NULL, related_name="user"
    )
    phone = models.CharField(_("手机"), max_length=30, blank=True)
    # Django's own default stamps the real time; ours comes from the one clock like every other row.
    date_joined = CreatedAtField(_("注册时间"))

    class Meta:
        verbose_name = _("用户")
        verbose_name_plural = _("用户")

    def __str__(self) -> str:
        return self.display_name or self.username

    @property
    def label(self) -> str:
        return self.display_name or self.get_full_name() or self.username
