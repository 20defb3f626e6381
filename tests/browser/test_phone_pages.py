"""Every page at 390 px, as each demo role, in the demo's running stage: nothing scrolls sideways, and no page logs a
console error or a Content Security Policy violation.

The pages come from the apps' URL conf: overview, an activity, calendar, Gantt, matrix, my work, search, plans list,
a plan and its history, supervision tasks (list and one), reports (list and one), approvals (list and one), a unit,
the cockpits, inbox, reports index, calendars and the API docs — each with the ids this role may see.
On the old code the navigation bar alone was 560 px wide at 390 px, and the Gantt page logged a CSP violation.
"""

from __future__ import annotations

import os

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ROLES = ["admin", "zhangsh", "dangwai", "zongjiao", "qiaolian", "viewer"]
# Recorded before any script runs: every CSP violation the page causes, and console errors.
WATCH = """
window.__tx_csp = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__tx_csp.push(e.violatedDirective + " " + (e.blockedURI || "") + " " + (e.sourceFile || "") + ":" + e.lineNumber);
});
"""
WIDTH = 390
# TONGXIN_SHOTS=/tmp/shots keeps a screenshot of every page visited, to look at (broken pages are always kept).
SHOTS = os.environ.get("TONGXIN_SHOTS", "")


def pages_for(username: str) -> list[str]:
    """The paths this role may open, with real ids from the demo."""
    from tongxin.accounts.models import User
    from tongxin.activities.selectors import activities_visible_to
    from tongxin.plans.selectors import plans_visible_to
    from tongxin.supervision.selectors import approvals_visible_to, reports_visible_to, tasks_visible_to

    user = User.objects.get(username=username)
    paths = ["/", "/calendar/", "/gantt/", "/matrix/", "/mine/", "/search/?q=读书会", "/plans/", "/supervision/",
             "/supervision/reports/", "/supervision/approvals/", "/cockpit/", "/inbox/", "/reports/",
             "/export/calendars/", "/api/docs/"]  # fmt: skip
    if activity := activities_visible_to(user).order_by("order").first():
        paths.append(f"/activities/{activity.pk}/")
    if plan := plans_visible_to(user).first():
        paths.append(f"/plans/{plan.pk}/")
        if user.has_perm("plans.change_plan", plan):
            paths.append(f"/plans/{plan.pk}/history/")
    if task := tasks_visible_to(user).order_by("due").first():
        paths.append(f"/supervision/tasks/{task.pk}/")
    if report := reports_visible_to(user).first():
        paths.append(f"/supervision/reports/{report.pk}/")
    if approval := approvals_visible_to(user).first():
        paths.append(f"/supervision/approvals/{approval.pk}/")
    if user.organisation_id:
        paths.append(f"/supervision/units/{user.organisation_id}/")
    if user.role == User.Role.ADMIN:
        paths.append("/cockpit/department/")
    paths += _ground_and_module_pages(user, activities_visible_to(user))
    return paths


def _ground_and_module_pages(user, activities) -> list[str]:
    """The directory, accounts, import, operations and token pages, and the activity modules' pages with demo ids."""
    from tongxin.accounts.models import User
    from tongxin.events.models import Attendance
    from tongxin.fieldwork.models import Campaign, Household, Pairing

    paths = ["/directory/people/", "/tokens/", "/p/", "/p/privacy/", "/p/calls/lookup/"]
    if user.role == User.Role.ADMIN:
        paths += ["/directory/units/", "/directory/import/", "/accounts/manage/", "/accounts/manage/locked/",
                  "/plans/import/", "/ops/"]  # fmt: skip
    if pairing := Pairing.objects.filter(activity__in=activities).first():
        paths += [f"/m/fieldwork/pairings/{pairing.activity_id}/", f"/m/fieldwork/pairing/{pairing.pk}/"]
    if household := Household.objects.filter(activity__in=activities).first():
        paths += [f"/m/fieldwork/households/{household.activity_id}/"]
    if campaign := Campaign.objects.filter(activity__in=activities).first():
        paths += [f"/m/fieldwork/campaign/{campaign.pk}/"]
    if seen := Attendance.objects.filter(session__activity__in=activities).first():
        paths += [f"/m/events/sessions/{seen.session_id}/"]
    return paths


@pytest.fixture
def running_site(live_server, transactional_db, settings):
    from tongxin.demo.plan import demo_load

    settings.TONGXIN_DEMO = True
    demo_load(stage="running")
    return live_server


def visit(page, url: str) -> dict:
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    response = page.goto(url)
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(150)  # charts and the Gantt draw after their data arrives
    return {
        "status": response.status if response else None,
        "overflow": page.evaluate("document.documentElement.scrollWidth - window.innerWidth"),
        "errors": errors,
        "csp": page.evaluate("window.__tx_csp"),
    }


@pytest.mark.parametrize("username", ROLES)
def test_every_page_fits_a_phone_without_errors(browser, running_site, username):
    ctx = browser.new_context(viewport={"width": WIDTH, "height": 844}, locale="zh-CN")
    ctx.add_init_script(WATCH)
    page = ctx.new_page()
    page.goto(f"{running_site.url}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "tongxin2019")
    page.click("button[type=submit]")
    page.wait_for_url(f"{running_site.url}/")
    problems = {}
    for path in pages_for(username):
        page = ctx.new_page()  # a fresh page: listeners and the CSP log start empty
        seen = visit(page, running_site.url + path)
        bad = {k: v for k, v in seen.items() if (k == "status" and v >= 500) or (k != "status" and v and v != 0)}
        if seen["overflow"] <= 0:
            bad.pop("overflow", None)
        if bad:
            problems[path] = bad
        if bad or SHOTS:
            name = "".join(c if c.isalnum() else "_" for c in path.strip("/")) or "home"
            page.screenshot(path=f"{SHOTS or '/tmp'}/phone-{username}-{name}.png", full_page=True)
        page.close()
    ctx.close()
    assert problems == {}
