"""Publishing a reviewed draft: one transaction creates the plan, or updates the same plan imported before."""

from __future__ import annotations

import datetime as dt
import difflib
import re
import unicodedata

from django.db import transaction

from tongxin.activities.models import Activity, Assignment, Phase, Session, TimeWindow
from tongxin.audit.services import audit_record
from tongxin.core import clock
from tongxin.orgs.services import OrgResolver
from tongxin.plans.models import Plan, PlanContact, PlanImport, PlanSection
from tongxin.plans.services.importing import ImportRejected


def identity_key(title: str, year: int | None) -> str:
    """The same plan imported twice (a corrected version) has the same key: its title without spacing or punctuation."""
    norm = unicodedata.normalize("NFKC", title or "")
    norm = re.sub(r"[\s\W_]+", "", norm)
    return f"{year or ''}:{norm}"[:320]


def _date(value) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        return None


def _span(item: dict) -> tuple[int | None, int | None]:
    span = item.get("span")
    if isinstance(span, list | tuple) and len(span) == 2:
        return int(span[0]), int(span[1])
    return None, None


def plan_import_publish(*, user, plan_import: PlanImport, merges: dict[str, str] | None = None) -> Plan:
    """Create or update the plan from the draft, then mark it published; all or nothing."""
    if plan_import.status != PlanImport.Status.DRAFT:
        raise ImportRejected("这份导入已经处理过，不能重复发布。")
    draft = plan_import.draft
    title = (draft.get("title") or plan_import.original_name).strip()
    year = draft.get("year")
    with transaction.atomic():
        plan = Plan.objects.select_for_update().filter(identity_key=identity_key(title, year)).first()
        created = plan is None
        plan = plan or Plan(identity_key=identity_key(title, year), created_by=_user(user))
        _fill_plan(plan, plan_import, draft, title, year, created)
        resolver = OrgResolver(merges or {}, actor=user)
        summary = _sync_activities(plan, draft.get("activities", []), resolver)
        plan_import.status = PlanImport.Status.PUBLISHED
        plan_import.plan = plan
        plan_import.save(update_fields=["status", "plan"])
        verb = "导入并发布了方案" if created else f"用新版本（第 {plan.version} 版）更新了方案"
        audit_record(
            actor=user,
            action="plan.import" if created else "plan.reimport",
            target=plan,
            summary=f"{verb}《{plan.title}》：{summary}",
            changes={"source": plan_import.original_name, "merges": merges or {}},
            plan_id=plan.pk,
        )
    return plan


def _user(user):
    return user if getattr(user, "is_authenticated", False) else None


def _fill_plan(plan: Plan, plan_import: PlanImport, draft: dict, title: str, year, created: bool) -> None:
    plan.title = title[:300]
    plan.year = year
    plan.issuer = (draft.get("issuer") or "")[:200]
    plan.source_name = plan_import.original_name
    plan.source_text = plan_import.text
    plan.source_sha256 = plan_import.sha256
    plan.source_file = plan_import.file.name
    reporting = draft.get("reporting") or {}
    plan.reporting_to = (reporting.get("to") or "")[:200]
    plan.reporting_text = reporting.get("text") or ""
    plan.status = Plan.Status.PUBLISHED
    plan.published_at = plan.published_at or clock.now()
    if not created:
        plan.version += 1
    plan.save()
    plan.sections.all().delete()
    PlanSection.objects.bulk_create(
        [
            PlanSection(plan=plan, kind=kind, number=s.get("number") or "", title=(s.get("title") or "")[:500], order=i)
            for kind, key in ((PlanSection.Kind.SECTION, "sections"), (PlanSection.Kind.REQUIREMENT, "requirements"))
            for i, s in enumerate(draft.get(key) or [])
        ]
    )
    plan.contacts.all().delete()
    PlanContact.objects.bulk_create(
        [
            PlanContact(
                plan=plan,
                name=(c.get("name") or "")[:100],
                phones=c.get("phones") or [],
                fax=(c.get("fax") or "")[:50],
                email=(c.get("email") or "")[:200],
            )
            for c in draft.get("contacts") or []
        ]
    )


def _match(existing: list[Activity], item: dict) -> Activity | None:
    """The activity a re-imported item updates: same number and a similar title, else a very similar title."""
    title = item.get("title") or ""
    best, best_ratio = None, 0.0
    for act in existing:
        ratio = difflib.SequenceMatcher(None, act.title, title).ratio()
        if act.number and act.number == (item.get("number") or ""):
            ratio += 0.3
        if ratio > best_ratio:
            best, best_ratio = act, ratio
    return best if best_ratio >= 0.75 else None


def _sync_activities(plan: Plan, items: list[dict], resolver: OrgResolver) -> str:
    existing = list(plan.activities.filter(origin=Activity.Origin.PLAN))
    created = updated = 0
    for order, item in enumerate(items):
        act = _match(existing, item)
        if act is not None:
            existing.remove(act)
            updated += 1
        else:
            act = Activity(plan=plan, origin=Activity.Origin.PLAN)
            created += 1
        _fill_activity(act, item, order, plan.source_text)
        _sync_children(act, item, resolver)
    for stale in existing:
        # An activity the new version dropped keeps its history (tasks, reports) and is marked cancelled.
        stale.state = Activity.State.CANCELLED
        stale.save(update_fields=["state", "updated_at"])
    parts = [f"新增 {created} 项", f"更新 {updated} 项"]
    if existing:
        parts.append(f"取消 {len(existing)} 项（新版本中已删除）")
    return "，".join(parts)


def _fill_activity(act: Activity, item: dict, order: int, source_text: str) -> None:
    act.number = (item.get("number") or "")[:20]
    act.order = order
    act.title = (item.get("title") or "（未命名活动）")[:500]
    act.kinds = list(item.get("components") or ["other"])
    act.span_start, act.span_end = _span(item)
    if act.span_start is not None and act.span_end is not None:
        act.paragraph = source_text[act.span_start : act.span_end]
    else:
        act.paragraph = item.get("paragraph") or ""
    act.places = list(item.get("places") or [])
    act.place_pending = bool(item.get("place_pending"))
    act.participants = list(item.get("participants") or [])
    recurrence = item.get("recurrence") or {}
    act.recurrence_text = (recurrence.get("text") or "")[:200]
    act.recurrence_months = recurrence.get("every_months")
    windows = [(_date(w.get("start")), _date(w.get("end"))) for w in item.get("windows") or []]
    sessions = [(_date(s.get("start")), _date(s.get("end"))) for s in item.get("sessions") or []]
    starts = [s for s, _ in windows + sessions if s] or [e for _, e in windows + sessions if e]
    ends = [e for _, e in windows + sessions if e]
    act.starts_on = min(starts) if starts else None
    act.ends_on = max(ends) if ends else None
    act.save()


def _sync_children(act: Activity, item: dict, resolver: OrgResolver) -> None:
    act.windows.all().delete()
    TimeWindow.objects.bulk_create(
        [
            TimeWindow(
                activity=act,
                order=i,
                start=_date(w.get("start")),
                end=_date(w.get("end")),
                text=(w.get("text") or "")[:200],
                tentative=bool(w.get("tentative")),
                approximate=bool(w.get("approximate")),
                span_start=_span(w)[0],
                span_end=_span(w)[1],
            )
            for i, w in enumerate(item.get("windows") or [])
        ]
    )
    _sync_sessions(act, item.get("sessions") or [])
    act.phases.all().delete()
    Phase.objects.bulk_create(
        [
            Phase(activity=act, order=i, name=(p if isinstance(p, str) else p.get("name", ""))[:200])
            for i, p in enumerate(item.get("phases") or [])
        ]
    )
    _sync_assignments(act, item, resolver)


def _sync_sessions(act: Activity, items: list[dict]) -> None:
    """Sessions are updated in place by position, so what hangs on them (attendance, reports) stays attached."""
    current = list(act.sessions.order_by("order", "id"))
    for i, s in enumerate(items):
        session = current[i] if i < len(current) else Session(activity=act)
        session.order = i
        session.title = (s.get("title") or f"第{i + 1}期")[:500]
        session.start = _date(s.get("start"))
        session.end = _date(s.get("end"))
        session.place = (s.get("place") or "")[:300]
        session.save()
    for surplus in current[len(items) :]:
        if surplus.state == Session.State.PLANNED:
            surplus.delete()
        else:
            surplus.state = Session.State.CANCELLED
            surplus.save(update_fields=["state"])


def _evidence_span(item: dict, key: str, i: int) -> tuple[int | None, int | None]:
    spans = (item.get("evidence") or {}).get(key) or []
    if i < len(spans) and isinstance(spans[i], list | tuple) and len(spans[i]) == 2:
        return int(spans[i][0]), int(spans[i][1])
    return None, None


def _sync_assignments(act: Activity, item: dict, resolver: OrgResolver) -> None:
    act.assignments.filter(session__isnull=True).delete()
    rows: list[Assignment] = []
    for role, key in (
        (Assignment.Role.LEAD, "lead_leaders"),
        (Assignment.Role.RESPONSIBLE, "responsible"),
        (Assignment.Role.COOPERATING, "cooperating"),
    ):
        for i, name in enumerate(item.get(key) or []):
            holder = (
                {"person": resolver.leader(name)}
                if role == Assignment.Role.LEAD
                else {"organisation": resolver.unit(name)}
            )
            start, end = _evidence_span(item, key, i)
            rows.append(
                Assignment(
                    activity=act,
                    role=role,
                    name_as_written=name[:200],
                    order=i,
                    span_start=start,
                    span_end=end,
                    **holder,
                )
            )
    Assignment.objects.bulk_create(rows)


def plan_set_status(*, user, plan: Plan, status: str) -> Plan:
    if status not in Plan.Status.values:
        raise ImportRejected("未知的方案状态。")
    with transaction.atomic():
        before = plan.status
        plan.status = status
        if status == Plan.Status.PUBLISHED and not plan.published_at:
            plan.published_at = clock.now()
        plan.save(update_fields=["status", "published_at", "updated_at"])
        audit_record(
            actor=user,
            action="plan.status",
            target=plan,
            summary=f"方案状态：{Plan.Status(before).label} → {Plan.Status(status).label}",
            changes={"status": [before, status]},
            plan_id=plan.pk,
        )
    return plan
