"""The module seam: a module registered for some kinds shows its panel, lights, ledger sheet, bulletin lines, URLs
and demo stage — and nothing for activities of other kinds. The module here is a small fake one made in the test."""

from __future__ import annotations

import datetime as dt
import importlib
import io
import sys
import types

import pytest
from django.urls import clear_url_caches, reverse
from django.utils.html import format_html
from openpyxl import load_workbook

from tongxin.core import modules
from tongxin.reports.exporters import BulletinExporter, LedgerExporter


def _fake_urls(name: str):
    """A urlconf module with one page, as a module app would have in its urls.py."""
    from django.http import HttpResponse
    from django.urls import path

    mod = types.ModuleType(name)
    mod.app_name = "fake"
    mod.urlpatterns = [path("hello/", lambda request: HttpResponse("你好，模块"), name="hello")]
    sys.modules[name] = mod
    return name


@pytest.fixture
def fake_module(settings):
    calls = []
    module = modules.ActivityModule(
        name="fake",
        label="培训报名",
        kinds=frozenset({"training"}),
        panel=lambda request, activity: format_html("<p>名额：{}</p>", 40),
        activity_lights=lambda ids: {i: [modules.Light("red", "报名未过半")] for i in ids},
        ledger_sheets=lambda plan, units: [
            modules.Sheet("培训报名", [("单位", 20), ("人数", 8)], [["=HYPERLINK(1)", 3], ["市侨联", 5]])
        ],
        bulletin_lines=lambda plan, start, end: [f"培训报名共8人（{start:%m月%d日}起）。"],
        demo_stages={"plan": lambda plan: calls.append(plan.pk)},
        urls=_fake_urls("tests_fake_module_urls"),
    )
    modules.register(module)
    clear_url_caches()
    importlib.reload(importlib.import_module(settings.ROOT_URLCONF))
    yield {"module": module, "demo_calls": calls}
    modules.unregister("fake")
    clear_url_caches()
    importlib.reload(importlib.import_module(settings.ROOT_URLCONF))


def test_panel_and_lights_show_only_on_activities_of_its_kinds(fake_module, programme, client_for):
    client = client_for("admin")
    training = client.get(reverse("activities:detail", args=[programme["b"].pk])).content.decode()
    assert 'data-module="fake"' in training
    assert "<h2>培训报名</h2>" in training and "<p>名额：40</p>" in training
    assert "报名未过半" in training
    reading_club = client.get(reverse("activities:detail", args=[programme["a"].pk])).content.decode()
    assert 'data-module="fake"' not in reading_club and "报名未过半" not in reading_club


def test_modules_for_matches_kinds_and_an_empty_kind_set_serves_every_activity(fake_module):
    # Only this test's modules are looked at: the real modules (events serves every activity) are registered too.
    def names(kinds):
        return [m.name for m in modules.modules_for(kinds) if m.name in {"fake", "everywhere"}]

    assert names(["training", "meeting"]) == ["fake"]
    assert names(["other"]) == []
    modules.register(modules.ActivityModule(name="everywhere", label="全部"))
    try:
        assert names(["other"]) == ["everywhere"]
    finally:
        modules.unregister("everywhere")


def test_its_urls_are_mounted_under_m_name(fake_module, client_for):
    response = client_for("admin").get("/m/fake/hello/")
    assert response.content.decode() == "你好，模块"


def test_its_ledger_sheet_is_written_with_safe_cells(fake_module, programme):
    data = LedgerExporter(plan=programme["plan"]).render()
    wb = load_workbook(io.BytesIO(data))
    assert wb.sheetnames == ["任务台账", "开展情况", "培训报名"]
    rows = list(wb["培训报名"].iter_rows(values_only=True))
    assert rows[1] == ("单位", "人数")
    assert rows[2] == ("=HYPERLINK(1)", 3) and wb["培训报名"].cell(3, 1).data_type == "s"
    assert wb["培训报名"].cell(3, 1).quotePrefix
    assert rows[3] == ("市侨联", 5)


def test_its_bulletin_lines_join_the_news(fake_module, programme):
    from docx import Document

    data = BulletinExporter(
        plan=programme["plan"], start=dt.date(2019, 7, 1), end=dt.date(2019, 7, 31), issue=3
    ).render()
    texts = [p.text for p in Document(io.BytesIO(data)).paragraphs]
    news = texts[texts.index("二、工作动态") + 1 : texts.index("三、存在问题")]
    assert news == ["培训报名共8人（07月01日起）。"]


def test_the_demo_runs_its_stage(fake_module, db):
    from tongxin.demo.plan import demo_load

    result = demo_load(stage="plan")
    assert fake_module["demo_calls"] == [result["plan"].pk]
