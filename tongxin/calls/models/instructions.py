"""直通车 and 批示: the best proposals sent to named leaders, and what a leader wrote on them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tongxin.core.fields import CreatedAtField


class DirectReport(models.Model):
    """One 专报 (直通车) carrying selected proposals to named leaders."""

    call = models.ForeignKey("calls.Call", verbose_name=_("征集"), on_delete=models.CASCADE, related_name="reports")
    number = models.PositiveIntegerField(_("期号"))
    title = models.CharField(_("标题"), max_length=300)
    submissions = models.ManyToManyField("calls.Submission", verbose_name=_("所报建议"), related_name="direct_reports")
    leaders = models.ManyToManyField("orgs.Person", verbose_name=_("报送领导"), related_name="call_direct_reports")
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("报送人"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = CreatedAtField(_("报送时间"))

    class Meta:
        verbose_name = _("直通车专报")
        verbose_name_plural = _("直通车专报")
        ordering = ["call", "number"]
        constraints = [models.UniqueConstraint(fields=["call", "number"], name="calls_report_number")]

    def __str__(self) -> str:
        return f"{self.title}（第{self.number}期）"


class Instruction(models.Model):
    """A leader's 批示 on a proposal, recorded by the leader or by staff on their behalf; it becomes tasks."""

    submission = models.ForeignKey(
        "calls.Submission", verbose_name=_("建议"), on_delete=models.CASCADE, related_name="instructions"
    )
    leader = models.ForeignKey("orgs.Person", verbose_name=_("批示领导"), on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("批示内容"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("录入人"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    on_behalf = models.BooleanField(_("代录"), default=False)
    tasks = models.ManyToManyField("supervision.Task", verbose_name=_("交办事项"), related_name="call_instructions")
    result = models.TextField(_("办理结果"), blank=True)
    result_at = models.DateTimeField(_("反馈时间"), null=True, blank=True)
    created_at = CreatedAtField(_("批示时间"))

    class Meta:
        verbose_name = _("领导批示")
        verbose_name_plural = _("领导批示")
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.leader}批示"
