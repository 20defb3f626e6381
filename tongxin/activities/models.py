"""Activities of a plan, with their time windows, sessions, phases and who leads, owns and helps."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from tongxin.core.fields import CreatedAtField, UpdatedAtField
from tongxin.core.kinds import COMPONENT_LABELS


class Activity(models.Model):
    class Origin(models.TextChoices):
        PLAN = "plan", _("方案规定动作")
        OWN = "own", _("单位自选动作")

    class State(models.TextChoices):
        PLANNED = "planned", _("未开始")
        UNDERWAY = "underway", _("进行中")
        DONE = "done", _("已完成")
        CANCELLED = "cancelled", _("已取消")

    plan = models.ForeignKey("plans.Plan", verbose_name=_("方案"), on_delete=models.CASCADE, related_name="activities")
    number = models.CharField(_("序号"), max_length=20, blank=True)
    order = models.PositiveIntegerField(_("顺序"), default=0)
    title = models.CharField(_("名称"), max_length=500)
    kinds = models.JSONField(_("类型"), default=list, blank=True)
    paragraph = models.TextField(_("方案原文段落"), blank=True)
    span_start = models.PositiveIntegerField(_("原文起始位置"), null=True, blank=True)
    span_end = models.PositiveIntegerField(_("原文结束位置"), null=True, blank=True)
    places = models.JSONField(_("地点"), default=list, blank=True)
    place_pending = models.BooleanField(_("地点待定"), default=False)
    participants = models.JSONField(_("参加对象"), default=list, blank=True)
    recurrence_text = models.CharField(_("周期"), max_length=200, blank=True)
    recurrence_months = models.PositiveSmallIntegerField(_("每几个月一次"), null=True, blank=True)
    origin = models.CharField(_("来源"), max_length=10, choices=Origin.choices, default=Origin.PLAN)
    owner_org = models.ForeignKey(
        "orgs.Organisation",
        verbose_name=_("自选动作单位"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="own_activities",
    )
    state = models.CharField(_("状态"), max_length=20, choices=State.choices, default=State.PLANNED)
    # Denormalised from the windows so lists can sort and filter by month without a join.
    starts_on = models.DateField(_("开始日期"), null=True, blank=True, db_index=True)
    ends_on = models.DateField(_("结束日期"), null=True, blank=True, db_index=True)
    # Optimistic locking, as tasks have: an edit states the version it read and a stale edit is refused.
    version = models.PositiveIntegerField(_("版本"), default=1)
    created_at = CreatedAtField(_("创建时间"))
    updated_at = UpdatedAtField(_("更新时间"))

    class Meta:
        verbose_name = _("活动")
        verbose_name_plural = _("活动")
        ordering = ["plan", "order", "id"]

    def __str__(self) -> str:
        return self.title

    @property
    def kind_labels(self) -> list[str]:
        return [str(COMPONENT_LABELS.get(k, k)) for k in self.kinds]


class Session(models.Model):
    """One occurrence of an activity: a reading-club session, a training class, a sub-event."""

    class State(models.TextChoices):
        PLANNED = "planned", _("未举办")
        HELD = "held", _("已举办")
        CANCELLED = "cancelled", _("已取消")

    activity = models.ForeignKey(Activity, verbose_name=_("活动"), on_delete=models.CASCADE, related_name="sessions")
    order = models.PositiveIntegerField(_("顺序"), default=0)
    title = models.CharField(_("主题"), max_length=500)
    start = models.DateField(_("开始日期"), null=True, blank=True)
    end = models.DateField(_("结束日期"), null=True, blank=True)
    start_time = models.TimeField(_("开始时间"), null=True, blank=True)
    end_time = models.TimeField(_("结束时间"), null=True, blank=True)
    place = models.CharField(_("地点"), max_length=300, blank=True)
    speakers = models.TextField(_("主讲人"), blank=True)
    participants = models.TextField(_("参加人员"), blank=True)
    guests = models.TextField(_("特邀嘉宾"), blank=True)
    state = models.CharField(_("状态"), max_length=20, choices=State.choices, default=State.PLANNED)
    cancel_reason = models.CharField(_("取消原因"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("场次")
        verbose_name_plural = _("场次")
        ordering = ["activity", "order", "id"]

    def __str__(self) -> str:
        return self.title


class Phase(models.Model):
    activity = models.ForeignKey(Activity, verbose_name=_("活动"), on_delete=models.CASCADE, related_name="phases")
    order = models.PositiveIntegerField(_("顺序"), default=0)
    name = models.CharField(_("阶段"), max_length=200)
    start = models.DateField(_("开始日期"), null=True, blank=True)
    end = models.DateField(_("结束日期"), null=True, blank=True)

    class Meta:
        verbose_name = _("阶段")
        verbose_name_plural = _("阶段")
        ordering = ["activity", "order", "id"]

    def __str__(self) -> str:
        return self.name


class TimeWindow(models.Model):
    activity = models.ForeignKey(Activity, verbose_name=_("活动"), on_delete=models.CASCADE, related_name="windows")
    order = models.PositiveIntegerField(_("顺序"), default=0)
    start = models.DateField(_("开始日期"), null=True, blank=True)
    end = models.DateField(_("结束日期"), null=True, blank=True)
    text = models.CharField(_("原文表述"), max_length=200, blank=True)
    tentative = models.BooleanField(_("拟定"), default=False)
    approximate = models.BooleanField(_("大约"), default=False)
    span_start = models.PositiveIntegerField(_("原文起始位置"), null=True, blank=True)
    span_end = models.PositiveIntegerField(_("原文结束位置"), null=True, blank=True)

    class Meta:
        verbose_name = _("时间安排")
        verbose_name_plural = _("时间安排")
        ordering = ["activity", "order", "id"]

    def __str__(self) -> str:
        return self.text or f"{self.start}–{self.end}"

    @property
    def is_deadline(self) -> bool:
        return self.start is None and self.end is not None


class Assignment(models.Model):
    """A role on an activity (or one of its sessions): the lead leader, the responsible unit, a cooperating unit."""

    class Role(models.TextChoices):
        LEAD = "lead", _("牵头领导")
        RESPONSIBLE = "responsible", _("责任单位")
        COOPERATING = "cooperating", _("配合单位")

    activity = models.ForeignKey(Activity, verbose_name=_("活动"), on_delete=models.CASCADE, related_name="assignments")
    session = models.ForeignKey(
        Session, verbose_name=_("场次"), null=True, blank=True, on_delete=models.CASCADE, related_name="assignments"
    )
    role = models.CharField(_("角色"), max_length=20, choices=Role.choices)
    organisation = models.ForeignKey(
        "orgs.Organisation",
        verbose_name=_("单位"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="assignments",
    )
    person = models.ForeignKey(
        "orgs.Person",
        verbose_name=_("人员"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="assignments",
    )
    name_as_written = models.CharField(_("原文写法"), max_length=200, blank=True)
    order = models.PositiveIntegerField(_("顺序"), default=0)
    span_start = models.PositiveIntegerField(_("原文起始位置"), null=True, blank=True)
    span_end = models.PositiveIntegerField(_("原文结束位置"), null=True, blank=True)

    class Meta:
        verbose_name = _("职责分工")
        verbose_name_plural = _("职责分工")
        ordering = ["activity", "role", "order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(organisation__isnull=False) | models.Q(person__isnull=False),
                name="assignment_has_holder",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()}：{self.holder_name}"

    @property
    def holder_name(self) -> str:
        return str(self.person or self.organisation)
