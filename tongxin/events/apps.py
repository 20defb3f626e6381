from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "tongxin.events"
    label = "events"
    verbose_name = _("活动场次与宣传")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from tongxin.core import modules
        from tongxin.events import demo, seam

        modules.register(
            modules.ActivityModule(
                name="events",
                label="场次签到与宣传报道",
                order=50,
                panel=seam.panel,
                ledger_sheets=seam.ledger_sheets,
                bulletin_lines=seam.bulletin_lines,
                summary_sections=seam.summary_sections,
                urls="tongxin.events.urls",
                public_urls="tongxin.events.urls_public",
                api_urls="tongxin.events.api_sessions",
                demo_stages={"running": demo.demo_running, "closing": demo.demo_closing},
            )
        )
        # The publicity log's API lives at /api/publicity/ (the seam mounts a module's API under its name).
        modules.register(modules.ActivityModule(name="publicity", label="宣传报道", api_urls="tongxin.events.api"))
