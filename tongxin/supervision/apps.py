from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupervisionConfig(AppConfig):
    name = "tongxin.supervision"
    verbose_name = _("督办")

    def ready(self) -> None:
        from tongxin.core import modules
        from tongxin.supervision.selectors import activities_with_lights
        from tongxin.supervision.services import rescheduling  # noqa: F401 - connects the receivers below

        # Every activity list (the overview, a unit's list) shows each activity's light from its tasks.
        modules.register_activity_annotation(activities_with_lights)
        # Deadlines follow an activity's dates: rescheduling.py listens to the activities' editing signals.
