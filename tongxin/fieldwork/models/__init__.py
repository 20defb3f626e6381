"""Field work's tables: pairings and visits, household files, the rectification campaign."""

from tongxin.fieldwork.models.campaigns import (  # noqa: F401
    Campaign,
    CampaignPhase,
    CheckItem,
    Inspection,
    Problem,
    Venue,
)
from tongxin.fieldwork.models.households import Difficulty, Household  # noqa: F401
from tongxin.fieldwork.models.visits import Opinion, Pairing, Visit  # noqa: F401
