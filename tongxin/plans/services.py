"""Writes for plans themselves (their drafts and publishing live in tongxin.ingest)."""

from __future__ import annotations

from django.db import transaction

from tongxin.audit.services import audit_record
from tongxin.core import clock
from tongxin.plans.models import Plan


class PlanError(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def plan_set_status(*, user, plan: Plan, status: str) -> Plan:
    if status not in Plan.Status.values:
        raise PlanError("未知的方案状态。")
    with transaction.atomic():
        before = plan.status
        plan.status = status
        if status == Plan.Status.PUBLISHED and not plan.published_at:
            plan.published_at = clock.now()
        plan.save(update_fields=["status", "published_at", "updated_at"])
        audit_record(
            actor=user,
            action="plan.status",
            target=plan,
            summary=f"方案状态：{Plan.Status(before).label} → {Plan.Status(status).label}",
            changes={"status": [before, status]},
            plan_id=plan.pk,
        )
    return plan
