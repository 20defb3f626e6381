"""A full quiz attempt on a 390 px phone without signing in: join, answer, reload in the middle, finish with the same
answers kept; no sideways scroll, no console error or CSP violation."""

from __future__ import annotations

import os
from datetime import timedelta

import pytest
from captcha.models import CaptchaStore
from playwright.sync_api import expect

from tongxin.core import clock
from tongxin.orgs.models import Organisation
from tongxin.quiz.models import Answer, Attempt, Bank, Contest, Phase, Question

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = os.environ.get("TONGXIN_SCREENSHOTS", "")


@pytest.fixture
def quiz(db):
    bank = Bank.objects.create(title="题库")
    Question.objects.bulk_create(
        [Question(bank=bank, type="single", text=f"第{i}题：新中国成立于哪一年？", options=["1921年", "1949年", "1978年"],
                  answer=[1]) for i in range(4)]
        + [Question(bank=bank, type="judge", text="人民政协是爱国统一战线组织。", options=["正确", "错误"], answer=[True])])
    org = Organisation.objects.create(name="甲支社", member_count=10)
    contest = Contest.objects.create(title="统战知识竞答", bank=bank, root_org=org, time_limit=600,
                                     paper_rules=[{"type": "single", "count": 4}, {"type": "judge", "count": 1}])
    Phase.objects.create(contest=contest, kind="formal", opens_at=clock.now() - timedelta(days=1),
                         closes_at=clock.now() + timedelta(days=1), max_attempts=3)
    return contest


@pytest.fixture
def phone(browser):
    ctx = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN", is_mobile=True, has_touch=True)
    page = ctx.new_page()
    page.problems = []
    page.on("console", lambda m: page.problems.append(m.text) if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: page.problems.append(str(e)))
    yield page
    ctx.close()


def _no_sideways(page):
    assert page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0


def _choose_second_option(page):
    page.locator(".quiz-option").nth(1).click()
    expect(page.locator("#quiz-status")).to_have_text("已保存")


def test_a_full_attempt_with_a_reload_in_the_middle(phone, live_server, quiz):
    phone.goto(f"{live_server.url}/p/quiz/{quiz.pk}/")
    _no_sideways(phone)
    phone.fill("#id_name", "张三")
    phone.fill("#id_phone", "13800000001")
    phone.select_option("#id_organisation", label="甲支社")
    key = phone.locator("input[name=captcha_0]").input_value()
    phone.fill("#id_captcha_1", CaptchaStore.objects.get(hashkey=key).response)
    phone.check("#id_consent")
    phone.get_by_role("button", name="开始答题").click()
    expect(phone.locator("#quiz-progress")).to_contain_text("第 1 / 5 题")
    _no_sideways(phone)
    for _ in range(3):
        _choose_second_option(phone)
        phone.click("#quiz-next")
    stems = [phone.locator("#quiz-stem").inner_text()]
    phone.reload()  # the attempt resumes on the same question with the saved answers
    expect(phone.locator("#quiz-progress")).to_contain_text("第 4 / 5 题 · 已答 3")
    assert phone.locator("#quiz-stem").inner_text() == stems[0]
    phone.click("#quiz-prev")
    expect(phone.locator(".quiz-option").nth(1).locator("input")).to_be_checked()
    phone.click("#quiz-next")
    _choose_second_option(phone)
    phone.click("#quiz-next")
    _choose_second_option(phone)
    if SHOTS:
        phone.screenshot(path=os.path.join(SHOTS, "quiz_attempt.png"))
    phone.get_by_role("button", name="交卷").click()
    expect(phone.locator("h1")).to_have_text("已交卷")
    _no_sideways(phone)
    attempt = Attempt.objects.get()
    assert attempt.submitted_at is not None and Answer.objects.filter(attempt=attempt).count() == 5
    # What was clicked (the second shown option) is what was stored, mapped back through the shuffle.
    for answer in Answer.objects.filter(attempt=attempt):
        order = attempt.option_orders.get(str(answer.question_id))
        assert answer.value == ([order[1]] if order else [False])
    assert phone.locator("#quiz-score").inner_text() == str(int(attempt.score))
    if SHOTS:
        phone.screenshot(path=os.path.join(SHOTS, "quiz_result.png"))
    assert phone.problems == []
