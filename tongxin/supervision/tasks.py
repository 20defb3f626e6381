"""Background jobs of supervision (django-tasks, run by `tongxin db_worker`)."""

from __future__ import annotations

from django_tasks import task

from tongxin.core.clock import today
from tongxin.supervision.reminders import reminders_run


@task()
def remind_all() -> dict:
    """The reminder job (due-soon and overdue reminders, escalation, then delivery) for today."""
    run = reminders_run(today=today())
    return run.as_dict()
