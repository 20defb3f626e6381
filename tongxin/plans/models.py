"""Plans (方案) with their sections, requirements and contacts, and the imports that produced them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tongxin.core.fields import CreatedAtField, UpdatedAtField


class Plan(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("草稿")
        PUBLISHED = "published", _("已发布")

    title = models.CharField(_("标题"), max_length=300)
    year = models.PositiveIntegerField(_("年度"), null=True, blank=True)
    issuer = models.CharField(_("发文单位"), max_length=200, blank=True)
    # Title and year in normalised form: a corrected re-import of the same plan finds and updates it.
    identity_key = models.CharField(_("识别键"), max_length=320, unique=True)
    status = models.CharField(_("状态"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    source_name = models.CharField(_("原文件名"), max_length=255, blank=True)
    source_file = models.FileField(_("原文件"), upload_to="plans/%Y/", blank=True)
    source_text = models.TextField(_("原文"), blank=True)
    source_sha256 = models.CharField(_("原文校验值"), max_length=64, blank=True)
    reporting_to = models.CharField(_("报送对象"), max_length=200, blank=True)
    reporting_text = models.TextField(_("报送要求"), blank=True)
    version = models.PositiveIntegerField(_("导入版本"), default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("创建人"), null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = CreatedAtField(_("创建时间"))
    updated_at = UpdatedAtField(_("更新时间"))
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("方案")
        verbose_name_plural = _("方案")
        ordering = ["-year", "-created_at"]

    def __str__(self) -> str:
        return self.title


class PlanSection(models.Model):
    """A top-level heading (一、指导思想 …) or a requirement point (有关要求 (一) 加强组织领导)."""

    class Kind(models.TextChoices):
        SECTION = "section", _("章节")
        REQUIREMENT = "requirement", _("工作要求")

    plan = models.ForeignKey(Plan, verbose_name=_("方案"), on_delete=models.CASCADE, related_name="sections")
    kind = models.CharField(_("类别"), max_length=20, choices=Kind.choices, default=Kind.SECTION)
    number = models.CharField(_("序号"), max_length=20, blank=True)
    title = models.CharField(_("标题"), max_length=500)
    order = models.PositiveIntegerField(_("顺序"), default=0)

    class Meta:
        verbose_name = _("章节")
        verbose_name_plural = _("章节")
        ordering = ["plan", "kind", "order"]

    def __str__(self) -> str:
        return f"{self.number}、{self.title}" if self.number else self.title


class PlanContact(models.Model):
    plan = models.ForeignKey(Plan, verbose_name=_("方案"), on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(_("联系人"), max_length=100)
    phones = models.JSONField(_("电话"), default=list, blank=True)
    fax = models.CharField(_("传真"), max_length=50, blank=True)
    email = models.CharField(_("电子邮箱"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("联系人")
        verbose_name_plural = _("联系人")

    def __str__(self) -> str:
        return self.name


class PlanImport(models.Model):
    """One uploaded document and the parser's draft of it, waiting for a person to confirm or correct it.

    Reading and publishing run as background jobs; `status` is what the progress page shows meanwhile.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("排队中")
        READING = "reading", _("正在读取")
        PARSING = "parsing", _("正在识别")
        FAILED = "failed", _("识别失败")
        DRAFT = "draft", _("待审核")
        PUBLISHING = "publishing", _("正在发布")
        PUBLISHED = "published", _("已发布")
        DISCARDED = "discarded", _("已放弃")

    # Still with the background job: the progress page polls until the status leaves these.
    WORKING = (Status.QUEUED, Status.READING, Status.PARSING, Status.PUBLISHING)

    status = models.CharField(_("状态"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    plan = models.ForeignKey(
        Plan, verbose_name=_("方案"), null=True, blank=True, on_delete=models.SET_NULL, related_name="imports"
    )
    original_name = models.CharField(_("原文件名"), max_length=255)
    file = models.FileField(_("文件"), upload_to="imports/%Y/")
    sha256 = models.CharField(_("校验值"), max_length=64)
    text = models.TextField(_("识别出的文字"), blank=True)
    draft = models.JSONField(_("解析结果"), default=dict)
    error = models.TextField(_("错误信息"), blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("上传人"), null=True, blank=True, on_delete=models.SET_NULL
    )
    uploaded_at = CreatedAtField(_("上传时间"))

    class Meta:
        verbose_name = _("方案导入")
        verbose_name_plural = _("方案导入")
        ordering = ["-uploaded_at"]

    def __str__(self) -> str:
        return self.original_name

    @property
    def working(self) -> bool:
        return self.status in self.WORKING
