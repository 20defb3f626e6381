from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FieldworkConfig(AppConfig):
    name = "tongxin.fieldwork"
    verbose_name = _("走访与整治")

    def ready(self) -> None:
        from tongxin.fieldwork import rules  # noqa: F401
        from tongxin.fieldwork.seam import register

        register()
