from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CallsConfig(AppConfig):
    name = "tongxin.calls"
    verbose_name = _("征集评审")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from tongxin.calls import rules  # noqa: F401 - registers the permissions
        from tongxin.calls.demo import demo_stage_running
        from tongxin.calls.hooks import bulletin_lines, ledger_sheets
        from tongxin.calls.panel import call_panel
        from tongxin.calls.selectors import call_lights
        from tongxin.core import modules

        modules.register(
            modules.ActivityModule(
                name="calls",
                label="征集评审",
                kinds=frozenset({"call:proposal", "call:essay", "call:video", "call:photo"}),
                order=30,
                activity_lights=call_lights,
                panel=call_panel,
                urls="tongxin.calls.urls",
                public_urls="tongxin.calls.urls_public",
                api_urls="tongxin.calls.urls_api",
                demo_stages={"running": demo_stage_running},
                ledger_sheets=ledger_sheets,
                bulletin_lines=bulletin_lines,
            )
        )
