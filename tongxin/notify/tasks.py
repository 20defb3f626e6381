"""Background jobs (django-tasks, run by `tongxin db_worker`): send pending deliveries."""

from __future__ import annotations

from django_tasks import task


@task()
def deliver_pending() -> dict:
    """Send every due delivery; enqueued after each notification commits, and run by `tongxin remind` as well."""
    from tongxin.notify.services import deliveries_send_due

    run = deliveries_send_due()
    return {"sent": run.sent, "retrying": run.retrying, "failed": run.failed}
