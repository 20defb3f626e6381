"""On a phone (390 px): a unit logs a visit with a photo and an opinion, hands the opinion to another unit, that unit
feeds back the result, and the first unit confirms it closed.

Personas (demo accounts): dangwai (党外干部和民主党派科, responsible for activity 三 联谊交友), zongjiao (宗教业务科,
the unit the opinion is handed to)."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def pairing(demo_site):
    from tongxin.accounts.models import User
    from tongxin.fieldwork import services
    from tongxin.orgs.models import Organisation, Person
    from tongxin.plans.models import Plan

    plan = Plan.objects.get()
    activity = plan.activities.get(number="三")
    figure = Person.objects.create(name="王建华", kind=Person.Kind.MEMBER, phone="13904760102")
    return services.pairing_create(
        actor=User.objects.get(username="admin"),
        activity=activity,
        leader=Person.objects.get(name="张圣合", kind=Person.Kind.LEADER),
        figure=figure,
        unit=Organisation.objects.get(name="党外干部和民主党派科"),
        affiliation="民盟",
    )


def _fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_log_a_visit_with_photo_and_opinion_then_follow_it_to_closed(page_for, demo_site, pairing, tmp_path):
    from tongxin.demo.running import demo_png

    photo = tmp_path / "visit.png"
    photo.write_bytes(demo_png())
    page = page_for("dangwai", width=390)
    page.goto(f"{demo_site.url}/m/fieldwork/pairings/{pairing.activity_id}/")
    assert "本年走访 0/2 次" in page.get_by_test_id("pairings").inner_text()
    page.get_by_role("link", name="张圣合 — 王建华").click()
    page.get_by_test_id("log-visit").click()
    page.fill("#id_visited_on", "2019-08-10")
    page.select_option("#id_form", "talk")
    page.fill("#id_place", "民盟市委")
    page.fill("#id_content", "谈心谈话，了解企业经营情况")
    page.set_input_files("#id_photos", str(photo))
    page.fill("#id_opinion_text_1", "建议为民营企业开设融资绿色通道")
    assert _fits(page)
    page.screenshot(path=str(tmp_path / "visit-form.png"), full_page=True)
    page.get_by_role("button", name="保存").click()
    page.wait_for_selector('[data-testid="opinion"]')
    assert page.get_by_test_id("visit-photo").count() == 1
    assert page.get_by_test_id("opinion-state").inner_text() == "未交办"
    form = page.get_by_test_id("follow-up-form")
    form.locator("select").select_option(label="宗教业务科")
    form.locator("input[type=date]").fill("2019-09-10")
    form.get_by_role("button", name="交办").click()
    assert page.get_by_test_id("opinion-state").inner_text() == "办理中"
    assert _fits(page)
    opinion_url = page.url  # the opinion's own page, which the unit it was handed to can open

    other = page_for("zongjiao", width=390)
    other.goto(opinion_url)
    other.get_by_test_id("feedback-form").locator("textarea").fill("已协调金融机构召开银企对接会")
    other.get_by_role("button", name="反馈办理结果").click()
    assert other.get_by_test_id("opinion-state").inner_text() == "已反馈待确认"

    page.reload()
    page.get_by_test_id("confirm-form").locator("textarea").fill("企业表示满意")
    page.get_by_role("button", name="确认办结").click()
    assert page.get_by_test_id("opinion-state").inner_text() == "已办结"
    assert _fits(page)
    page.screenshot(path=str(tmp_path / "visit-closed.png"), full_page=True)
