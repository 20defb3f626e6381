"""`tongxin cleanup [--days N]`: delete old sent deliveries, expired sessions and old finished background jobs."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from tongxin.ops.services import cleanup_run


class Command(BaseCommand):
    help = "定时清理：删除超过 N 天的已发送消息记录（失败和待发的保留）、过期的登录会话和旧的后台任务记录。督办提醒循环每天自动运行一次。"

    def add_arguments(self, parser):
        parser.add_argument(
            "--days", type=int, default=None, help="保留已发送消息记录的天数（默认 TONGXIN_DELIVERY_KEEP_DAYS）"
        )

    def handle(self, *args, **opts):
        if opts["days"] is not None and opts["days"] < 1:
            raise CommandError("--days 至少为 1。")
        self.stdout.write(cleanup_run(delivery_days=opts["days"]).summary())
