"""Messages to people (the in-app inbox) and their deliveries over e-mail and group-robot webhooks."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tongxin.core.fields import CreatedAtField


class Channel(models.Model):
    """A configured way out: SMTP e-mail, a WeCom / DingTalk group robot (optionally for one unit only), or another
    system's webhook, which gets signed JSON events (a task changed state, a report was reviewed)."""

    class Kind(models.TextChoices):
        EMAIL = "email", _("电子邮件")
        WECOM = "wecom", _("企业微信群机器人")
        DINGTALK = "dingtalk", _("钉钉群机器人")
        WEBHOOK = "webhook", _("对接系统 Webhook（签名）")

    kind = models.CharField(_("类型"), max_length=20, choices=Kind.choices)
    name = models.CharField(_("名称"), max_length=100)
    webhook_url = models.URLField(_("Webhook 地址"), max_length=500, blank=True)
    secret = models.CharField(_("加签密钥"), max_length=200, blank=True)
    org = models.ForeignKey(
        "orgs.Organisation",
        verbose_name=_("单位"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        help_text=_("留空表示全部门通用"),
    )
    is_active = models.BooleanField(_("启用"), default=True)

    class Meta:
        verbose_name = _("提醒渠道")
        verbose_name_plural = _("提醒渠道")

    def __str__(self) -> str:
        return f"{self.get_kind_display()}：{self.name}"

    @property
    def webhook_display(self) -> str:
        return mask_webhook(self.webhook_url)


class Notification(models.Model):
    """One message in one person's inbox."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("接收人"), on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(_("类别"), max_length=40)
    title = models.CharField(_("标题"), max_length=300)
    body = models.TextField(_("内容"), blank=True)
    url = models.CharField(_("链接"), max_length=500, blank=True)
    created_at = CreatedAtField(_("时间"), db_index=True)
    read_at = models.DateTimeField(_("已读时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("消息")
        verbose_name_plural = _("消息")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["recipient", "read_at", "-created_at"])]

    def __str__(self) -> str:
        return self.title


class Delivery(models.Model):
    """One attempt-tracked send over a channel; failures are retried with back-off and stay visible."""

    class State(models.TextChoices):
        PENDING = "pending", _("待发送")
        SENT = "sent", _("已发送")
        FAILED = "failed", _("发送失败")

    channel_kind = models.CharField(_("渠道类型"), max_length=20, choices=Channel.Kind.choices)
    channel = models.ForeignKey(Channel, verbose_name=_("渠道"), null=True, blank=True, on_delete=models.SET_NULL)
    target = models.CharField(_("发送对象"), max_length=500)
    subject = models.CharField(_("标题"), max_length=300)
    body = models.TextField(_("内容"))
    notification = models.ForeignKey(
        Notification,
        verbose_name=_("消息"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="deliveries",
    )
    state = models.CharField(_("状态"), max_length=20, choices=State.choices, default=State.PENDING, db_index=True)
    attempts = models.PositiveSmallIntegerField(_("尝试次数"), default=0)
    last_error = models.TextField(_("最近错误"), blank=True)
    next_attempt_at = models.DateTimeField(_("下次尝试"), null=True, blank=True, db_index=True)
    sent_at = models.DateTimeField(_("发送时间"), null=True, blank=True)
    created_at = CreatedAtField(_("创建时间"))

    class Meta:
        verbose_name = _("发送记录")
        verbose_name_plural = _("发送记录")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_channel_kind_display()} → {self.target_display}"

    @property
    def target_display(self) -> str:
        return self.target if self.channel_kind == Channel.Kind.EMAIL else mask_webhook(self.target)


def mask_webhook(url: str) -> str:
    """A webhook address without its key (the key alone lets anyone post to the group): host, path, last 4 chars."""
    if not url:
        return ""
    parts = urlsplit(url)
    tail = f"?…{parts.query[-4:]}" if parts.query else ""
    return f"{parts.netloc}{parts.path}{tail}"
