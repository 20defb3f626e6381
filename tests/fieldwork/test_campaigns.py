"""The rectification campaign: the phase gate (and its recorded override), the state machine of problems with 退回,
销号 only with evidence, and the two rates by venue, religion and phase."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.fieldwork.conftest import not_an_image, photo
from tongxin.audit.models import AuditEntry
from tongxin.fieldwork import rates, services
from tongxin.fieldwork.errors import FieldworkError
from tongxin.fieldwork.models import CheckItem, Inspection, Problem


def _inspect(people, field, venue="temple", phase=1, n=1, **kw):
    return services.inspection_record(
        actor=people["zongjiao"],
        venue=field["venues"][venue],
        phase=field["phases"][phase],
        inspected_on=dt.date(2019, 5, 10),
        inspectors="宗教业务科",
        problems=[{"description": f"问题{i}", "category": "财务管理", "severity": "minor", **kw} for i in range(n)],
    )


def test_each_venue_gets_the_checklist_of_every_phase(field):
    items = CheckItem.objects.filter(venue=field["venues"]["temple"]).order_by("phase__order", "id")
    assert [(i.phase.name, i.name) for i in items] == [
        ("学习动员", "学习记录"),
        ("学习动员", "动员会议记录"),
        ("自查不足", "自查报告"),
        ("整改提高", "整改报告"),
        ("总结评估", "总结报告"),
    ]


def test_a_phase_with_open_items_cannot_close(people, field):
    phase = field["phases"][0]
    with pytest.raises(FieldworkError) as exc:
        services.phase_close(actor=people["admin"], phase=phase)
    assert exc.value.message.startswith("本阶段还有 6 项必须完成的事项、0 个未销号的问题，不能关闭。")
    phase.refresh_from_db()
    assert phase.closed_at is None


def test_a_phase_closes_when_everything_required_is_done(people, field):
    phase = field["phases"][0]
    for item in CheckItem.objects.filter(phase=phase):
        services.check_item_complete(actor=people["zongjiao"], item=item, note="已组织学习")
    services.phase_close(actor=people["zongjiao"], phase=phase)
    phase.refresh_from_db()
    assert phase.is_closed and phase.override_reason == ""
    with pytest.raises(FieldworkError, match="本阶段已关闭"):
        services.check_item_complete(
            actor=people["zongjiao"], item=CheckItem.objects.filter(phase=phase).first(), note="再次"
        )


def test_only_an_admin_overrides_the_gate_and_the_reason_is_recorded(people, field):
    phase = field["phases"][1]
    _inspect(people, field, phase=1)
    with pytest.raises(FieldworkError, match="只有管理员"):
        services.phase_close(actor=people["zongjiao"], phase=phase, override_reason="时间到了")
    services.phase_close(actor=people["admin"], phase=phase, override_reason="按市委要求如期转段")
    phase.refresh_from_db()
    assert phase.override_reason == "按市委要求如期转段" and phase.closed_by == people["admin"]
    entry = AuditEntry.objects.get(action="phase.override_close")
    assert entry.summary == "关闭阶段“自查不足”（强制关闭：未完成事项 3 项、未销号问题 1 个；理由：按市委要求如期转段）"
    assert entry.changes == {"items": 3, "problems": 1}


def test_a_check_item_needs_evidence(people, field):
    item = CheckItem.objects.filter(phase=field["phases"][0]).first()
    with pytest.raises(FieldworkError, match="请上传佐证材料或填写完成情况"):
        services.check_item_complete(actor=people["zongjiao"], item=item, note="  ")
    item.refresh_from_db()
    assert item.done_at is None


def test_problem_state_machine_with_return(people, field):
    problem = _inspect(people, field).problems.get()
    assert problem.state == Problem.State.FOUND
    with pytest.raises(FieldworkError, match="不能这样处理"):
        services.problem_submit(actor=people["zongjiao"], problem=problem, rectification="已整改")
    problem = services.problem_set_measure(
        actor=people["zongjiao"], problem=problem, measure="建立财务制度", deadline=dt.date(2019, 9, 1)
    )
    assert (problem.state, problem.deadline) == (Problem.State.RECTIFYING, dt.date(2019, 9, 1))
    problem = services.problem_submit(
        actor=people["zongjiao"], problem=problem, rectification="制度已上墙", evidence=[photo()]
    )
    assert problem.state == Problem.State.SUBMITTED
    with pytest.raises(FieldworkError, match="请写明理由"):
        services.problem_return(actor=people["admin"], problem=problem, comment="")
    problem = services.problem_return(actor=people["admin"], problem=problem, comment="照片看不清制度内容")
    assert (problem.state, problem.returned_count, problem.review_comment) == (
        Problem.State.RECTIFYING,
        1,
        "照片看不清制度内容",
    )
    with pytest.raises(FieldworkError, match="不能这样处理"):
        services.problem_sign_off(actor=people["admin"], problem=problem, comment="")
    problem = services.problem_submit(actor=people["zongjiao"], problem=problem, rectification="重新拍照")
    problem = services.problem_sign_off(actor=people["admin"], problem=problem, comment="同意销号")
    assert problem.state == Problem.State.SIGNED_OFF and problem.signed_off_by == people["admin"]
    actions = list(
        AuditEntry.objects.filter(target_type="fieldwork.problem").order_by("id").values_list("action", flat=True)
    )
    assert actions == [
        "problem.measure",
        "problem.submit",
        "attachment.create",
        "problem.return",
        "problem.submit",
        "problem.sign_off",
    ]


def test_sign_off_without_evidence_is_refused(people, field):
    problem = _inspect(people, field).problems.get()
    services.problem_set_measure(
        actor=people["zongjiao"], problem=problem, measure="整改", deadline=dt.date(2019, 9, 1)
    )
    services.problem_submit(actor=people["zongjiao"], problem=problem, rectification="已整改")
    with pytest.raises(FieldworkError) as exc:
        services.problem_sign_off(actor=people["admin"], problem=problem, comment="同意")
    assert exc.value.message == "销号须有整改佐证材料（照片或文件），请先上传。"
    problem.refresh_from_db()
    assert problem.state == Problem.State.SUBMITTED
    services.problem_sign_off(actor=people["admin"], problem=problem, evidence=[photo()])
    problem.refresh_from_db()
    assert problem.state == Problem.State.SIGNED_OFF


def test_an_inspection_photo_that_is_not_an_image_is_refused(people, field):
    with pytest.raises(FieldworkError, match="照片须为图片文件"):
        _inspect(people, field, photo=not_an_image())
    assert Inspection.objects.count() == 0 and Problem.objects.count() == 0


def test_an_inspection_in_the_future_is_refused(people, field):
    with pytest.raises(FieldworkError, match="检查日期不能晚于今天"):
        services.inspection_record(
            actor=people["zongjiao"],
            venue=field["venues"]["temple"],
            phase=field["phases"][0],
            inspected_on=dt.date(2019, 9, 1),
        )


def test_rates_by_phase_venue_and_religion(people, field):
    campaign = field["campaign"]
    for item in CheckItem.objects.filter(phase=field["phases"][0], venue=field["venues"]["temple"]):
        services.check_item_complete(actor=people["zongjiao"], item=item, note="完成")
    problems = list(_inspect(people, field, n=2).problems.all()) + list(
        _inspect(people, field, "mosque").problems.all()
    )
    p = services.problem_set_measure(
        actor=people["admin"], problem=problems[0], measure="m", deadline=dt.date(2019, 9, 1)
    )
    p = services.problem_submit(actor=people["admin"], problem=p, rectification="r", evidence=[photo()])
    services.problem_sign_off(actor=people["admin"], problem=p)

    by_phase = {
        r.label: (r.items, r.items_done, r.self_check_rate, r.problems, r.problems_done, r.rectification_rate)
        for r in rates.campaign_rates(campaign, by="phase")
    }
    assert by_phase == {
        "学习动员": (6, 2, 33.3, 0, 0, None),
        "自查不足": (3, 0, 0.0, 3, 1, 33.3),
        "整改提高": (3, 0, 0.0, 0, 0, None),
        "总结评估": (3, 0, 0.0, 0, 0, None),
    }
    by_venue = {r.label: (r.self_check_rate, r.rectification_rate) for r in rates.campaign_rates(campaign, by="venue")}
    assert by_venue == {"大明寺": (40.0, 50.0), "清真北大寺": (0.0, 0.0), "福音堂": (0.0, None)}
    by_religion = {
        r.label: (r.items_done, r.problems, r.problems_done) for r in rates.campaign_rates(campaign, by="religion")
    }
    assert by_religion == {"佛教": (2, 2, 1), "伊斯兰教": (0, 1, 0), "基督教": (0, 0, 0)}
    total = rates.overall(campaign)
    assert (total.self_check_rate, total.rectification_rate) == (13.3, 33.3)


def test_rates_follow_the_viewers_venues(people, field):
    from tongxin.fieldwork.selectors import venues_visible_to

    _inspect(people, field, "church")
    mine = rates.campaign_rates(field["campaign"], by="venue", venues=venues_visible_to(people["qiaolian"]))
    assert [(r.label, r.problems) for r in mine] == [("福音堂", 1)]
