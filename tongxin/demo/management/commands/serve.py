"""`tongxin serve [--port N]`: prepare the database (and the demo on first start), then run the app and its worker."""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from tongxin.demo.plan import DEMO_ACCOUNTS, DEMO_PLAN_TITLE, DEMO_TODAY, demo_load
from tongxin.plans.models import Plan

log = logging.getLogger("tongxin.serve")


@dataclass
class Helper:
    """One supervised process: its command, the running process, and when it may be started again."""

    name: str
    cmd: list[str]
    proc: subprocess.Popen | None = None
    started_at: float = 0.0
    restart_at: float | None = None
    backoff: float = 0.0
    restarts: int = 0


class Supervisor:
    """Keeps the helper processes (task worker, reminder loop) running and says why one stopped.

    A helper that exits is started again after a pause; the pause doubles (up to `max_backoff`) while it keeps
    dying within `stable_after` seconds of starting, so a crash loop does not spin, and resets once it has run
    steadily. `spawn` and `clock` are parameters so the policy can be tested without processes or waiting.
    """

    def __init__(
        self,
        helpers: dict[str, list[str]],
        *,
        env: dict | None = None,
        spawn: Callable[..., subprocess.Popen] = subprocess.Popen,
        clock: Callable[[], float] = time.monotonic,
        base_backoff: float = 1.0,
        max_backoff: float = 60.0,
        stable_after: float = 30.0,
    ):
        self.helpers = [Helper(name=name, cmd=cmd) for name, cmd in helpers.items()]
        self.env, self.spawn, self.clock = env, spawn, clock
        self.base_backoff, self.max_backoff, self.stable_after = base_backoff, max_backoff, stable_after
        self._stopping = threading.Event()

    def start(self) -> None:
        for helper in self.helpers:
            self._start(helper)

    def _start(self, helper: Helper) -> None:
        helper.proc = self.spawn(helper.cmd, env=self.env)
        helper.started_at, helper.restart_at = self.clock(), None

    def poll(self) -> None:
        """One look at every helper: note the ones that stopped, start the ones whose pause is over."""
        if self._stopping.is_set():
            return
        now = self.clock()
        for helper in self.helpers:
            if helper.restart_at is not None:
                if now >= helper.restart_at:
                    helper.restarts += 1
                    log.warning("正在重启 %s（第 %d 次）", helper.name, helper.restarts)
                    self._start(helper)
                continue
            code = helper.proc.poll() if helper.proc else None
            if code is None:
                continue
            steady = now - helper.started_at >= self.stable_after
            if steady or not helper.backoff:
                helper.backoff = self.base_backoff
            else:
                helper.backoff = min(self.max_backoff, helper.backoff * 2)
            helper.restart_at = now + helper.backoff
            log.error("%s 已退出（%s），%g 秒后重启", helper.name, exit_reason(code), helper.backoff)

    def run(self, interval: float = 1.0) -> None:
        while not self._stopping.wait(interval):
            self.poll()

    def stop(self) -> None:
        self._stopping.set()
        for helper in self.helpers:
            if helper.proc and helper.proc.poll() is None:
                helper.proc.terminate()


def _interrupt(signum, frame) -> None:
    raise KeyboardInterrupt


def exit_reason(code: int) -> str:
    if code < 0:
        try:
            return f"被信号 {signal.Signals(-code).name} 终止"
        except ValueError:
            return f"被信号 {-code} 终止"
    return f"退出码 {code}"


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
        # Links made outside a request (QR codes, invitations, e-mails) point at the address actually served.
        env.setdefault("SITE_URL", f"http://{opts['host']}:{opts['port']}")
        if demo:
            env.setdefault("TONGXIN_DEMO", "1")
            # The demo replays 2019 to mid-August; pin "today" there so its lights and late list make sense.
            env.setdefault("TONGXIN_TODAY", DEMO_TODAY)
        helpers: dict[str, list[str]] = {}
        if not opts["no_worker"]:
            # The task worker runs queued jobs; the reminder loop sends due reminders and retries failed deliveries.
            helpers["后台任务进程（db_worker）"] = [sys.executable, "-m", "tongxin.cli", "db_worker"]
            helpers["提醒循环（remind --loop）"] = [sys.executable, "-m", "tongxin.cli", "remind", "--loop", "60"]
        supervisor = Supervisor(helpers, env=env)
        # A service manager stops us with SIGTERM: unwind as for Ctrl+C, so the helpers are stopped too.
        signal.signal(signal.SIGTERM, _interrupt)
        supervisor.start()
        watcher = threading.Thread(target=supervisor.run, name="supervisor", daemon=True)
        watcher.start()
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
            supervisor.stop()
