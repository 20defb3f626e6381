"""Accounts: who signs in and in which role, and the roles people hold on single objects."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
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
    must_change_password = models.BooleanField(
        _("须修改密码"), default=False, help_text=_("用初始密码登录后，须先设置自己的密码才能继续使用。")
    )
    invited_at = models.DateTimeField(_("邀请时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("用户")
        verbose_name_plural = _("用户")

    def __str__(self) -> str:
        return self.display_name or self.username

    @property
    def label(self) -> str:
        return self.display_name or self.get_full_name() or self.username


class ObjectRole(models.Model):
    """A role someone holds on one object (reviewer of this call, inspector of this venue, judge of this contest).

    Held by an account or by a person without one; the object is any row (content type + id), so a module grants
    its own roles without adding values to `User.role`."""

    user = models.ForeignKey(
        User, verbose_name=_("账号"), null=True, blank=True, on_delete=models.CASCADE, related_name="object_roles"
    )
    person = models.ForeignKey(
        "orgs.Person",
        verbose_name=_("人员"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="object_roles",
    )
    role = models.CharField(_("角色"), max_length=50)
    target_type = models.ForeignKey(ContentType, verbose_name=_("对象类型"), on_delete=models.CASCADE)
    target_id = models.PositiveBigIntegerField(_("对象编号"))
    target = GenericForeignKey("target_type", "target_id")
    granted_by = models.ForeignKey(
        User, verbose_name=_("授予人"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    granted_at = CreatedAtField(_("授予时间"))

    class Meta:
        verbose_name = _("对象角色")
        verbose_name_plural = _("对象角色")
        ordering = ["target_type", "target_id", "role", "id"]
        indexes = [models.Index(fields=["target_type", "target_id", "role"], name="objectrole_target")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(user__isnull=False) | models.Q(person__isnull=False), name="objectrole_has_holder"
            ),
            models.UniqueConstraint(
                fields=["user", "role", "target_type", "target_id"],
                condition=models.Q(user__isnull=False),
                name="objectrole_unique_user",
            ),
            models.UniqueConstraint(
                fields=["person", "role", "target_type", "target_id"],
                condition=models.Q(person__isnull=False),
                name="objectrole_unique_person",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user or self.person} · {self.role}"
