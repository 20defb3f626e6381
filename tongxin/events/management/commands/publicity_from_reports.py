"""`tongxin publicity_from_reports`: move the media links of progress reports into the publicity log (idempotent)."""

from django.core.management.base import BaseCommand

from tongxin.events.services import publicity_from_reports


class Command(BaseCommand):
    help = "把开展情况报告中的媒体报道链接迁入宣传报道台账（可重复运行，不会重复登记）。"

    def handle(self, *args, **opts):
        added = publicity_from_reports(actor=None)
        self.stdout.write(self.style.SUCCESS(f"已迁入宣传报道 {added} 条。"))
