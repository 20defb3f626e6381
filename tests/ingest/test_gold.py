"""A reviewed import exported as a gold file: the corrections become a test case the shared scorer reads."""

from __future__ import annotations

import json
import subprocess
import sys
from urllib.parse import quote

import pytest
from django.urls import reverse

from tests.conftest import EXAMPLE_PLAN, ROOT, SHARED
from tests.ingest.conftest import upload
from tongxin.plans.models import PlanImport

pytestmark = pytest.mark.django_db
ITEM_KEYS = ["number", "title", "components", "windows", "recurrence", "sessions", "phases", "places",
             "participants", "lead_leaders", "responsible", "cooperating"]  # fmt: skip


def test_the_gold_file_carries_the_corrections_in_schema_form(client_for, immediate):
    c = client_for("admin")
    upload(c, "赤峰方案.txt", EXAMPLE_PLAN.read_bytes())
    record = PlanImport.objects.get()
    c.post(reverse("ingest:item_exclude", args=[record.pk, 0]), {"excluded": "1"})
    third = record.draft["activities"][2]
    c.post(
        reverse("ingest:item", args=[record.pk, 2]),
        {
            "number": "三",
            "title": third["title"],
            "times": "9月底前",
            "responsible": "宗教业务科",
            "components": ["event"],
        },
    )
    r = c.get(reverse("ingest:gold", args=[record.pk]))
    assert r["Content-Type"] == "application/json"
    assert r["Content-Disposition"] == f"attachment; filename*=utf-8''{quote('赤峰方案.gold.json')}"
    gold = json.loads(r.content)
    assert gold["document"] == "赤峰方案.txt"
    assert list(gold) == ["document", "title", "year", "issuer", "sections", "activities", "requirements",
                          "reporting", "contacts"]  # fmt: skip
    assert len(gold["activities"]) == 10  # the item set aside is not in it
    assert all(list(a) == ITEM_KEYS for a in gold["activities"])
    item = gold["activities"][1]
    assert (item["number"], item["responsible"], item["components"]) == ("三", ["宗教业务科"], ["event"])
    assert item["windows"] == [
        {"start": None, "end": "2019-09-30", "text": "9月底前", "tentative": False, "approximate": False}
    ]


def test_the_shared_scorer_reads_an_exported_gold_file(client_for, immediate, tmp_path):
    """The file joins a corpus folder beside its document; the parser scores 1.000 on what it read unchanged."""
    scorer = next(
        (p for p in (SHARED / "eval" / "score.py", ROOT.parents[1] / "shared" / "eval" / "score.py") if p.exists()),
        None,
    )
    if scorer is None:
        pytest.skip("../shared/eval/score.py is not beside the project")
    c = client_for("admin")
    upload(c, "chifeng.txt", EXAMPLE_PLAN.read_bytes())
    record = PlanImport.objects.get()
    (tmp_path / "chifeng.gold.json").write_bytes(c.get(reverse("ingest:gold", args=[record.pk])).content)
    (tmp_path / "chifeng.txt").write_bytes(EXAMPLE_PLAN.read_bytes())
    parse = f"{sys.executable} -m tongxin.cli parse {{file}} --json"
    out = subprocess.run(
        [sys.executable, str(scorer), "--gold", str(tmp_path), "--cmd", parse],
        capture_output=True, text=True, cwd=ROOT, timeout=120, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
    )  # fmt: skip
    assert "documents: 1, failed to parse: 0" in out.stdout, out.stdout + out.stderr
    assert "overall 1.000" in out.stdout
