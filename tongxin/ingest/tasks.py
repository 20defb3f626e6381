"""Background jobs for imports (django-tasks, run by `tongxin db_worker`): read and parse an upload, publish a draft."""

from __future__ import annotations

from django_tasks import task


@task()
def import_parse(import_id: int) -> dict:
    """Read and parse one uploaded file; the import's status says how far it got (the progress page polls it)."""
    from tongxin.ingest.services import plan_import_parse
    from tongxin.plans.models import PlanImport

    record = PlanImport.objects.filter(pk=import_id).first()
    if record is None:
        return {"status": "missing"}
    record = plan_import_parse(plan_import=record)
    return {"status": record.status, "activities": len(record.draft.get("activities") or [])}


@task()
def import_publish(import_id: int, merges: dict, user_id: int | None = None) -> dict:
    """Publish a reviewed draft; a failure puts it back to review with the reason."""
    from tongxin.ingest.services import plan_import_publish_run
    from tongxin.plans.models import PlanImport

    record = PlanImport.objects.filter(pk=import_id).first()
    if record is None:
        return {"status": "missing"}
    record = plan_import_publish_run(plan_import=record, merges=merges, user_id=user_id)
    return {"status": record.status, "plan": record.plan_id}
