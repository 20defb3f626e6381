"""Field work's pages as each persona sees them: a visit logged on the form (typed fields kept when refused), an
opinion followed to closed, 404 for another unit's household or venue, 403 for read-only users, masked numbers,
the household QR link, recorded exports, and a query-count guard on the list pages."""

from __future__ import annotations

import datetime as dt
import io

from django.urls import reverse
from openpyxl import load_workbook

from tests.fieldwork.conftest import not_an_image, photo
from tongxin.audit.models import AuditEntry
from tongxin.fieldwork import services
from tongxin.fieldwork.models import Problem, Visit
from tongxin.fieldwork.views_households import household_token


def _visit_post(**kw):
    data = {
        "visited_on": "2019-08-10",
        "form": "talk",
        "place": "民盟市委",
        "content": "座谈营商环境",
        "opinion_kind_1": "suggestion",
        "opinion_text_1": "建议设立党外人士服务窗口",
        "opinion_kind_2": "opinion",
        "opinion_text_2": "",
    }
    data.update(kw)
    return data


def test_a_unit_logs_a_visit_with_a_photo_and_follows_the_opinion_to_closed(client_for, field, units):
    client = client_for("dangwai")
    url = reverse("fieldwork:visit_new") + f"?pairing={field['pairing'].pk}"
    response = client.post(url, _visit_post(photos=[photo()]))
    visit = Visit.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("fieldwork:visit", args=[visit.pk])
    page = client.get(response["Location"]).content.decode()
    assert "建议设立党外人士服务窗口" in page and 'data-testid="visit-photo"' in page and "未交办" in page
    opinion = visit.opinions.get()
    client.post(
        reverse("fieldwork:opinion_action", args=[opinion.pk, "follow_up"]),
        {"unit": units["dangwai"].pk, "due": "2019-09-15"},
    )
    client.post(reverse("fieldwork:opinion_action", args=[opinion.pk, "feedback"]), {"result": "窗口已设立"})
    page = client.get(reverse("fieldwork:visit", args=[visit.pk])).content.decode()
    assert "已反馈待确认" in page and 'data-testid="confirm-form"' in page
    client.post(reverse("fieldwork:opinion_action", args=[opinion.pk, "confirm"]), {"comment": "好"})
    page = client.get(reverse("fieldwork:visit", args=[visit.pk])).content.decode()
    assert '<strong data-testid="opinion-state">已办结</strong>' in page


def test_a_refused_visit_keeps_what_was_typed(client_for, field):
    client = client_for("dangwai")
    url = reverse("fieldwork:visit_new") + f"?pairing={field['pairing'].pk}"
    page = client.post(url, _visit_post(visited_on="2019-09-01")).content.decode()
    assert "走访日期不能晚于今天（2019年08月15日）。" in page
    assert "座谈营商环境" in page and "建议设立党外人士服务窗口" in page and 'value="民盟市委"' in page
    page = client.post(url, _visit_post(photos=[not_an_image()])).content.decode()
    assert "照片须为图片文件" in page and "座谈营商环境" in page
    assert Visit.objects.count() == 0


def test_another_units_household_and_venue_are_404(client_for, field):
    client = client_for("zongjiao")
    mine, theirs = field["households"]["zongjiao"], field["households"]["dangwai"]
    assert "赵长顺" in client.get(reverse("fieldwork:household", args=[mine.pk])).content.decode()
    assert client.get(reverse("fieldwork:household", args=[theirs.pk])).status_code == 404
    assert client.get(reverse("fieldwork:household_qr", args=[theirs.pk])).status_code == 404
    assert client.get(reverse("fieldwork:household_open", args=[household_token(theirs)])).status_code == 404
    client = client_for("qiaolian")
    assert client.get(reverse("fieldwork:venue", args=[field["venues"]["temple"].pk])).status_code == 404
    assert "福音堂" in client.get(reverse("fieldwork:venue", args=[field["venues"]["church"].pk])).content.decode()


def test_read_only_users_see_but_may_not_change(client_for, field):
    client = client_for("viewer")
    h = field["households"]["dangwai"]
    page = client.get(reverse("fieldwork:household", args=[h.pk])).content.decode()
    assert "1504**********1234" in page and "138****1111" in page and "150404196501011234" not in page
    response = client.post(reverse("fieldwork:household_action", args=[h.pk, "difficulty"]), {"description": "x"})
    assert response.status_code == 403 and h.difficulties.count() == 0


def test_the_responsible_unit_sees_full_numbers(client_for, field):
    page = client_for("dangwai").get(reverse("fieldwork:household", args=[field["households"]["dangwai"].pk]))
    assert '<dd data-testid="id-number">150404196501011234</dd>' in page.content.decode()


def test_the_qr_code_opens_the_file_for_a_signed_in_user(client, client_for, field):
    h = field["households"]["dangwai"]
    url = reverse("fieldwork:household_open", args=[household_token(h)])
    assert client.get(url).status_code == 302 and "/accounts/login/" in client.get(url)["Location"]
    client = client_for("dangwai")
    assert client.get(url)["Location"] == reverse("fieldwork:household", args=[h.pk])
    assert client.get(reverse("fieldwork:household_open", args=["forged"])).status_code == 404
    svg = client.get(reverse("fieldwork:household_qr", args=[h.pk]))
    assert svg["Content-Type"] == "image/svg+xml" and svg.content.startswith(b"<svg")


def test_exports_of_personal_data_are_recorded(client_for, field, people):
    client = client_for("dangwai")
    response = client.get(reverse("fieldwork:households_export", args=[field["e"].pk]))
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[2][1:4] == ("李富民", "150404196501011234", "13800001111") and len(rows) == 3
    entry = AuditEntry.objects.get(action="personal_data.export")
    assert (entry.actor, entry.summary) == (people["dangwai"], "导出帮扶户名册 1 条（含完整身份证号和电话）")
    client = client_for("admin")
    rows = list(
        load_workbook(
            io.BytesIO(client.get(reverse("fieldwork:households_export", args=[field["e"].pk])).content)
        ).active.iter_rows(values_only=True)
    )
    assert [r[2] for r in rows[2:]] == ["1504**********567X", "1504**********1234"]
    assert AuditEntry.objects.filter(action="personal_data.export").count() == 2


def test_problem_ledger_download(client_for, field, people):
    services.inspection_record(
        actor=people["zongjiao"],
        venue=field["venues"]["temple"],
        phase=field["phases"][1],
        inspected_on=dt.date(2019, 5, 1),
        problems=[{"description": "=HYPERLINK(1)", "category": "财务", "severity": "minor"}],
    )
    response = client_for("zongjiao").get(reverse("fieldwork:problems_ledger", args=[field["campaign"].pk]))
    ws = load_workbook(io.BytesIO(response.content)).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[1][:7] == ("序号", "场所名称", "宗教", "主管单位", "阶段", "检查日期", "问题描述")
    assert rows[2][1:7] == ("大明寺", "佛教", "宗教业务科", "自查不足", dt.datetime(2019, 5, 1), "=HYPERLINK(1)")
    assert ws.cell(3, 7).data_type == "s"


def test_the_gate_refusal_shows_on_the_campaign_page(client_for, field):
    client = client_for("admin")
    phase = field["phases"][0]
    response = client.post(reverse("fieldwork:phase_close", args=[phase.pk]), {"override_reason": ""}, follow=True)
    assert "本阶段还有 6 项必须完成的事项" in response.content.decode()
    response = client.post(
        reverse("fieldwork:phase_close", args=[phase.pk]), {"override_reason": "如期转段"}, follow=True
    )
    assert "阶段“学习动员”已关闭。" in response.content.decode()


def test_sign_off_without_evidence_is_refused_on_the_page(client_for, field, people):
    insp = services.inspection_record(
        actor=people["zongjiao"],
        venue=field["venues"]["temple"],
        phase=field["phases"][1],
        inspected_on=dt.date(2019, 5, 1),
        problems=[{"description": "账目不清", "category": "财务", "severity": "minor"}],
    )
    problem = insp.problems.get()
    client = client_for("zongjiao")
    client.post(
        reverse("fieldwork:problem_action", args=[problem.pk, "measure"]), {"measure": "建账", "deadline": "2019-09-01"}
    )
    client.post(reverse("fieldwork:problem_action", args=[problem.pk, "submit"]), {"rectification": "已建账"})
    response = client.post(
        reverse("fieldwork:problem_action", args=[problem.pk, "sign_off"]), {"comment": "经复查同意"}
    )
    page = response.content.decode()
    assert response.status_code == 400 and "销号须有整改佐证材料" in page and "经复查同意</textarea>" in page
    problem.refresh_from_db()
    assert problem.state == Problem.State.SUBMITTED


def test_the_panel_on_the_activity_page(client_for, field, people):
    services.visit_log(
        actor=people["dangwai"],
        pairing=field["pairing"],
        visited_on=dt.date(2019, 8, 1),
        content="走访",
        opinions=[("opinion", "意见")],
    )
    page = client_for("dangwai").get(reverse("activities:detail", args=[field["d"].pk])).content.decode()
    assert 'data-module="fieldwork"' in page and "本年走访 1 次，意见建议 1 条，已办结 0 条" in page
    page = client_for("admin").get(reverse("activities:detail", args=[field["e"].pk])).content.decode()
    assert "帮扶户 2 户" in page


def test_list_pages_keep_their_query_count(client_for, field, people, units, django_assert_max_num_queries):
    client = client_for("admin")
    for i in range(30):
        services.household_create(
            actor=people["admin"],
            activity=field["e"],
            unit=units["dangwai"],
            head_name=f"户{i}",
            town="镇",
            village="村",
        )
    services.venues_add(
        actor=people["admin"],
        campaign=field["campaign"],
        rows=[
            (
                {
                    "name": f"场所{i}",
                    "religion": "buddhism",
                    "kind": "",
                    "address": "",
                    "person_in_charge": "",
                    "phone": "",
                },
                units["zongjiao"],
            )
            for i in range(30)
        ],
    )
    with django_assert_max_num_queries(20):
        page = client.get(reverse("fieldwork:households", args=[field["e"].pk])).content.decode()
    assert "户29" in page
    with django_assert_max_num_queries(20):
        page = client.get(reverse("fieldwork:campaign", args=[field["campaign"].pk])).content.decode()
    assert "场所29" in page


def test_api_resources(client_for, field, people):
    services.visit_log(
        actor=people["dangwai"],
        pairing=field["pairing"],
        visited_on=dt.date(2019, 8, 1),
        content="走访",
        opinions=[("opinion", "意见")],
    )
    client = client_for("zongjiao")
    data = client.get("/api/households").json()
    assert data["count"] == 1 and data["results"][0]["head_name"] == "赵长顺"
    assert data["results"][0]["id_number"] == "15040419700202567X"
    assert client.get("/api/visits").json() == {"count": 0, "next": None, "previous": None, "results": []}
    data = client_for("admin").get("/api/visits").json()
    assert data["count"] == 1 and data["results"][0]["opinions"][0]["state"] == "未交办"
    data = client_for("zongjiao").get("/api/fieldwork/campaigns").json()
    [c] = data["results"]
    assert [p["name"] for p in c["phases"]] == ["学习动员", "自查不足", "整改提高", "总结评估"]
    assert [r["label"] for r in c["rates"]["by_venue"]] == ["大明寺", "清真北大寺"]
    assert c["rates"]["by_phase"][0] == {
        "key": c["phases"][0]["id"],
        "label": "学习动员",
        "items": 4,
        "items_done": 0,
        "self_check_rate": 0.0,
        "problems": 0,
        "problems_signed_off": 0,
        "rectification_rate": None,
    }
    assert client_for("stranger").get("/api/campaigns").json()["count"] == 0
    assert client_for("admin").get("/api/campaigns?activity=x").status_code == 400


def test_the_unit_an_opinion_is_handed_to_sees_that_opinion_only(client_for, field, people, units):
    visit = services.visit_log(
        actor=people["dangwai"],
        pairing=field["pairing"],
        visited_on=dt.date(2019, 8, 1),
        content="谈心",
        opinions=[("opinion", "交办给宗教业务科"), ("opinion", "留在本科")],
    )
    handed, kept = visit.opinions.order_by("id")
    services.opinion_follow_up(actor=people["dangwai"], opinion=handed, unit=units["zongjiao"], due=dt.date(2019, 9, 1))
    client = client_for("zongjiao")
    assert client.get(reverse("fieldwork:visit", args=[visit.pk])).status_code == 404
    assert client.get(reverse("fieldwork:opinion", args=[kept.pk])).status_code == 404
    page = client.get(reverse("fieldwork:opinion", args=[handed.pk])).content.decode()
    assert "交办给宗教业务科" in page and 'data-testid="feedback-form"' in page and "留在本科" not in page
    client.post(reverse("fieldwork:opinion_action", args=[handed.pk, "feedback"]), {"result": "已办理"})
    handed.refresh_from_db()
    assert handed.task.state == "submitted"
    assert client_for("qiaolian").get(reverse("fieldwork:opinion", args=[handed.pk])).status_code == 404


def test_a_venues_staff_does_its_part_on_a_phone_but_does_not_review(client_for, field, people):
    """stranger (a unit with no part in the campaign) is made staff of 福音堂 through a role row on the venue."""
    from tongxin.accounts.services import object_role_grant
    from tongxin.fieldwork.models import CheckItem

    church, temple = field["venues"]["church"], field["venues"]["temple"]
    object_role_grant(actor=people["admin"], role="venue_staff", target=church, user=people["stranger"])
    insp = services.inspection_record(
        actor=people["admin"],
        venue=church,
        phase=field["phases"][1],
        inspected_on=dt.date(2019, 5, 1),
        problems=[{"description": "消防器材过期", "category": "安全", "severity": "minor"}],
    )
    problem = services.problem_set_measure(
        actor=people["admin"], problem=insp.problems.get(), measure="更换", deadline=dt.date(2019, 9, 1)
    )
    client = client_for("stranger")
    page = client.get(reverse("fieldwork:venue", args=[church.pk])).content.decode()
    assert "福音堂" in page and "记录检查" not in page
    assert client.get(reverse("fieldwork:venue", args=[temple.pk])).status_code == 404
    item = CheckItem.objects.filter(venue=church, phase=field["phases"][0]).first()
    client.post(reverse("fieldwork:item_complete", args=[item.pk]), {"note": "已学习"})
    item.refresh_from_db()
    assert item.done_at is not None
    client.post(
        reverse("fieldwork:problem_action", args=[problem.pk, "submit"]),
        {"rectification": "已更换", "evidence": [photo()]},
    )
    problem.refresh_from_db()
    assert problem.state == Problem.State.SUBMITTED
    response = client.post(reverse("fieldwork:problem_action", args=[problem.pk, "sign_off"]), {"comment": "自己销号"})
    assert response.status_code == 403
    problem.refresh_from_db()
    assert problem.state == Problem.State.SUBMITTED
    assert client.get(reverse("fieldwork:inspection_new", args=[church.pk])).status_code == 403


def test_resolving_without_evidence_keeps_what_was_typed(client_for, field, people):
    h = field["households"]["dangwai"]
    d = services.difficulty_add(actor=people["dangwai"], household=h, description="住房漏雨")
    services.difficulty_set_measure(actor=people["dangwai"], difficulty=d, measure="危房改造")
    response = client_for("dangwai").post(
        reverse("fieldwork:household_action", args=[h.pk, "resolve"]), {"difficulty": d.pk, "result": "屋顶已修好"}
    )
    page = response.content.decode()
    assert response.status_code == 400 and "登记解决须附佐证材料" in page and "屋顶已修好</textarea>" in page
    d.refresh_from_db()
    assert d.state == "helping"
