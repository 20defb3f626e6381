"""SQLite under concurrent use: a 500-item publish while another user keeps saving reports; no save fails.

pytest's own test database may be PostgreSQL or an in-memory SQLite that threads cannot share, so the scenario runs in
a subprocess on a file-based SQLite database of its own (tests/ingest/sqlite_publish_run.py).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

from tests.conftest import ROOT


def test_saves_never_fail_while_a_500_item_plan_is_published_and_republished_on_sqlite(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "TONGXIN_TODAY")}
    env.update(TONGXIN_DATA_DIR=str(tmp_path), PYTHONPATH=str(ROOT), TASKS_BACKEND="django_tasks_db.DatabaseBackend")
    out = subprocess.run(
        [sys.executable, "-m", "tests.ingest.sqlite_publish_run", "500"],
        capture_output=True, text=True, cwd=ROOT, env=env, timeout=300,
    )  # fmt: skip
    assert out.returncode == 0, out.stderr[-3000:]
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert (result["status"], result["error"]) == (["published", "published"], ["", ""])
    assert (result["version"], result["activities"]) == (2, 550)
    assert result["errors"] == []
    assert result["saves"] > 10
