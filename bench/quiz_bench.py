"""The quiz under load, against the real server (gunicorn), on SQLite and on PostgreSQL.

    .venv/bin/python bench/quiz_bench.py                                    # SQLite in a scratch folder
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/quiz_bench .venv/bin/python bench/quiz_bench.py

The PostgreSQL database's name must contain "bench" (it is migrated and its quiz tables emptied). Simulated
participants (BENCH_PEOPLE, default 48; BENCH_CLIENTS threads at once, default 8) each open their attempt page (which
resumes the attempt the script started for them), answer 80 questions one request each, and submit. Reported: the
answer endpoint's throughput as a ratio of the same server's bare endpoint (/p/quiz/ping, same middleware, no
database) at the same concurrency, and p95 of the answer endpoint. On PostgreSQL it then writes 300,000 scored
participants over a three-level tree of ~400 organisations and times the results job (ranking inputs, participation
and averages rolled up). Target: ratio ≥ 60 %, results < 60 s.
"""

from __future__ import annotations

import http.client
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tongxin.settings")
if not os.environ.get("DATABASE_URL"):
    os.environ.setdefault("TONGXIN_DATA_DIR", tempfile.mkdtemp(prefix="tongxin-quiz-bench-"))
os.environ.setdefault("SECRET_KEY", "quiz-bench-" + "x" * 40)

PEOPLE = int(os.environ.get("BENCH_PEOPLE", "48"))
CLIENTS = int(os.environ.get("BENCH_CLIENTS", "8"))
WORKERS = int(os.environ.get("BENCH_WORKERS", "2"))
BIG = int(os.environ.get("BENCH_BIG", "300000"))
PORT = int(os.environ.get("BENCH_PORT", "8741"))


def _setup():
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    if connection.vendor == "postgresql" and "bench" not in connection.settings_dict["NAME"]:
        sys.exit("refusing: the PostgreSQL database's name must contain 'bench'")
    call_command("migrate", verbosity=0)
    from tongxin.quiz.models import Bank, Contest

    Contest.objects.all().delete()
    Bank.objects.all().delete()


def _contest():
    import datetime as dt

    from tongxin.core import clock
    from tongxin.orgs.models import Organisation
    from tongxin.quiz.bankio import Parsed
    from tongxin.quiz.demo_bank import demo_questions
    from tongxin.quiz.models import Bank, Contest, Phase
    from tongxin.quiz.services import bank_import_commit

    root, _ = Organisation.objects.get_or_create(name="压测根组织")
    leaf, _ = Organisation.objects.get_or_create(name="压测支社", defaults={"parent": root, "member_count": PEOPLE})
    bank = Bank.objects.create(title="压测题库")
    bank_import_commit(actor="压测", bank=bank, parsed=Parsed(rows=[{"line": i, **q} for i, q in
                                                                    enumerate(demo_questions())]))
    contest = Contest.objects.create(title="压测竞答", bank=bank, root_org=root, time_limit=3600, paper_rules=[
        {"type": "single", "count": 60}, {"type": "multiple", "count": 10}, {"type": "judge", "count": 10}])
    phase = Phase.objects.create(contest=contest, kind="formal", opens_at=clock.now() - dt.timedelta(hours=1),
                                 closes_at=clock.now() + dt.timedelta(hours=5), max_attempts=5)
    return contest, phase, leaf


def _start_attempts(contest, phase, leaf) -> list[str]:
    from tongxin.quiz import services
    from tongxin.quiz.views_public import attempt_url

    urls = []
    for i in range(PEOPLE):
        person = services.participant_register(contest=contest, name=f"压测{i}", phone=f"139{i:08d}", organisation=leaf)
        urls.append(attempt_url(services.attempt_start(participant=person, phase=phase)))
    return urls


class Session:
    def __init__(self):
        self.conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
        self.cookies: dict[str, str] = {}

    def request(self, method, path, body=None, headers=None):
        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        self.conn.request(method, path, body=body, headers=headers)
        response = self.conn.getresponse()
        data = response.read()
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";")[0]
        return response.status, data


def _participant(url: str, latencies: list[float], errors: list[str]) -> None:
    session = Session()
    status, page = session.request("GET", url)
    text = page.decode()
    state = json.loads(re.search(r'<script id="quiz-state" type="application/json">(.*?)</script>', text, re.S)[1])
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', text)[1]
    headers = {"Content-Type": "application/json", "X-CSRFToken": token, "Referer": f"http://127.0.0.1:{PORT}/"}
    for question in state["paper"]:
        value = [True] if question["type"] == "judge" else [0]
        body = json.dumps({"q": question["id"], "v": value})
        started = time.perf_counter()
        status, data = session.request("POST", state["answer_url"], body, headers)
        latencies.append(time.perf_counter() - started)
        if status != 200:
            errors.append(f"{status} {data[:80]!r}")
    form = {"Content-Type": "application/x-www-form-urlencoded", "X-CSRFToken": token,
            "Referer": f"http://127.0.0.1:{PORT}/"}
    status, _ = session.request("POST", state["submit_url"], f"csrfmiddlewaretoken={token}", form)
    if status != 302:
        errors.append(f"submit {status}")


def _run(threads: int, work) -> float:
    started = time.perf_counter()
    pool = [threading.Thread(target=work, args=(i,)) for i in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    return time.perf_counter() - started


def _load(urls: list[str]) -> dict:
    latencies, errors, queue = [], [], list(urls)
    lock = threading.Lock()

    def work(_):
        while True:
            with lock:
                if not queue:
                    return
                url = queue.pop()
            _participant(url, latencies, errors)

    wall = _run(CLIENTS, work)
    answers = len(latencies)
    bare_latencies: list[float] = []
    per_client = answers // CLIENTS

    def bare(_):
        session = Session()
        for _ in range(per_client):
            started = time.perf_counter()
            session.request("GET", "/p/quiz/ping")
            bare_latencies.append(time.perf_counter() - started)

    bare_wall = _run(CLIENTS, bare)
    ordered = sorted(latencies)
    return {"answers": answers, "errors": errors[:5], "n_errors": len(errors),
            "answer_rps": answers / wall, "bare_rps": len(bare_latencies) / bare_wall,
            "p50_ms": statistics.median(ordered) * 1000, "p95_ms": ordered[int(len(ordered) * 0.95) - 1] * 1000,
            "bare_p95_ms": sorted(bare_latencies)[int(len(bare_latencies) * 0.95) - 1] * 1000}


def _big_results() -> float:
    """300,000 scored participants over province → 20 cities → 20 branches each, then the results job, timed."""
    import random

    from django.db import connection

    from tongxin.orgs.models import Organisation
    from tongxin.quiz.models import Bank, Contest, Participant
    from tongxin.quiz.results import results_compute

    root = Organisation.objects.create(name="压测省级组织")
    leaves = []
    for c in range(20):
        city = Organisation.objects.create(name=f"压测市级组织{c}", parent=root)
        leaves += Organisation.objects.bulk_create([Organisation(name=f"压测基层组织{c}-{b}", parent=city,
                                                                 member_count=1000) for b in range(20)])
    contest = Contest.objects.create(title="压测三十万", bank=Bank.objects.first(), root_org=root)
    rng = random.Random(1)
    started = time.perf_counter()
    with connection.cursor() as cursor:  # COPY-speed insert for the fixture only; the timing below is the job's
        rows = ((contest.pk, f"人{i}", f"1{i:010d}", leaves[i % len(leaves)].pk, rng.randint(20, 100),
                 rng.uniform(300, 1800)) for i in range(BIG))
        batch = []
        for row in rows:
            batch.append(row)
            if len(batch) == 5000:
                _insert(cursor, batch)
                batch = []
        if batch:
            _insert(cursor, batch)
    print(f"  (fixture: {BIG:,} participants written in {time.perf_counter() - started:.1f} s)")
    started = time.perf_counter()
    results_compute(contest=contest, actor="压测")
    elapsed = time.perf_counter() - started
    assert Participant.objects.filter(contest=contest).count() == BIG
    return elapsed


def _insert(cursor, batch):
    values = ",".join(["(%s,%s,%s,%s,%s,%s,'','','',now(),NULL,'')"] * len(batch))
    cursor.execute(
        "INSERT INTO quiz_participant (contest_id,name,phone,organisation_id,best_score,best_time,device,ip,flagged,"
        f"created_at,consent_at,consent_notice_version) VALUES {values}", [v for row in batch for v in row])


def main() -> int:
    _setup()
    from django.db import connection

    vendor = connection.vendor
    contest, phase, leaf = _contest()
    urls = _start_attempts(contest, phase, leaf)
    connection.close()
    env = dict(os.environ)
    server = subprocess.Popen([sys.executable, "-m", "gunicorn", "tongxin.wsgi", "-w", str(WORKERS), "-b",
                               f"127.0.0.1:{PORT}", "--log-level", "warning"], cwd=ROOT, env=env)
    try:
        for _ in range(100):
            try:
                Session().request("GET", "/p/quiz/ping")
                break
            except OSError:
                time.sleep(0.2)
        Session().request("GET", urls[0])  # warm each code path once
        result = _load(urls)
    finally:
        server.terminate()
        server.wait(timeout=20)
    ratio = result["answer_rps"] / result["bare_rps"]
    print(f"quiz bench on {vendor} — gunicorn {WORKERS} workers, {CLIENTS} clients, {PEOPLE} participants × 80 answers")
    print(f"  answer endpoint  {result['answer_rps']:7.0f} req/s   p50 {result['p50_ms']:.1f} ms   "
          f"p95 {result['p95_ms']:.1f} ms   ({result['answers']} answers, {result['n_errors']} errors {result['errors']})")
    print(f"  bare endpoint    {result['bare_rps']:7.0f} req/s   p95 {result['bare_p95_ms']:.1f} ms")
    print(f"  ratio            {ratio:.0%}   (target ≥ 60 %)")
    from tongxin.quiz.models import Attempt

    print(f"  submitted        {Attempt.objects.filter(submitted_at__isnull=False).count()} of {PEOPLE} attempts")
    if vendor == "postgresql" and BIG:
        print(f"  results for {BIG:,} participants: {_big_results():.1f} s   (target < 60 s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
