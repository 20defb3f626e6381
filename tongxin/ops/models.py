"""Operations state: when each background process last showed it was alive."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Heartbeat(models.Model):
    """One row per background process kind ("worker", "remind") and per daily job ("cleanup")."""

    name = models.CharField(_("名称"), max_length=40, unique=True)
    beat_at = models.DateTimeField(_("最近一次"))
    detail = models.CharField(_("说明"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("心跳")
        verbose_name_plural = _("心跳")

    def __str__(self) -> str:
        return f"{self.name} @ {self.beat_at:%Y-%m-%d %H:%M:%S}"
