"""Vendored widgets get text, never markup: a hostile activity title and unit name render as text in the Gantt
(frappe-gantt sets labels as HTML), the calendar (FullCalendar) and the cockpit charts (ECharts, whose HTML
tooltips are replaced by canvas text). The Gantt's month axis, today line and finished bars, without a CSP violation.

On the old code the Gantt rendered the title's <a href=//evil> as a real link (the <img onerror> was stopped by the
CSP, which logged a violation), its axis read "2月 1月 2月" and it logged a CSP violation on every load.
"""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HOSTILE = "<a href=//evil>x</a><img src=x onerror=alert(1)>"
WATCH = """
window.__tx_csp = [];
document.addEventListener("securitypolicyviolation", function (e) { window.__tx_csp.push(e.violatedDirective); });
"""
INJECTED = "document.querySelectorAll('a[href*=evil], img[src=x], img[onerror]').length"


@pytest.fixture
def hostile_site(live_server, transactional_db, settings):
    """The running demo, with a unit's own activity titled by an attacker and a unit renamed likewise."""
    from tongxin.activities.models import Activity
    from tongxin.demo.plan import demo_load
    from tongxin.orgs.models import Organisation

    settings.TONGXIN_DEMO = True
    demo_load(stage="running")
    first = Activity.objects.order_by("order").first()
    Activity.objects.filter(pk=first.pk).update(title=HOSTILE)
    Organisation.objects.filter(name="党外知识分子联络中心").update(name="<b>中心</b><img src=x onerror=alert(2)>")
    return live_server


def _page(browser, site, username="admin", width=1280):
    ctx = browser.new_context(viewport={"width": width, "height": 900}, locale="zh-CN")
    ctx.add_init_script(WATCH)
    page = ctx.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(f"{site.url}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "tongxin2019")
    page.click("button[type=submit]")
    page.wait_for_url(f"{site.url}/")
    return page, errors


def test_hostile_titles_arrive_as_text_in_every_widget(browser, hostile_site):
    page, errors = _page(browser, hostile_site)
    page.goto(f"{hostile_site.url}/gantt/")
    page.wait_for_selector(".bar-wrapper .bar-label")
    labels = page.locator(".bar-label").all_text_contents()
    assert HOSTILE in labels and page.evaluate(INJECTED) == 0
    page.locator(".bar-wrapper").first.click()
    page.wait_for_selector(".popup-wrapper .title")
    assert page.locator(".popup-wrapper .title").text_content() == HOSTILE
    assert page.evaluate("window.__tx_csp") == []

    page.goto(f"{hostile_site.url}/calendar/?plan=")
    page.wait_for_selector(".fc-event")
    page.locator(".fc-multiMonthYear-button").click()
    page.wait_for_selector(f".fc-event[title='{HOSTILE}']", state="attached")
    assert page.evaluate(INJECTED) == 0 and page.evaluate("window.__tx_csp") == []

    page.goto(f"{hostile_site.url}/cockpit/department/")
    page.wait_for_selector("[data-chart=units] canvas")
    modes = page.evaluate(
        "Array.from(document.querySelectorAll('[data-chart]')).map(n => echarts.getInstanceByDom(n))"
        ".filter(Boolean).map(c => c.getOption().tooltip[0].renderMode)"
    )
    assert modes and set(modes) == {"richText"}
    box = page.locator("[data-chart=units] canvas").first.bounding_box()
    for dy in range(40, int(box["height"]) - 10, 30):  # hover every bar: tooltips appear, none as HTML
        page.mouse.move(box["x"] + box["width"] / 2, box["y"] + dy)
        page.wait_for_timeout(30)
    assert page.evaluate(INJECTED) == 0 and page.evaluate("window.__tx_csp") == []
    assert "<b>中心</b><img src=x onerror=alert(2)>" in page.locator("main").inner_text()  # the table: as text
    assert errors == []


def test_the_gantt_axis_today_line_and_finished_bars(browser, hostile_site):
    page, errors = _page(browser, hostile_site)
    page.goto(f"{hostile_site.url}/gantt/")
    page.wait_for_selector(".bar-wrapper")
    lower = page.locator(".lower-text").all_text_contents()
    assert lower[:3] == ["1月", "2月", "3月"] and page.locator(".upper-text").first.text_content() == "2019年"
    today = page.locator(".tx-today")
    assert today.get_attribute("title") == "今天 2019-08-15"
    # Today sits in the August column, about halfway through it.
    aug = page.locator(".lower-text", has_text="8月").first.bounding_box()
    line = today.bounding_box()
    assert aug["x"] < line["x"] < aug["x"] + aug["width"] + 80
    # A finished session's bar: darkened progress under white bold text, not white on #dbdbdb.
    done = page.locator(".bar-wrapper[class$='-done'] .bar-progress").first
    fill = done.evaluate("e => getComputedStyle(e).fill + ' ' + getComputedStyle(e).fillOpacity")
    assert fill == "rgb(0, 0, 0) 0.3"
    page.locator("[data-gantt-mode=Week]").click()
    assert page.locator(".tx-today").count() == 1
    assert page.evaluate("window.__tx_csp") == [] and errors == []
