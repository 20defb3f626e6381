"""Writes for supervision: each state transition has one service that validates, writes, audits and notifies."""

from tongxin.supervision.services.approvals import (  # noqa: F401
    approval_decide,
    approval_request,
    approval_withdraw,
)
from tongxin.supervision.services.errors import ConcurrentUpdate, SupervisionError  # noqa: F401
from tongxin.supervision.services.reports import report_accept, report_return, report_submit  # noqa: F401
from tongxin.supervision.services.rescheduling import (  # noqa: F401
    tasks_follow_structure,
    tasks_reschedule,
    tasks_to_move,
)
from tongxin.supervision.services.tasks import (  # noqa: F401
    rule_create,
    rules_generate_due,
    task_create,
    task_set_due,
    task_update,
    tasks_create_for,
    tasks_generate_for_plan,
)
from tongxin.supervision.services.urging import task_escalate, task_urge  # noqa: F401
