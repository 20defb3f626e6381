"""Reading the audit log."""

from __future__ import annotations

from django.db.models import Model, QuerySet

from tongxin.audit.models import AuditEntry


def history_for(target: Model, *, limit: int = 200) -> QuerySet[AuditEntry]:
    return AuditEntry.objects.filter(target_type=target._meta.label_lower, target_id=str(target.pk)).select_related(
        "actor"
    )[:limit]


def history_for_plan(plan_id: int, *, limit: int = 500) -> QuerySet[AuditEntry]:
    return AuditEntry.objects.filter(plan_id=plan_id).select_related("actor")[:limit]
