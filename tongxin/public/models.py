"""Rate-limit counters, and the consent fields a module's model can inherit."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class RateCounter(models.Model):
    """One fixed window of one limit for one client. The client is stored only as a keyed digest, never as an
    address, and the row is deleted once its window is over (`rate_counters_cleanup`)."""

    scope = models.CharField(_("限流范围"), max_length=64)
    key = models.CharField(_("客户端摘要"), max_length=64)
    window_start = models.BigIntegerField(_("窗口开始（Unix 秒）"))
    expires_at = models.BigIntegerField(_("窗口结束（Unix 秒）"), db_index=True)
    count = models.PositiveIntegerField(_("次数"), default=0)

    class Meta:
        verbose_name = _("限流计数")
        verbose_name_plural = _("限流计数")
        constraints = [
            models.UniqueConstraint(fields=["scope", "key", "window_start"], name="public_ratecounter_window"),
        ]

    def __str__(self) -> str:
        return f"{self.scope} {self.key[:8]} @{self.window_start}: {self.count}"


class ConsentRecord(models.Model):
    """Mix into a model that stores what the public submitted: when consent was given and to which notice version.
    Fill both from `tongxin.public.consent.consent_record()`."""

    consent_at = models.DateTimeField(_("同意告知时间"), null=True, blank=True)
    consent_notice_version = models.CharField(_("告知版本"), max_length=20, blank=True)

    class Meta:
        abstract = True
