from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "tongxin.reports"
    verbose_name = _("台账与简报")
