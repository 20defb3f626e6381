"""Writes for activities: each change of state is one service that validates, writes, audits and tells people."""

from tongxin.activities.services.common import ActivityError, ConcurrentEdit  # noqa: F401
from tongxin.activities.services.editing import (  # noqa: F401
    WindowInput,
    activity_schedule_change,
    activity_update,
    phase_update,
)
from tongxin.activities.services.hooks import ScheduleChange, consequences_of  # noqa: F401
from tongxin.activities.services.lifecycle import activity_add_own, activity_set_state  # noqa: F401
from tongxin.activities.services.sessions import (  # noqa: F401
    session_add,
    session_cancel,
    session_schedule_change,
    session_update,
)
