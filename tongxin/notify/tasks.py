"""Background jobs (django-tasks, run by `tongxin db_worker`): send pending deliveries, run the daily reminders."""

from __future__ import annotations

from django_tasks import task


@task()
def deliver_pending() -> dict:
    """Send every due delivery; enqueued after each notification commits, and run by `tongxin remind` as well."""
    from tongxin.notify.services import deliveries_send_due

    run = deliveries_send_due()
    return {"sent": run.sent, "retrying": run.retrying, "failed": run.failed}


@task()
def remind_all() -> dict:
    """The reminder job (due-soon and overdue reminders, escalation, then delivery) for today."""
    from tongxin.core.clock import today
    from tongxin.supervision.reminders import reminders_run

    run = reminders_run(today=today())
    return run.as_dict()
