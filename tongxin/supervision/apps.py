from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupervisionConfig(AppConfig):
    name = "tongxin.supervision"
    verbose_name = _("督办")

    def ready(self) -> None:
        # Connects the receivers that move deadlines when an activity's dates move (activities' signals).
        from tongxin.supervision.services import rescheduling  # noqa: F401
