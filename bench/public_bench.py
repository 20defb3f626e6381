"""What a database-backed rate limit costs per request, on SQLite and on PostgreSQL.

    .venv/bin/python bench/public_bench.py                       # SQLite in a scratch folder
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/tongxin_bench .venv/bin/python bench/public_bench.py

The PostgreSQL database's name must contain "bench" (the script migrates it and empties the counters table).
Measured: one counter hit again and again (the upsert's UPDATE path), a new client each call (the INSERT path),
a look without counting, and the same upsert from several threads at once (each its own connection).
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tongxin.settings")
if not os.environ.get("DATABASE_URL"):
    os.environ.setdefault("TONGXIN_DATA_DIR", tempfile.mkdtemp(prefix="tongxin-public-bench-"))

CALLS = int(os.environ.get("BENCH_CALLS", "2000"))
THREADS = 4


def _timed(fn, calls: int) -> list[float]:
    samples = []
    for i in range(calls):
        start = time.perf_counter()
        fn(i)
        samples.append((time.perf_counter() - start) * 1e6)
    return samples


def _report(label: str, samples: list[float]) -> None:
    samples = sorted(samples)
    p95 = samples[int(len(samples) * 0.95) - 1]
    print(f"  {label:<34} mean {statistics.fmean(samples):7.0f} µs   median {statistics.median(samples):7.0f} µs"
          f"   p95 {p95:7.0f} µs   ({len(samples)} calls)")


def main() -> int:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, connections
    from django.test import RequestFactory

    from tongxin.public.models import RateCounter
    from tongxin.public.ratelimit import rate_limit_count

    if connection.vendor == "postgresql" and "bench" not in connection.settings_dict["NAME"]:
        print("refusing: the PostgreSQL database's name must contain 'bench'")
        return 2
    call_command("migrate", "public", verbosity=0)
    RateCounter.objects.all().delete()
    factory = RequestFactory()
    same = factory.get("/p/", REMOTE_ADDR="203.0.113.7")
    clients = [factory.get("/p/", REMOTE_ADDR=f"10.{i // 65536 % 256}.{i // 256 % 256}.{i % 256}") for i in range(CALLS)]

    print(f"rate limit on {connection.vendor} ({connection.settings_dict['NAME']})")
    _report("same client (UPDATE path)", _timed(lambda i: rate_limit_count(same, scope="bench", rate="1000000/d"), CALLS))
    _report("new client each call (INSERT path)",
            _timed(lambda i: rate_limit_count(clients[i], scope="bench-new", rate="10/d"), CALLS))
    _report("look only (increment=False)",
            _timed(lambda i: rate_limit_count(same, scope="bench", rate="1000000/d", increment=False), CALLS))

    per_thread = CALLS // THREADS
    timings: list[float] = []
    lock = threading.Lock()

    def work():
        mine = _timed(lambda i: rate_limit_count(same, scope="bench-race", rate="1000000/d"), per_thread)
        with lock:
            timings.extend(mine)
        connections.close_all()

    start = time.perf_counter()
    workers = [threading.Thread(target=work) for _ in range(THREADS)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    elapsed = time.perf_counter() - start
    _report(f"{THREADS} threads, one counter", timings)
    final = RateCounter.objects.get(scope="bench-race").count
    print(f"  {THREADS} threads: {THREADS * per_thread / elapsed:,.0f} increments/s; counter {final} of "
          f"{THREADS * per_thread} expected")
    RateCounter.objects.all().delete()
    return 0 if final == THREADS * per_thread else 1


if __name__ == "__main__":
    sys.exit(main())
