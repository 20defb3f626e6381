"""Attachments: a file checked by its content, stored under a random name, hanging off any object of any app."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from tongxin.core.fields import CreatedAtField


def _stored_name(instance, filename: str) -> str:
    # A random name: the original (which may carry a person's name) is kept in a field, never in the path or URL.
    ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"attachments/{instance.uploaded_at:%Y/%m}/{uuid.uuid4().hex}.{ext}"


def _thumb_name(instance, filename: str) -> str:
    return f"attachments/{instance.uploaded_at:%Y/%m}/{uuid.uuid4().hex}-thumb.jpg"


class Attachment(models.Model):
    target_type = models.ForeignKey(ContentType, verbose_name=_("对象类型"), on_delete=models.CASCADE)
    target_id = models.PositiveBigIntegerField(_("对象编号"))
    target = GenericForeignKey("target_type", "target_id")
    purpose = models.CharField(_("用途"), max_length=30, blank=True, help_text=_("由模块约定，如 photo、minutes"))
    file = models.FileField(_("文件"), upload_to=_stored_name, max_length=200)
    thumbnail = models.FileField(_("缩略图"), upload_to=_thumb_name, blank=True, max_length=200)
    original_name = models.CharField(_("原文件名"), max_length=255)
    caption = models.CharField(_("说明"), max_length=300, blank=True)
    content_type = models.CharField(_("类型"), max_length=100)
    kind = models.CharField(_("种类"), max_length=20)
    size = models.PositiveBigIntegerField(_("大小"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    width = models.PositiveIntegerField(_("宽"), null=True, blank=True)
    height = models.PositiveIntegerField(_("高"), null=True, blank=True)
    order = models.PositiveIntegerField(_("顺序"), default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("上传人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_at = CreatedAtField(_("上传时间"))

    class Meta:
        verbose_name = _("附件")
        verbose_name_plural = _("附件")
        ordering = ["order", "id"]
        indexes = [models.Index(fields=["target_type", "target_id", "purpose"])]

    def __str__(self) -> str:
        return self.original_name

    @property
    def is_image(self) -> bool:
        return self.kind == "image"
