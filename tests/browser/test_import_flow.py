"""The import flow in a real browser, on a desktop (1280 px) and a phone (390 px), as the demo administrator.

1. A single-event notice (时间/地点/参加人员 lines): the upload waits in the queue, the page follows the background job
   to the review, the one item gets its responsible unit, and publishing opens the new plan.
2. A document in which nothing is found: the review offers to add the item by hand (title, a date typed as a Chinese
   phrase, a place, a responsible unit); it is published and shows on the plan page.
Screenshots go to /tmp/tongxin-shots/.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tongxin.ingest.services import plan_import_parse
from tongxin.plans.models import PlanImport

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
SHOTS = Path("/tmp/tongxin-shots")

NOTICE = """关于组织观看庆祝新中国成立70周年大会直播的通知
各科室、直属单位：
为庆祝中华人民共和国成立70周年，部机关决定组织集中观看庆祝大会直播。现将有关事项通知如下：
一、时间：2019年10月1日上午9:30
二、地点：机关三楼会议室
三、参加人员：部机关全体干部
请各科室做好安排，准时参加。
市委统战部办公室
2019年9月25日
"""
LETTER = """各位同志：
国庆将至，部里准备请大家一起座谈，听听对今后工作的意见建议。具体安排另行通知。
市委统战部办公室
"""


def watch(page) -> list[str]:
    """Console errors (a CSP violation is one) and every confirm dialog's text, which is accepted."""
    seen: list[str] = []
    page.on("console", lambda m: seen.append(f"console: {m.text}") if m.type == "error" else None)
    page.on("dialog", lambda d: (seen.append(f"dialog: {d.message}"), d.accept()))
    return seen


def upload(page, url: str, name: str, text: str) -> None:
    page.goto(f"{url}/plans/import/")
    page.set_input_files("#id_file", files=[{"name": name, "mimeType": "text/plain", "buffer": text.encode()}])
    page.get_by_role("button", name="上传并识别").click()
    page.wait_for_load_state()


def no_sideways_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth + 1")


def shot(page, name: str, width: int) -> None:
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}-{width}.png"), full_page=True)


def contrast(page, selector: str) -> float:
    """WCAG contrast ratio of an element's text on its background."""
    return page.evaluate(
        """(sel) => {
          const s = getComputedStyle(document.querySelector(sel));
          const lum = (c) => { const [r, g, b] = c.match(/\\d+/g).slice(0, 3).map(Number).map((v) => {
            v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
            return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
          const a = lum(s.color), b = lum(s.backgroundColor);
          return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
        }""",
        selector,
    )


@pytest.mark.parametrize("width", [1280, 390])
def test_a_single_event_notice_goes_through_the_queue_to_a_published_plan(page_for, demo_site, settings, width):
    page = page_for("admin", width=width)
    seen = watch(page)
    upload(page, demo_site.url, "观看直播通知.txt", NOTICE)
    progress = page.get_by_test_id("progress")
    assert "排队中" in progress.locator("[aria-current=step]").inner_text()
    shot(page, "notice-1-queued", width)
    settings.TASKS = IMMEDIATE  # from here on jobs run at once; the reading below is what the worker does
    plan_import_parse(plan_import=PlanImport.objects.get(original_name="观看直播通知.txt"))
    page.wait_for_selector("[data-testid=review-activity]", timeout=10_000)  # the page polled and moved on
    rows = page.get_by_test_id("review-activity")
    assert rows.count() == 1
    assert "观看庆祝新中国成立70周年大会直播" in rows.first.inner_text()
    # The organiser named as the subject (部机关决定组织…) is read as responsible; the reviewer corrects it below.
    assert "责任\n部机关" in rows.first.inner_text()
    assert contrast(page, ".button-discard") >= 4.5
    assert no_sideways_scroll(page)
    shot(page, "notice-2-review", width)

    rows.first.get_by_test_id("edit-item").click()
    form = page.get_by_test_id("item-form")
    form.locator("#id_responsible").fill("办公室")
    shot(page, "notice-3-edit", width)
    form.get_by_test_id("save-item").click()
    page.wait_for_selector("[data-testid=review-activity]:has-text('办公室')")
    assert "办公室" in page.get_by_test_id("review-activity").first.inner_text()
    assert page.get_by_test_id("publish-summary").inner_text() == "发布后将新建方案，共 1 项活动。"

    page.get_by_test_id("publish-button").click()
    page.wait_for_selector("[data-testid=plan-title]")
    assert page.get_by_test_id("plan-title").inner_text() == "关于组织观看庆祝新中国成立70周年大会直播的通知"
    assert "观看庆祝新中国成立70周年大会直播" in page.locator("table").inner_text()
    shot(page, "notice-4-plan", width)
    assert [s for s in seen if s.startswith("console")] == []
    assert seen == ["dialog: 发布后将新建方案，共 1 项活动。 确定发布吗？"]


@pytest.mark.parametrize("width", [1280, 390])
def test_nothing_found_the_item_is_added_by_hand_and_published(page_for, demo_site, settings, width):
    settings.TASKS = IMMEDIATE
    page = page_for("admin", width=width)
    seen = watch(page)
    upload(page, demo_site.url, "座谈安排.txt", LETTER)
    empty = page.get_by_test_id("nothing-found")
    assert "没有识别出任何活动" in empty.inner_text()
    assert page.get_by_test_id("publish-button").is_disabled()
    shot(page, "letter-1-nothing", width)

    empty.get_by_test_id("add-item").click()
    form = page.get_by_test_id("item-form")
    form.locator("#id_title").fill("国庆前意见建议座谈会")
    form.locator("#id_times").fill("下周")
    page.wait_for_selector(".time-error")
    assert "无法识别时间“下周”" in page.locator(".times-preview").inner_text()
    form.locator("#id_times").fill("2019年10月1日前后")
    page.wait_for_selector(".time-ok")
    assert page.locator(".times-preview").inner_text().strip() == "✓ 2019年10月1日前后 → 2019-09-24 至 2019-10-08"
    form.locator("#id_places").fill("机关三楼会议室")
    form.locator("#id_responsible").fill("办公室")
    shot(page, "letter-2-add", width)
    form.get_by_test_id("save-item").click()
    page.wait_for_selector("[data-testid=review-activity]")
    row = page.get_by_test_id("review-activity").first.inner_text()
    assert "国庆前意见建议座谈会" in row and "2019年10月1日前后（2019-09-24 至 2019-10-08）" in row
    assert no_sideways_scroll(page)
    shot(page, "letter-3-review", width)

    page.get_by_test_id("publish-button").click()
    page.wait_for_selector("[data-testid=plan-title]")
    assert page.get_by_test_id("plan-title").inner_text() == "座谈安排"
    table = page.locator("table").inner_text()
    assert "国庆前意见建议座谈会" in table and "办公室" in table
    shot(page, "letter-4-plan", width)
    assert [s for s in seen if s.startswith("console")] == []


@pytest.mark.parametrize("width", [1280, 390])
def test_a_43_item_plan_reviews_in_pages_of_compact_rows(page_for, demo_site, settings, width):
    """The old review form was 48,000 px tall for 43 items; now twenty short rows a page."""
    from tests.ingest.conftest import numbered_plan

    settings.TASKS = IMMEDIATE
    page = page_for("admin", width=width)
    seen = watch(page)
    upload(page, demo_site.url, "四十三项.txt", numbered_plan(43))
    shot(page, "long-1-page1", width)
    assert page.get_by_test_id("review-activity").count() == 20
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height < (3600 if width == 1280 else 7000), height  # 20 rows of about 120 px
    assert no_sideways_scroll(page)
    page.get_by_test_id("next-page").click()
    page.wait_for_load_state()
    assert "第 2 / 3 页" in page.locator(".pagination").inner_text()
    assert page.locator("#item-20").is_visible()
    assert [s for s in seen if s.startswith("console")] == []
