"""Writes for field work: each state transition has one service that validates, writes, audits and notifies."""

from tongxin.fieldwork.services.campaigns import (  # noqa: F401
    campaign_create,
    check_item_complete,
    inspection_record,
    phase_close,
    phase_open_items,
    problem_return,
    problem_set_measure,
    problem_sign_off,
    problem_submit,
    venue_create,
    venues_add,
)
from tongxin.fieldwork.services.households import (  # noqa: F401
    difficulty_add,
    difficulty_resolve,
    difficulty_set_measure,
    household_create,
    household_set_status,
    personal_data_exported,
)
from tongxin.fieldwork.services.imports import ImportRejected, pairings_import, venues_import  # noqa: F401
from tongxin.fieldwork.services.visits import (  # noqa: F401
    opinion_confirm,
    opinion_feedback,
    opinion_follow_up,
    opinion_return,
    pairing_create,
    visit_log,
)
