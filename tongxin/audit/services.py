"""Writing audit entries; every state-changing service calls `audit_record` inside its transaction."""

from __future__ import annotations

from typing import Any

from django.db.models import Model

from tongxin.audit.models import AuditEntry


def audit_record(
    *,
    actor: Any,
    action: str,
    target: Model,
    summary: str,
    changes: dict | None = None,
    plan_id: int | None = None,
) -> AuditEntry:
    """`actor` is a user, or a string naming a system actor (the reminder job, the importer)."""
    is_user = actor is not None and getattr(actor, "is_authenticated", False)
    if is_user:
        actor_name = actor.label
    elif isinstance(actor, str) and actor:
        actor_name = actor
    else:
        actor_name = "系统"
    return AuditEntry.objects.create(
        actor=actor if is_user else None,
        actor_name=actor_name,
        action=action,
        summary=summary[:500],
        target_type=target._meta.label_lower,
        target_id=str(target.pk),
        target_repr=str(target)[:300],
        plan_id=plan_id,
        changes=_jsonable(changes or {}),
    )


def _jsonable(value: Any) -> Any:
    """Dates and models in `changes` become strings, so any service can pass what it has."""
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)
