"""Publishing a reviewed draft: one short transaction creates the plan, or updates the same plan imported before.

Everything that only reads (finding the plan, matching items to its activities) happens before the transaction,
and the writes are bulk statements, so a 1,000-item plan holds SQLite's write lock for well under a second.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.db import connections, router, transaction

from tongxin.activities.models import Activity, Assignment, Phase, Session, TimeWindow
from tongxin.audit.services import audit_record
from tongxin.core import clock
from tongxin.ingest.services.importing import ImportRejected
from tongxin.ingest.services.matching import Matching, identity_key, match_activities
from tongxin.ingest.tasks import import_publish
from tongxin.orgs.services import OrgResolver
from tongxin.plans.models import Plan, PlanContact, PlanImport, PlanSection

BATCH = 500
log = logging.getLogger(__name__)


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


def included_items(draft: dict) -> list[dict]:
    """The draft's items a reviewer kept (an item set aside in review carries `excluded: true`)."""
    return [a for a in draft.get("activities") or [] if not a.get("excluded")]


def plan_title(plan_import: PlanImport) -> tuple[str, int | None]:
    draft = plan_import.draft
    return (draft.get("title") or plan_import.original_name).strip(), draft.get("year")


def publish_target(plan_import: PlanImport) -> tuple[Plan | None, Matching]:
    """The published plan this import would update (None: a new plan) and how its items match that plan's activities."""
    title, year = plan_title(plan_import)
    plan = Plan.objects.filter(identity_key=identity_key(title, year)).first()
    existing = list(plan.activities.filter(origin=Activity.Origin.PLAN)) if plan else []
    return plan, match_activities(existing, included_items(plan_import.draft))


def plan_import_publish(*, user, plan_import: PlanImport, merges: dict[str, str] | None = None) -> Plan:
    """Create or update the plan from the draft, then mark it published; all or nothing."""
    if plan_import.status not in (PlanImport.Status.DRAFT, PlanImport.Status.PUBLISHING):
        raise ImportRejected("这份导入已经处理过，不能重复发布。")
    draft = plan_import.draft
    title, year = plan_title(plan_import)
    found, matching = publish_target(plan_import)
    with transaction.atomic():
        plan = Plan.objects.select_for_update().filter(identity_key=identity_key(title, year)).first()
        if plan is not None and (found is None or found.pk != plan.pk):
            matching = publish_target(plan_import)[1]  # published meanwhile by someone else: match again
        created = plan is None
        plan = plan or Plan(identity_key=identity_key(title, year), created_by=_user(user))
        _fill_plan(plan, plan_import, draft, title, year, created)
        resolver = OrgResolver(merges or {}, actor=user)
        summary = _sync_activities(plan, included_items(draft), matching, resolver)
        plan_import.status = PlanImport.Status.PUBLISHED
        plan_import.plan = plan
        plan_import.error = ""
        plan_import.save(update_fields=["status", "plan", "error"])
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


def plan_import_publish_start(*, user, plan_import: PlanImport, merges: dict[str, str] | None = None) -> PlanImport:
    """Queue the publishing of a reviewed draft; the progress page follows it to the plan."""
    if plan_import.status != PlanImport.Status.DRAFT:
        raise ImportRejected("这份导入已经处理过，不能重复发布。")
    if not included_items(plan_import.draft):
        raise ImportRejected("还没有可发布的活动。请先用“添加条目”补上至少一项。")
    claimed = PlanImport.objects.filter(pk=plan_import.pk, status=PlanImport.Status.DRAFT).update(
        status=PlanImport.Status.PUBLISHING, error=""
    )
    if not claimed:
        raise ImportRejected("这份导入正在发布或已经处理过。")
    plan_import.status, plan_import.error = PlanImport.Status.PUBLISHING, ""
    try:
        import_publish.enqueue(plan_import.pk, merges or {}, getattr(_user(user), "pk", None))
    except Exception:
        log.exception("could not queue the publishing of import %s", plan_import.pk)
        _back_to_review(plan_import, "后台任务无法排队，请稍后再发布。")
    return plan_import


def plan_import_publish_run(*, plan_import: PlanImport, merges: dict[str, str], user_id: int | None) -> PlanImport:
    """The background job's work; a failure leaves the draft as it was, back in review with the reason."""
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.filter(pk=user_id).first() if user_id else None
    if plan_import.status != PlanImport.Status.PUBLISHING:
        return plan_import  # published already (a job delivered twice) or put back
    try:
        plan_import_publish(user=user or "后台任务", plan_import=plan_import, merges=merges)
    except ImportRejected as exc:
        _back_to_review(plan_import, exc.message)
    except Exception:
        log.exception("publishing import %s failed", plan_import.pk)
        _back_to_review(plan_import, "发布时出错，方案没有任何改动。请稍后重试；如仍失败，请联系管理员。")
    return plan_import


def _back_to_review(plan_import: PlanImport, error: str) -> None:
    plan_import.status, plan_import.error = PlanImport.Status.DRAFT, error
    PlanImport.objects.filter(pk=plan_import.pk).update(status=PlanImport.Status.DRAFT, error=error)


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


def _sync_activities(plan: Plan, items: list[dict], matching: Matching, resolver: OrgResolver) -> str:
    now = clock.now()
    fresh: list[Activity] = []
    kept: list[Activity] = []
    pairs: list[tuple[Activity, dict]] = []
    for order, (item, act) in enumerate(zip(items, matching.matches, strict=True)):
        if act is None:
            act = Activity(plan=plan, origin=Activity.Origin.PLAN)
            fresh.append(act)
        else:
            act.updated_at = now
            kept.append(act)
        _fill_activity(act, item, order, plan.source_text)
        pairs.append((act, item))
    Activity.objects.bulk_create(fresh, batch_size=BATCH)
    _update_rows(Activity, kept, [*ACTIVITY_FIELDS, "updated_at"])
    kept_ids = [a.pk for a in kept]
    for chunk in _chunks(kept_ids):
        TimeWindow.objects.filter(activity_id__in=chunk).delete()
        Phase.objects.filter(activity_id__in=chunk).delete()
        Assignment.objects.filter(activity_id__in=chunk, session__isnull=True).delete()
    TimeWindow.objects.bulk_create([w for act, item in pairs for w in _windows(act, item)], batch_size=BATCH)
    Phase.objects.bulk_create([p for act, item in pairs for p in _phases(act, item)], batch_size=BATCH)
    _sync_sessions(pairs, kept_ids)
    Assignment.objects.bulk_create(
        [a for act, item in pairs for a in _assignments(act, item, resolver)], batch_size=BATCH
    )
    # An activity the new version dropped keeps its history (tasks, reports) and is marked cancelled.
    for chunk in _chunks([a.pk for a in matching.stale]):
        Activity.objects.filter(pk__in=chunk).update(state=Activity.State.CANCELLED, updated_at=now)
    parts = [f"新增 {len(fresh)} 项", f"更新 {len(kept)} 项"]
    if matching.stale:
        parts.append(f"取消 {len(matching.stale)} 项（新版本中已删除）")
    return "，".join(parts)


def _update_rows(model, objs: list, fields: list[str]) -> None:
    """UPDATE … WHERE id = ? for each row in one executemany: Django's bulk_update builds a CASE per field and row,
    which costs seconds for a thousand activities (while holding the write lock)."""
    if not objs:
        return
    conn = connections[router.db_for_write(model)]
    cols = [model._meta.get_field(f) for f in fields]
    qn = conn.ops.quote_name
    sql = "UPDATE {} SET {} WHERE {} = %s".format(
        qn(model._meta.db_table), ", ".join(f"{qn(c.column)} = %s" for c in cols), qn(model._meta.pk.column)
    )
    rows = [[c.get_db_prep_save(getattr(o, c.attname), conn) for c in cols] + [o.pk] for o in objs]
    with conn.cursor() as cursor:
        cursor.executemany(sql, rows)


def _chunks(ids: list[int]):
    for i in range(0, len(ids), BATCH):
        yield ids[i : i + BATCH]


ACTIVITY_FIELDS = [
    "number", "order", "title", "kinds", "span_start", "span_end", "paragraph", "places", "place_pending",
    "participants", "recurrence_text", "recurrence_months", "starts_on", "ends_on",
]  # fmt: skip


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


def _windows(act: Activity, item: dict) -> list[TimeWindow]:
    return [
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


def _phases(act: Activity, item: dict) -> list[Phase]:
    return [
        Phase(activity=act, order=i, name=(p if isinstance(p, str) else p.get("name", ""))[:200])
        for i, p in enumerate(item.get("phases") or [])
    ]


def _sync_sessions(pairs: list[tuple[Activity, dict]], kept_ids: list[int]) -> None:
    """Sessions are updated in place by position, so what hangs on them (attendance, reports) stays attached."""
    current: dict[int, list[Session]] = {}
    for chunk in _chunks(kept_ids):
        for s in Session.objects.filter(activity_id__in=chunk).order_by("activity_id", "order", "id"):
            current.setdefault(s.activity_id, []).append(s)
    new, changed, cancelled, dropped = [], [], [], []
    for act, item in pairs:
        have = current.get(act.pk, [])
        for i, s in enumerate(item.get("sessions") or []):
            session = have[i] if i < len(have) else Session(activity=act)
            session.order = i
            session.title = (s.get("title") or f"第{i + 1}期")[:500]
            session.start = _date(s.get("start"))
            session.end = _date(s.get("end"))
            session.place = (s.get("place") or "")[:300]
            (changed if session.pk else new).append(session)
        for surplus in have[len(item.get("sessions") or []) :]:
            (dropped if surplus.state == Session.State.PLANNED else cancelled).append(surplus.pk)
    Session.objects.bulk_create(new, batch_size=BATCH)
    _update_rows(Session, changed, ["order", "title", "start", "end", "place"])
    for chunk in _chunks(dropped):
        Session.objects.filter(pk__in=chunk).delete()
    for chunk in _chunks(cancelled):
        Session.objects.filter(pk__in=chunk).update(state=Session.State.CANCELLED)


def _evidence_span(item: dict, key: str, i: int) -> tuple[int | None, int | None]:
    spans = (item.get("evidence") or {}).get(key) or []
    if i < len(spans) and isinstance(spans[i], list | tuple) and len(spans[i]) == 2:
        return int(spans[i][0]), int(spans[i][1])
    return None, None


def _assignments(act: Activity, item: dict, resolver: OrgResolver) -> list[Assignment]:
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
    return rows
