"""`tongxin serve [--port N]`: prepare the database (and the demo on first start), then run the app and its worker."""

from __future__ import annotations

import os
import subprocess
import sys
import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from tongxin.demo.plan import DEMO_ACCOUNTS, DEMO_PLAN_TITLE, DEMO_TODAY, demo_load
from tongxin.plans.models import Plan


class Command(BaseCommand):
    help = "启动同心：建库、首次启动时载入示例方案和演示账号，然后运行网站与后台任务。"

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--workers", type=int, default=2)
        parser.add_argument("--no-demo", action="store_true", help="空库时不载入示例方案")
        parser.add_argument("--no-worker", action="store_true", help="不启动后台任务进程")

    def handle(self, *args, **opts):
        call_command("migrate", interactive=False, verbosity=0)
        if not opts["no_demo"] and not Plan.objects.exists():
            self.stdout.write("首次启动：正在导入示例方案并演示到 2019 年 8 月中旬……")
            result = demo_load(stage="running")
            self.stdout.write(self.style.SUCCESS(f"已载入示例方案《{result['plan'].title}》"))
        # The demo database stays a demo on later starts: its "today" is pinned and its accounts are shown.
        demo = settings.TONGXIN_DEMO or Plan.objects.filter(title=DEMO_PLAN_TITLE).exists()
        if demo:
            self.stdout.write(f"演示账号（密码均为 {DEMO_ACCOUNTS[0]['password']}）：")
            for a in DEMO_ACCOUNTS:
                self.stdout.write(f"  {a['username']:<10} {a['description']}")
        self._run(opts, demo)

    def _run(self, opts, demo: bool) -> None:
        env = dict(os.environ)
        # Web workers, the task worker and the reminder loop count a pinned clock from the same instant.
        env.setdefault("TONGXIN_CLOCK_ANCHOR", str(time.time()))
        if demo:
            env.setdefault("TONGXIN_DEMO", "1")
            # The demo replays 2019 to mid-August; pin "today" there so its lights and late list make sense.
            env.setdefault("TONGXIN_TODAY", DEMO_TODAY)
        helpers: list[subprocess.Popen] = []
        if not opts["no_worker"]:
            # The task worker runs queued jobs; the reminder loop sends due reminders and retries failed deliveries.
            helpers.append(subprocess.Popen([sys.executable, "-m", "tongxin.cli", "db_worker"], env=env))
            helpers.append(subprocess.Popen([sys.executable, "-m", "tongxin.cli", "remind", "--loop", "60"], env=env))
        url = f"http://{opts['host']}:{opts['port']}/"
        self.stdout.write(self.style.SUCCESS(f"同心已启动：{url}  （Ctrl+C 停止）"))
        sys.stdout.flush()
        cmd = [
            sys.executable, "-m", "gunicorn", "tongxin.wsgi:application",
            "--bind", f"{opts['host']}:{opts['port']}", "--workers", str(opts["workers"]),
            # The full ledger of a large programme takes a while to build.
            "--timeout", "120", "--access-logfile", "-", "--log-level", "warning",
        ]  # fmt: skip
        try:
            subprocess.call(cmd, env=env)
        except KeyboardInterrupt:
            pass
        finally:
            for proc in helpers:
                proc.terminate()
