"""`tongxin serve` supervises its helpers: a worker or reminder loop that dies is restarted, with the reason logged."""

from __future__ import annotations

import logging
import subprocess
import sys
import time

from tongxin.demo.management.commands.serve import Supervisor, exit_reason


class FakeProcess:
    def __init__(self, cmd, env=None):
        self.cmd, self.returncode, self.terminated = cmd, None, False

    def poll(self):
        return self.returncode

    def terminate(self):
        self.terminated, self.returncode = True, -15


class Clock:
    def __init__(self):
        self.now = 100.0

    def __call__(self):
        return self.now


def supervisor(clock: Clock, spawned: list) -> Supervisor:
    def spawn(cmd, env=None):
        proc = FakeProcess(cmd, env)
        spawned.append(proc)
        return proc

    return Supervisor({"worker": ["db_worker"], "remind": ["remind"]}, spawn=spawn, clock=clock, stable_after=30)


def test_a_helper_that_dies_is_restarted_after_a_pause_and_the_reason_is_logged(caplog):
    clock, spawned = Clock(), []
    sup = supervisor(clock, spawned)
    sup.start()
    assert [p.cmd for p in spawned] == [["db_worker"], ["remind"]]
    clock.now += 5
    spawned[0].returncode = 1  # e.g. "database is locked" escaped the worker
    with caplog.at_level(logging.WARNING, logger="tongxin.serve"):
        sup.poll()
        assert len(spawned) == 2  # not at once
        clock.now += 1
        sup.poll()
    assert [p.cmd for p in spawned] == [["db_worker"], ["remind"], ["db_worker"]]
    assert [r.getMessage() for r in caplog.records] == [
        "worker 已退出（退出码 1），1 秒后重启",
        "正在重启 worker（第 1 次）",
    ]
    assert sup.helpers[1].proc is spawned[1]  # the other helper was left alone


def test_a_crash_loop_backs_off_and_a_steady_run_resets_the_pause():
    clock, spawned = Clock(), []
    sup = supervisor(clock, spawned)
    sup.start()
    pauses = []
    for _ in range(8):
        sup.helpers[0].proc.returncode = 1  # dies at once, every time
        sup.poll()
        pauses.append(sup.helpers[0].backoff)
        clock.now += sup.helpers[0].backoff
        sup.poll()
    assert pauses == [1, 2, 4, 8, 16, 32, 60, 60]
    clock.now += 120  # then it runs steadily for two minutes
    sup.helpers[0].proc.returncode = -9
    sup.poll()
    assert sup.helpers[0].backoff == 1
    assert sup.helpers[0].restarts == 8


def test_stopping_terminates_the_helpers_and_restarts_nothing():
    clock, spawned = Clock(), []
    sup = supervisor(clock, spawned)
    sup.start()
    sup.stop()
    clock.now += 100
    sup.poll()
    assert [p.terminated for p in spawned] == [True, True] and len(spawned) == 2


def test_exit_reasons_are_said_in_chinese():
    assert (exit_reason(3), exit_reason(-9), exit_reason(-15)) == (
        "退出码 3",
        "被信号 SIGKILL 终止",
        "被信号 SIGTERM 终止",
    )


def test_a_real_process_that_exits_is_started_again(caplog):
    sup = Supervisor({"job": [sys.executable, "-c", "raise SystemExit(3)"]}, base_backoff=0.05, stable_after=30)
    sup.start()
    first = sup.helpers[0].proc
    first.wait(timeout=10)
    with caplog.at_level(logging.WARNING, logger="tongxin.serve"):
        sup.poll()
        time.sleep(0.15)
        sup.poll()
    assert sup.helpers[0].proc is not first and sup.helpers[0].restarts == 1
    assert "job 已退出（退出码 3）" in caplog.text
    sup.stop()
    sup.helpers[0].proc.wait(timeout=10)
    assert isinstance(sup.helpers[0].proc, subprocess.Popen)
