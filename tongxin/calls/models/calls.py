"""A call for submissions on an activity, what people submitted, and each reviewer's score."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tongxin.core.fields import CreatedAtField


class Call(models.Model):
    class Kind(models.TextChoices):
        PROPOSAL = "call:proposal", _("献一策")
        ESSAY = "call:essay", _("征文")
        VIDEO = "call:video", _("微视频")
        PHOTO = "call:photo", _("摄影")

    activity = models.ForeignKey(
        "activities.Activity", verbose_name=_("活动"), on_delete=models.CASCADE, related_name="calls"
    )
    kind = models.CharField(_("类型"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("名称"), max_length=300)
    rounds = models.PositiveSmallIntegerField(_("评审轮次"), default=1)
    reviewers_per_submission = models.PositiveSmallIntegerField(_("每件评审人数"), default=3)
    created_at = CreatedAtField(_("创建时间"))

    class Meta:
        verbose_name = _("征集")
        verbose_name_plural = _("征集")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.title


class Submission(models.Model):
    class State(models.TextChoices):
        SUBMITTED = "submitted", _("已提交")
        SELECTED = "selected", _("入选")
        REJECTED = "rejected", _("未入选")
        RETURNED = "returned", _("退回修改")

    call = models.ForeignKey(Call, verbose_name=_("征集"), on_delete=models.CASCADE, related_name="submissions")
    receipt = models.CharField(_("回执编号"), max_length=40, unique=True)
    round = models.PositiveSmallIntegerField(_("所在轮次"), default=1)
    title = models.CharField(_("标题"), max_length=300)
    body = models.TextField(_("正文"), blank=True)
    # Who wrote it: never shown to a reviewer (see selectors.review_sheet).
    author_name = models.CharField(_("作者"), max_length=100)
    author_unit = models.ForeignKey(
        "orgs.Organisation",
        verbose_name=_("作者单位"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="call_submissions",
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("提交人"), null=True, blank=True, on_delete=models.SET_NULL
    )
    state = models.CharField(_("状态"), max_length=20, choices=State.choices, default=State.SUBMITTED)
    decision_note = models.TextField(_("处理意见"), blank=True)
    created_at = CreatedAtField(_("提交时间"))

    class Meta:
        verbose_name = _("征集作品")
        verbose_name_plural = _("征集作品")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.receipt


class Review(models.Model):
    submission = models.ForeignKey(Submission, verbose_name=_("作品"), on_delete=models.CASCADE, related_name="reviews")
    round = models.PositiveSmallIntegerField(_("轮次"), default=1)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("评审人"), on_delete=models.CASCADE, related_name="call_reviews"
    )
    score = models.DecimalField(_("评分"), max_digits=5, decimal_places=2, null=True, blank=True)
    comment = models.TextField(_("评语"), blank=True)
    scored_at = models.DateTimeField(_("评分时间"), null=True, blank=True)
    # A reviewer who declares a conflict leaves the submission; the row stays as the record that they did.
    conflict = models.BooleanField(_("回避"), default=False)
    created_at = CreatedAtField(_("分配时间"))

    class Meta:
        verbose_name = _("评审")
        verbose_name_plural = _("评审")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["submission", "round", "reviewer"], name="calls_one_review_per_round"),
        ]

    def __str__(self) -> str:
        return f"{self.submission_id}/{self.round}/{self.reviewer_id}"
