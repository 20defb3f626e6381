from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicConfig(AppConfig):
    name = "tongxin.public"
    label = "public"
    verbose_name = _("公众页面")

    def ready(self) -> None:
        from tongxin.public.registry import register_public_page

        register_public_page(_("个人信息保护告知"), "public:privacy", description=_("我们收集哪些信息、为什么、保存多久"),
                             order=1000)
