from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FilesConfig(AppConfig):
    name = "tongxin.files"
    label = "files"
    verbose_name = _("附件")
