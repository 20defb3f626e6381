from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IngestConfig(AppConfig):
    """Reading a plan document into a draft, its review, and publishing it as a plan with activities. It sits above
    plans and activities because publishing writes both."""

    name = "tongxin.ingest"
    label = "ingest"
    verbose_name = _("方案导入")
