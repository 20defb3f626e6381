from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """The top floor: the reference plan's demo and `tongxin serve`, which may use every app below."""

    name = "tongxin.demo"
    label = "demo"
    verbose_name = _("演示数据")

    def ready(self) -> None:
        from tongxin.accounts import login_hints
        from tongxin.demo.plan import DEMO_ACCOUNTS

        login_hints.register(lambda: DEMO_ACCOUNTS)
