"""Writes for the rectification campaign: phases and their gates, venues and checklists, inspections, problems."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import Q

from tongxin.accounts.rules import is_admin
from tongxin.audit.services import audit_record
from tongxin.core import clock
from tongxin.fieldwork.errors import FieldworkError
from tongxin.fieldwork.models import Campaign, CampaignPhase, CheckItem, Inspection, Problem, Venue
from tongxin.fieldwork.services.common import EVIDENCE_KINDS, attach, check_files, not_in_future
from tongxin.files.selectors import attachments_of

# The reference plan's four phases and what every venue completes in each.
DEFAULT_CHECKLISTS = {
    "学习动员": ["学习记录", "动员会议记录"],
    "自查不足": ["自查报告"],
    "整改提高": ["整改报告"],
    "总结评估": ["总结报告"],
}


@transaction.atomic
def campaign_create(*, actor, activity, title: str = "", phases: list[dict] | None = None) -> Campaign:
    """`phases`: [{"name", "start", "end", "checklist"}]; by default the activity's own phases (from the plan)."""
    if Campaign.objects.filter(activity=activity).exists():
        raise FieldworkError("这项活动已建立专项整治。")
    campaign = Campaign.objects.create(activity=activity, title=(title or activity.title).strip()[:200])
    if phases is None:
        phases = [{"name": p.name, "start": p.start, "end": p.end} for p in activity.phases.all()]
    for order, spec in enumerate(phases):
        CampaignPhase.objects.create(
            campaign=campaign,
            order=order,
            name=spec["name"],
            start=spec.get("start"),
            end=spec.get("end"),
            checklist=spec.get("checklist") or DEFAULT_CHECKLISTS.get(spec["name"], []),
        )
    audit_record(
        actor=actor,
        action="campaign.create",
        target=campaign,
        summary=f"建立专项整治，{len(phases)} 个阶段",
        plan_id=activity.plan_id,
    )
    return campaign


def _checklist_rows(campaign: Campaign, venues: list[Venue]) -> list[CheckItem]:
    return [
        CheckItem(phase=phase, venue=venue, name=name)
        for venue in venues
        for phase in campaign.phases.all()
        for name in phase.checklist
    ]


VENUE_FIELDS = ("name", "religion", "kind", "address", "person_in_charge", "phone")


def venue_clean(values: dict) -> dict:
    values = {k: str(values.get(k) or "").strip() for k in VENUE_FIELDS}
    if not values["name"]:
        raise FieldworkError("请填写场所名称。", field="name")
    labels = {str(label): value for value, label in Venue.Religion.choices}
    values["religion"] = labels.get(values["religion"], values["religion"])
    if values["religion"] not in Venue.Religion.values:
        raise FieldworkError("宗教应为佛教、道教、伊斯兰教、天主教、基督教之一。", field="religion")
    return values


@transaction.atomic
def venues_add(*, actor, campaign: Campaign, rows: list[tuple[dict, object]]) -> list[Venue]:
    """Venues (cleaned values, supervising unit) with their checklist items for every phase, in one go."""
    names = [values["name"] for values, _unit in rows]
    taken = set(Venue.objects.filter(campaign=campaign, name__in=names).values_list("name", flat=True))
    if taken or len(set(names)) != len(names):
        raise FieldworkError(f"场所名称重复：{'、'.join(sorted(taken) or names)}", field="name")
    venues = Venue.objects.bulk_create([Venue(campaign=campaign, unit=unit, **values) for values, unit in rows])
    CheckItem.objects.bulk_create(_checklist_rows(campaign, venues), batch_size=2000)
    audit_record(
        actor=actor,
        action="venue.add",
        target=campaign,
        summary=f"添加场所 {len(venues)} 个",
        plan_id=campaign.activity.plan_id,
    )
    return venues


def venue_create(*, actor, campaign: Campaign, unit, **values) -> Venue:
    return venues_add(actor=actor, campaign=campaign, rows=[(venue_clean(values), unit)])[0]


def check_item_complete(*, actor, item: CheckItem, note: str = "", evidence=()) -> CheckItem:
    """Done with evidence: a file, or a written account of what was done."""
    if item.phase.is_closed:
        raise FieldworkError("本阶段已关闭。")
    evidence = check_files(evidence, kinds=EVIDENCE_KINDS, field="evidence")
    if not evidence and not note.strip():
        raise FieldworkError("请上传佐证材料或填写完成情况。", field="evidence")
    plan_id = item.phase.campaign.activity.plan_id
    with transaction.atomic():
        attach(actor=actor, target=item, uploads=evidence, kinds=EVIDENCE_KINDS, purpose="evidence", plan_id=plan_id)
        item.note, item.done_at = note.strip(), clock.now()
        item.save(update_fields=["note", "done_at"])
        audit_record(
            actor=actor,
            action="checkitem.done",
            target=item,
            summary=f"{item.venue}：{item.name} 已完成",
            plan_id=plan_id,
        )
    return item


def inspection_record(
    *,
    actor,
    venue: Venue,
    phase: CampaignPhase,
    inspected_on: dt.date | None,
    inspectors: str = "",
    notes: str = "",
    problems: list[dict] = (),
) -> Inspection:
    """An inspection and the problems it found: {"description", "category", "severity", "photo"}."""
    not_in_future(inspected_on, label="检查日期", field="inspected_on")
    if phase.campaign_id != venue.campaign_id:
        raise FieldworkError("阶段与场所不属于同一专项整治。", field="phase")
    for i, p in enumerate(problems, start=1):
        if not (p.get("description") or "").strip() or not (p.get("category") or "").strip():
            raise FieldworkError(f"第 {i} 个问题：请填写问题描述和类别。", field="problems")
        if p.get("severity", Problem.Severity.MINOR) not in Problem.Severity.values:
            raise FieldworkError(f"第 {i} 个问题：严重程度不正确。", field="problems")
        p["photos"] = check_files([p.get("photo")], kinds={"image"}, field="photo")
    plan_id = venue.campaign.activity.plan_id
    with transaction.atomic():
        inspection = Inspection.objects.create(
            venue=venue,
            phase=phase,
            inspected_on=inspected_on,
            inspectors=inspectors.strip()[:200],
            notes=notes.strip(),
            created_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        for p in problems:
            problem = Problem.objects.create(
                inspection=inspection,
                venue=venue,
                phase=phase,
                description=p["description"].strip(),
                category=p["category"].strip()[:50],
                severity=p.get("severity", Problem.Severity.MINOR),
            )
            attach(actor=actor, target=problem, uploads=p["photos"], kinds={"image"}, purpose="photo", plan_id=plan_id)
        audit_record(
            actor=actor,
            action="inspection.record",
            target=inspection,
            summary=f"检查 {venue}，发现问题 {len(problems)} 个",
            plan_id=plan_id,
        )
    return inspection


def _move(*, actor, problem: Problem, allowed: tuple[str, ...], action: str, summary: str, **values) -> Problem:
    """One state change of a problem, applied only if nobody moved it since it was read."""
    changed = Problem.objects.filter(pk=problem.pk, state__in=allowed).update(updated_at=clock.now(), **values)
    if not changed:
        raise FieldworkError(
            f"这个问题当前状态为“{problem.get_state_display()}”，不能这样处理（可能刚被他人处理），请刷新。"
        )
    problem.refresh_from_db()
    audit_record(
        actor=actor, action=action, target=problem, summary=summary, plan_id=problem.venue.campaign.activity.plan_id
    )
    return problem


@transaction.atomic
def problem_set_measure(*, actor, problem: Problem, measure: str, deadline: dt.date | None) -> Problem:
    if not measure.strip():
        raise FieldworkError("请填写整改措施。", field="measure")
    if deadline is None:
        raise FieldworkError("请填写整改时限。", field="deadline")
    return _move(
        actor=actor,
        problem=problem,
        allowed=(Problem.State.FOUND, Problem.State.RECTIFYING),
        action="problem.measure",
        summary=f"整改措施：{measure.strip()[:80]}；时限 {deadline:%Y-%m-%d}",
        state=Problem.State.RECTIFYING,
        measure=measure.strip(),
        deadline=deadline,
    )


def problem_submit(*, actor, problem: Problem, rectification: str, evidence=()) -> Problem:
    """The venue reports what it rectified, with evidence (photos or documents)."""
    if not rectification.strip():
        raise FieldworkError("请填写整改情况。", field="rectification")
    evidence = check_files(evidence, kinds=EVIDENCE_KINDS, field="evidence")
    with transaction.atomic():
        problem = _move(
            actor=actor,
            problem=problem,
            allowed=(Problem.State.RECTIFYING,),
            action="problem.submit",
            summary="报送整改情况",
            state=Problem.State.SUBMITTED,
            rectification=rectification.strip(),
        )
        attach(
            actor=actor,
            target=problem,
            uploads=evidence,
            kinds=EVIDENCE_KINDS,
            purpose="evidence",
            plan_id=problem.venue.campaign.activity.plan_id,
        )
    return problem


def problem_sign_off(*, actor, problem: Problem, comment: str = "", evidence=()) -> Problem:
    """销号 after review — never without evidence of the rectification."""
    evidence = check_files(evidence, kinds=EVIDENCE_KINDS, field="evidence")
    if not evidence and not attachments_of(problem, purpose="evidence").exists():
        raise FieldworkError("销号须有整改佐证材料（照片或文件），请先上传。", field="evidence")
    with transaction.atomic():
        attach(
            actor=actor,
            target=problem,
            uploads=evidence,
            kinds=EVIDENCE_KINDS,
            purpose="evidence",
            plan_id=problem.venue.campaign.activity.plan_id,
        )
        return _move(
            actor=actor,
            problem=problem,
            allowed=(Problem.State.SUBMITTED,),
            action="problem.sign_off",
            summary="销号" + (f"：{comment.strip()}" if comment.strip() else ""),
            state=Problem.State.SIGNED_OFF,
            review_comment=comment.strip(),
            signed_off_at=clock.now(),
            signed_off_by=actor if getattr(actor, "is_authenticated", False) else None,
        )


@transaction.atomic
def problem_return(*, actor, problem: Problem, comment: str) -> Problem:
    """退回: the rectification is not acceptable; the problem goes back to rectifying."""
    if not comment.strip():
        raise FieldworkError("退回时请写明理由。", field="comment")
    return _move(
        actor=actor,
        problem=problem,
        allowed=(Problem.State.SUBMITTED,),
        action="problem.return",
        summary=f"退回：{comment.strip()}",
        state=Problem.State.RECTIFYING,
        review_comment=comment.strip(),
        returned_count=problem.returned_count + 1,
    )


def phase_open_items(phase: CampaignPhase) -> dict[str, int]:
    """What keeps a phase from closing: required checklist items not done, problems found in it not signed off."""
    return {
        "items": CheckItem.objects.filter(phase=phase, required=True, done_at__isnull=True).count(),
        "problems": Problem.objects.filter(phase=phase).filter(~Q(state=Problem.State.SIGNED_OFF)).count(),
    }


@transaction.atomic
def phase_close(*, actor, phase: CampaignPhase, override_reason: str = "") -> CampaignPhase:
    """The gate: a phase closes when nothing required is open, or by an administrator's override with a reason."""
    if phase.is_closed:
        raise FieldworkError("本阶段已关闭。")
    open_ = phase_open_items(phase)
    reason = override_reason.strip()
    if open_["items"] or open_["problems"]:
        if not reason:
            raise FieldworkError(
                f"本阶段还有 {open_['items']} 项必须完成的事项、{open_['problems']} 个未销号的问题，不能关闭。"
                "管理员可填写理由强制关闭。",
                field="override_reason",
            )
        if not is_admin(actor):
            raise FieldworkError("只有管理员可以强制关闭阶段。", field="override_reason")
    phase.closed_at, phase.closed_by = clock.now(), actor if getattr(actor, "is_authenticated", False) else None
    phase.override_reason = reason if (open_["items"] or open_["problems"]) else ""
    phase.save(update_fields=["closed_at", "closed_by", "override_reason"])
    summary = f"关闭阶段“{phase.name}”"
    if phase.override_reason:
        summary += f"（强制关闭：未完成事项 {open_['items']} 项、未销号问题 {open_['problems']} 个；理由：{reason}）"
    audit_record(
        actor=actor,
        action="phase.override_close" if phase.override_reason else "phase.close",
        target=phase,
        summary=summary,
        changes=open_,
        plan_id=phase.campaign.activity.plan_id,
    )
    return phase
