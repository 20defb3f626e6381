"""Writes for plans: import a document, correct its draft, publish it (creating or updating the plan)."""

from tongxin.plans.services.importing import (  # noqa: F401
    ImportRejected,
    plan_import_create,
    plan_import_discard,
    plan_import_save_draft,
)
from tongxin.plans.services.publishing import plan_import_publish, plan_set_status  # noqa: F401
