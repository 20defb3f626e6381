"""Run every benchmark: the parser, then supervision pages and the ledger on a scratch SQLite database.

    .venv/bin/python bench/run_all.py          # `make bench`
For PostgreSQL run bench/supervision_bench.py with DATABASE_URL pointing at a database whose name contains "bench".
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

BENCH = Path(__file__).resolve().parent


def main() -> int:
    status = subprocess.call([sys.executable, str(BENCH / "parse_bench.py")])
    env = dict(os.environ)
    if not env.get("DATABASE_URL"):
        env["TONGXIN_DATA_DIR"] = env.get("TONGXIN_BENCH_DIR") or tempfile.mkdtemp(prefix="tongxin-bench-")
    status |= subprocess.call([sys.executable, str(BENCH / "supervision_bench.py")], env=env)
    # Upload → published for a 1,000-activity plan, always on a fresh scratch SQLite database of its own.
    scratch = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"} | {"TONGXIN_DATA_DIR": tempfile.mkdtemp()}
    status |= subprocess.call([sys.executable, str(BENCH / "import_bench.py")], env=scratch)
    return status


if __name__ == "__main__":
    sys.exit(main())
