"""Writes of the import flow: read a document, correct its draft, publish it (creating or updating the plan)."""

from tongxin.ingest.services.drafts import (  # noqa: F401
    plan_import_info_save,
    plan_import_item_exclude,
    plan_import_item_save,
)
from tongxin.ingest.services.importing import (  # noqa: F401
    ImportRejected,
    plan_import_create,
    plan_import_discard,
    plan_import_parse,
    plan_import_upload,
)
from tongxin.ingest.services.publishing import (  # noqa: F401
    plan_import_publish,
    plan_import_publish_run,
    plan_import_publish_start,
)
