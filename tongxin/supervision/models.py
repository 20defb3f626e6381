"""Supervision: tasks with deadlines, progress reports with evidence, approvals, urging and reporting rules."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tongxin.core.fields import CreatedAtField, UpdatedAtField

USER = settings.AUTH_USER_MODEL


class ReportingRule(models.Model):
    """A recurring duty, e.g. every responsible unit reports progress monthly, due on the 25th."""

    plan = models.ForeignKey("plans.Plan", verbose_name=_("方案"), on_delete=models.CASCADE, related_name="rules")
    title = models.CharField(_("名称"), max_length=200, default=_("月度进展报送"))
    every_months = models.PositiveSmallIntegerField(_("每几个月"), default=1)
    day_of_month = models.PositiveSmallIntegerField(_("截止日"), default=25)
    starts_on = models.DateField(_("开始日期"))
    ends_on = models.DateField(_("结束日期"))
    is_active = models.BooleanField(_("启用"), default=True)

    class Meta:
        verbose_name = _("报送规则")
        verbose_name_plural = _("报送规则")

    def __str__(self) -> str:
        return self.title


class Task(models.Model):
    class Kind(models.TextChoices):
        IMPL_PLAN = "impl_plan", _("细化实施方案")
        SESSION = "session", _("场次举办")
        RESULTS = "results", _("成效报告")
        PERIODIC = "periodic", _("定期报送")
        MANUAL = "manual", _("交办事项")

    class State(models.TextChoices):
        OPEN = "open", _("待办")
        SUBMITTED = "submitted", _("已报送待审核")
        RETURNED = "returned", _("退回修改")
        DONE = "done", _("已完成")
        CANCELLED = "cancelled", _("已取消")

    activity = models.ForeignKey(
        "activities.Activity", verbose_name=_("活动"), on_delete=models.CASCADE, related_name="tasks"
    )
    session = models.ForeignKey(
        "activities.Session",
        verbose_name=_("场次"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="tasks",
    )
    phase = models.ForeignKey(
        "activities.Phase",
        verbose_name=_("阶段"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="tasks",
    )
    rule = models.ForeignKey(
        ReportingRule, verbose_name=_("报送规则"), null=True, blank=True, on_delete=models.CASCADE, related_name="tasks"
    )
    period = models.CharField(_("报送期"), max_length=20, blank=True)
    kind = models.CharField(_("类别"), max_length=20, choices=Kind.choices, default=Kind.MANUAL)
    title = models.CharField(_("事项"), max_length=300)
    owner_org = models.ForeignKey(
        "orgs.Organisation", verbose_name=_("责任单位"), on_delete=models.PROTECT, related_name="tasks"
    )
    owner_user = models.ForeignKey(
        USER, verbose_name=_("责任人"), null=True, blank=True, on_delete=models.SET_NULL, related_name="owned_tasks"
    )
    due = models.DateField(_("截止日期"), db_index=True)
    original_due = models.DateField(_("原定截止日期"))
    state = models.CharField(_("状态"), max_length=20, choices=State.choices, default=State.OPEN, db_index=True)
    done_at = models.DateTimeField(_("完成时间"), null=True, blank=True)
    last_urged_at = models.DateTimeField(_("最近催办"), null=True, blank=True)
    escalated_at = models.DateTimeField(_("上报领导时间"), null=True, blank=True)
    last_reminded_on = models.DateField(_("最近提醒日期"), null=True, blank=True)
    # Optimistic locking: a write states the version it read; a stale write is refused, never silently applied.
    version = models.PositiveIntegerField(_("版本"), default=1)
    created_by = models.ForeignKey(USER, verbose_name=_("创建人"), null=True, blank=True, on_delete=models.SET_NULL)
    created_at = CreatedAtField(_("创建时间"))
    updated_at = UpdatedAtField(_("更新时间"))

    class Meta:
        verbose_name = _("任务")
        verbose_name_plural = _("任务")
        ordering = ["due", "id"]
        indexes = [
            models.Index(fields=["owner_org", "state", "due"]),
            models.Index(fields=["activity", "state", "due"]),
            # Cover the cockpit's rates aggregate and the late-list count (measured in bench/supervision_bench.py).
            models.Index(fields=["activity", "owner_org", "state", "due", "done_at"], name="task_rates_cover"),
            models.Index(fields=["due", "state"], name="task_due_state"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["rule", "activity", "owner_org", "period"],
                condition=models.Q(rule__isnull=False),
                name="task_one_per_rule_period",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_closed(self) -> bool:
        return self.state in (self.State.DONE, self.State.CANCELLED)


class ProgressReport(models.Model):
    """开展情况: what a unit did for an activity or session, with evidence, accepted or returned by the department."""

    class State(models.TextChoices):
        SUBMITTED = "submitted", _("待审核")
        ACCEPTED = "accepted", _("已采用")
        RETURNED = "returned", _("已退回")

    activity = models.ForeignKey(
        "activities.Activity", verbose_name=_("活动"), on_delete=models.CASCADE, related_name="reports"
    )
    session = models.ForeignKey(
        "activities.Session",
        verbose_name=_("场次"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reports",
    )
    task = models.ForeignKey(
        Task, verbose_name=_("任务"), null=True, blank=True, on_delete=models.SET_NULL, related_name="reports"
    )
    org = models.ForeignKey(
        "orgs.Organisation", verbose_name=_("报送单位"), on_delete=models.PROTECT, related_name="reports"
    )
    author = models.ForeignKey(USER, verbose_name=_("报送人"), null=True, on_delete=models.SET_NULL, related_name="+")
    summary = models.TextField(_("开展情况"))
    held_on = models.DateField(_("开展日期"), null=True, blank=True)
    place = models.CharField(_("地点"), max_length=300, blank=True)
    participants = models.PositiveIntegerField(_("参加人数"), null=True, blank=True)
    media_links = models.TextField(_("媒体报道链接"), blank=True, help_text=_("每行一个链接"))
    state = models.CharField(_("状态"), max_length=20, choices=State.choices, default=State.SUBMITTED, db_index=True)
    review_comment = models.TextField(_("审核意见"), blank=True)
    reviewed_by = models.ForeignKey(
        USER, verbose_name=_("审核人"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    submitted_at = CreatedAtField(_("报送时间"), db_index=True)
    # The one-time token of the form it came from: a second post of the same form (a double click, a resend after
    # a timeout) finds this report instead of filing another.
    submission_token = models.CharField(_("提交凭据"), max_length=64, blank=True, editable=False)

    class Meta:
        verbose_name = _("开展情况报告")
        verbose_name_plural = _("开展情况报告")
        ordering = ["-submitted_at", "-id"]
        indexes = [models.Index(fields=["activity", "-submitted_at"]), models.Index(fields=["org", "-submitted_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["author", "submission_token"],
                condition=~models.Q(submission_token=""),
                name="report_submitted_once_per_form",
            )
        ]

    def __str__(self) -> str:
        return f"{self.org}：{self.activity}"

    @property
    def links(self) -> list[str]:
        return [line.strip() for line in self.media_links.splitlines() if line.strip()]


class Evidence(models.Model):
    report = models.ForeignKey(
        ProgressReport, verbose_name=_("报告"), on_delete=models.CASCADE, related_name="evidence"
    )
    file = models.FileField(_("文件"), upload_to="evidence/%Y/%m/")
    original_name = models.CharField(_("原文件名"), max_length=255)
    content_type = models.CharField(_("类型"), max_length=100)
    size = models.PositiveIntegerField(_("大小"))
    uploaded_at = CreatedAtField(_("上传时间"))

    class Meta:
        verbose_name = _("佐证材料")
        verbose_name_plural = _("佐证材料")

    def __str__(self) -> str:
        return self.original_name

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")


class Approval(models.Model):
    """请示 (ask before a major activity), 报备 (file it), 延期申请 (ask to move a deadline)."""

    class Kind(models.TextChoices):
        REQUEST = "request", _("请示")
        FILING = "filing", _("报备")
        EXTENSION = "extension", _("延期申请")

    class State(models.TextChoices):
        PENDING = "pending", _("待审批")
        APPROVED = "approved", _("已同意")
        DECLINED = "declined", _("未同意")
        ACKNOWLEDGED = "acknowledged", _("已知悉")
        WITHDRAWN = "withdrawn", _("已撤回")

    kind = models.CharField(_("类别"), max_length=20, choices=Kind.choices)
    activity = models.ForeignKey(
        "activities.Activity", verbose_name=_("活动"), on_delete=models.CASCADE, related_name="approvals"
    )
    task = models.ForeignKey(
        Task, verbose_name=_("任务"), null=True, blank=True, on_delete=models.CASCADE, related_name="approvals"
    )
    org = models.ForeignKey("orgs.Organisation", verbose_name=_("申请单位"), on_delete=models.PROTECT, related_name="+")
    requested_by = models.ForeignKey(
        USER, verbose_name=_("申请人"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    title = models.CharField(_("标题"), max_length=300)
    body = models.TextField(_("内容"), blank=True)
    attachment = models.FileField(_("附件"), upload_to="approvals/%Y/", blank=True)
    attachment_name = models.CharField(_("附件名"), max_length=255, blank=True)
    old_due = models.DateField(_("原截止日期"), null=True, blank=True)
    new_due = models.DateField(_("申请延至"), null=True, blank=True)
    state = models.CharField(_("状态"), max_length=20, choices=State.choices, default=State.PENDING, db_index=True)
    decided_by = models.ForeignKey(
        USER, verbose_name=_("审批人"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("审批时间"), null=True, blank=True)
    comment = models.TextField(_("审批意见"), blank=True)
    created_at = CreatedAtField(_("提交时间"))

    class Meta:
        verbose_name = _("请示报备")
        verbose_name_plural = _("请示报备")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}：{self.title}"


class Urge(models.Model):
    """催办: who urged whom, when and how; an escalation is an urge addressed to the lead leader."""

    task = models.ForeignKey(Task, verbose_name=_("任务"), on_delete=models.CASCADE, related_name="urges")
    by = models.ForeignKey(
        USER, verbose_name=_("催办人"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    by_name = models.CharField(_("催办人名称"), max_length=150)
    to_org = models.ForeignKey(
        "orgs.Organisation", verbose_name=_("被催办单位"), on_delete=models.PROTECT, related_name="+"
    )
    channels = models.JSONField(_("渠道"), default=list)
    note = models.CharField(_("附言"), max_length=500, blank=True)
    escalation = models.BooleanField(_("上报领导"), default=False)
    at = CreatedAtField(_("时间"))

    class Meta:
        verbose_name = _("催办记录")
        verbose_name_plural = _("催办记录")
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.by_name} → {self.to_org}"
