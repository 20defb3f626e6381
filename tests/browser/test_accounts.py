"""A newly invited account, as a real browser sees it: the admin creates it on the account screen, the person opens
the one-time link, sets a password, signs in and sees the unit's tasks. Also 390 px screenshots of the directory.

Personas: admin (department administrator) creates 宗教业务科's second account, "zjk2"; zjk2 is the new person."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NEW_PASSWORD = "Zongjiao-2019-new"


@pytest.fixture
def with_tasks(demo_site):
    from tongxin.accounts.models import User
    from tongxin.plans.models import Plan
    from tongxin.supervision.services import tasks_generate_for_plan

    tasks_generate_for_plan(actor=User.objects.get(username="admin"), plan=Plan.objects.get())
    return demo_site


def test_an_invited_account_sets_its_password_signs_in_and_sees_its_tasks(browser, page_for, with_tasks):
    from tongxin.orgs.models import Organisation
    from tongxin.supervision.models import Task

    site = with_tasks
    admin = page_for("admin")
    admin.goto(f"{site.url}/accounts/manage/new/")
    admin.fill("#id_username", "zjk2")
    admin.fill("#id_display_name", "宗教业务科 李明")
    admin.select_option("#id_role", "unit")
    admin.select_option("#id_organisation", label="宗教业务科")
    admin.check("input[name=setup][value=invite]")
    admin.click("form.dir-form button[type=submit]")
    link = admin.get_by_test_id("invite-link").locator("input").input_value()
    assert "/accounts/invite/" in link

    ctx = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN")
    page = ctx.new_page()
    page.goto(link)
    assert "zjk2" in page.content()
    page.fill("#id_password1", NEW_PASSWORD)
    page.fill("#id_password2", NEW_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{site.url}/")
    assert page.get_by_test_id("who").inner_text().startswith("宗教业务科 李明")
    # Sign out and in again with the new password; the link no longer opens.
    page.click(".userbox button")
    page.goto(link)
    assert "链接已使用过" in page.get_by_test_id("invite-invalid").inner_text()
    page.goto(f"{site.url}/accounts/login/")
    page.fill("#id_username", "zjk2")
    page.fill("#id_password", NEW_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{site.url}/")
    page.goto(f"{site.url}/supervision/")
    unit = Organisation.objects.get(name="宗教业务科")
    expected = Task.objects.filter(owner_org=unit).count()
    assert expected > 0
    assert page.get_by_test_id("task-row").count() == expected
    first = Task.objects.filter(owner_org=unit).select_related("activity").first()
    assert first.activity.title[:20] in page.content()
    ctx.close()


SCREENS = [
    ("units", "/directory/units/"),
    ("unit", None),
    ("people", "/directory/people/"),
    ("accounts", "/accounts/manage/"),
    ("account", None),
    ("locked", "/accounts/manage/locked/"),
    ("import", "/directory/import/"),
]


def test_directory_screens_at_390px(page_for, demo_site):
    from tongxin.accounts.models import User
    from tongxin.orgs.models import Organisation

    page = page_for("admin", width=390)
    unit = Organisation.objects.get(name="各民主党派市委〈总支〉办公室")
    account = User.objects.get(username="minmeng")
    for name, url in SCREENS:
        url = url or {"unit": f"/directory/units/{unit.pk}/", "account": f"/accounts/manage/{account.pk}/"}[name]
        page.goto(f"{demo_site.url}{url}")
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, name
        page.screenshot(path=f"/tmp/directory-{name}-390.png", full_page=True)
