"""`tongxin remind [--dry-run] [--loop SECONDS]`: the reminder job, once or as the background loop."""

from __future__ import annotations

import logging
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import close_old_connections
from django.utils import timezone

from tongxin.core.clock import today
from tongxin.notify.services import deliveries_send_due
from tongxin.ops.services import ops_tick
from tongxin.supervision.reminders import reminders_run

log = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "督办提醒：生成到期的定期报送任务，提醒即将到期和已逾期的任务，逾期过久的上报牵头领导，然后发送待发消息。"

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="只列出将要提醒和发送的内容，不写入、不发送")
        parser.add_argument(
            "--loop",
            type=int,
            metavar="SECONDS",
            help="每隔 SECONDS 秒重复运行（后台进程用）：待发消息随时发送，提醒每天一次，不早于 TONGXIN_REMIND_HOUR 点",
        )

    def handle(self, *args, **opts):
        if opts["loop"] is not None:
            if opts["dry_run"]:
                raise CommandError("--dry-run 不能与 --loop 同时使用。")
            if opts["loop"] < 1:
                raise CommandError("--loop 的间隔至少为 1 秒。")
            return self._loop(opts["loop"], opts["verbosity"])
        run = reminders_run(today=today(), dry_run=opts["dry_run"])
        if opts["dry_run"] or opts["verbosity"] >= 2:
            for line in run.lines():
                self.stdout.write(line)
        self.stdout.write(run.summary())

    def _loop(self, seconds: int, verbosity: int) -> None:
        """Deliveries (and their retries with back-off) every round; reminders once the working day has begun,
        which the per-task "reminded today" mark keeps to once a day."""
        self.stdout.write(f"督办提醒后台运行中，每 {seconds} 秒检查一次。")
        while True:
            close_old_connections()
            try:
                self._round(verbosity)
            except Exception:  # noqa: BLE001 - a database hiccup must not stop the loop; the next round retries
                log.exception("reminder round failed")
                self.stderr.write("本轮督办提醒出错，稍后重试（详见日志）。")
            close_old_connections()
            time.sleep(seconds)

    def _round(self, verbosity: int) -> None:
        ops_tick()  # heartbeats for /healthz, and the daily cleanup
        if timezone.localtime().hour >= getattr(settings, "TONGXIN_REMIND_HOUR", 8):
            run = reminders_run(today=today())
            if verbosity >= 2 or run.units or run.escalated or run.generated or run.sent or run.failed:
                self.stdout.write(f"{timezone.localtime():%Y-%m-%d %H:%M} {run.summary()}")
        else:
            delivered = deliveries_send_due()
            if delivered.sent or delivered.failed:
                self.stdout.write(f"{timezone.localtime():%Y-%m-%d %H:%M} 发送 {delivered.sent} 条")
        self.stdout.flush()
