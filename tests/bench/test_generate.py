"""The benchmark's programme generator at a tiny size: exact counts, a coherent programme, pages that open on it."""

from __future__ import annotations

import importlib.util
import io
import sys
from collections import Counter

import pytest
from openpyxl import load_workbook

from tests.conftest import ROOT

pytestmark = pytest.mark.django_db


def _load(name: str):
    """bench/ is a folder of scripts, not a package: load the module from its file."""
    sys.path.insert(0, str(ROOT / "bench"))
    spec = importlib.util.spec_from_file_location(name, ROOT / "bench" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


generate = _load("generate")
supervision_bench = _load("supervision_bench")


@pytest.fixture
def programme(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return generate.generate(activities=4, tasks=30, reports=50, units=5, leaders=2)


def test_tiny_programme_has_exactly_the_sizes_asked_for(programme):
    from tongxin.activities.models import Activity, Assignment
    from tongxin.supervision.models import ProgressReport, Task

    assert {k: programme.counts[k] for k in ("activities", "tasks", "reports", "units", "leaders")} == {
        "activities": 4, "tasks": 30, "reports": 50, "units": 5, "leaders": 2,
    }  # fmt: skip
    assert Activity.objects.filter(plan_id=programme.plan_id).count() == 4
    assert Counter(Task.objects.values_list("activity__order", flat=True)) == {0: 8, 1: 8, 2: 7, 3: 7}
    assert ProgressReport.objects.count() == 50
    # Every task belongs to a unit responsible for its activity; every activity has one lead leader.
    responsible = set(Assignment.objects.filter(role="responsible").values_list("activity_id", "organisation_id"))
    assert set(Task.objects.values_list("activity_id", "owner_org_id")) <= responsible
    assert Counter(Assignment.objects.filter(role="lead").values_list("activity_id", flat=True)) == dict.fromkeys(
        Activity.objects.values_list("pk", flat=True), 1
    )
    # History spans the year, not the moment of generation.
    assert {r.submitted_at.year for r in ProgressReport.objects.all()} == {2019}


class _Undo(Exception):
    pass


def test_the_same_seed_gives_the_same_programme(settings):
    from django.db import transaction

    from tongxin.supervision.models import ProgressReport, Task

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

    def once() -> tuple[list, list]:
        generate.generate(activities=4, tasks=30, reports=50, units=5, leaders=2)
        return (
            list(Task.objects.order_by("id").values_list("title", "owner_org__name", "due", "state")),
            list(ProgressReport.objects.order_by("id").values_list("summary", "org__name", "held_on", "state")),
        )

    try:
        with transaction.atomic():
            first = once()
            raise _Undo  # roll the first programme back, so the second can reuse its names
    except _Undo:
        pass
    assert once() == first and (len(first[0]), len(first[1])) == (30, 50)


def test_the_benchmark_measures_pages_and_skips_missing_ones(programme):
    overview = supervision_bench.time_page("/", programme.admin_id, 2)
    assert overview["status"] == 200 and overview["queries"] > 0 and overview["p95"] >= overview["p50"] > 0
    assert supervision_bench.time_page("/no-such-page/", programme.admin_id, 2) == {"status": 404}


def test_the_ledger_of_the_generated_programme_has_a_row_per_task_and_report(programme):
    from tongxin.plans.models import Plan
    from tongxin.reports.exporters import LedgerExporter

    wb = load_workbook(io.BytesIO(LedgerExporter(plan=Plan.objects.get(pk=programme.plan_id)).render()))
    assert (wb["任务台账"].max_row, wb["开展情况"].max_row) == (2 + 30, 2 + 50)


def test_sizes_scale_everything_but_the_leaders():
    assert generate.sizes(1) == {"activities": 500, "tasks": 20_000, "reports": 100_000, "units": 200, "leaders": 20}
    assert generate.sizes(0.1) == {"activities": 50, "tasks": 2_000, "reports": 10_000, "units": 20, "leaders": 20}
