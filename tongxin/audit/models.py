"""The audit log: every change of state, who made it, when, and what changed."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tongxin.core.fields import CreatedAtField


class AuditEntry(models.Model):
    at = CreatedAtField(_("时间"), db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("操作人"), null=True, blank=True, on_delete=models.SET_NULL
    )
    actor_name = models.CharField(_("操作人名称"), max_length=150, blank=True)
    action = models.CharField(_("动作"), max_length=60, db_index=True)
    summary = models.CharField(_("摘要"), max_length=500)
    target_type = models.CharField(_("对象类型"), max_length=60, db_index=True)
    target_id = models.CharField(_("对象编号"), max_length=40, db_index=True)
    target_repr = models.CharField(_("对象"), max_length=300, blank=True)
    # The plan the change belongs to, so a plan's whole history is one indexed query.
    plan_id = models.BigIntegerField(_("方案"), null=True, blank=True, db_index=True)
    changes = models.JSONField(_("变更内容"), default=dict, blank=True)

    class Meta:
        verbose_name = _("操作记录")
        verbose_name_plural = _("操作记录")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["target_type", "target_id", "-at"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_name} {self.summary}"
