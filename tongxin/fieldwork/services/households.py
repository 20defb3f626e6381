"""Writes for 扶贫济困: household files, difficulties to a help measure and resolved with evidence, exports."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation

from django.db import transaction

from tongxin.audit.services import audit_record
from tongxin.core import clock
from tongxin.fieldwork.errors import FieldworkError
from tongxin.fieldwork.models import Difficulty, Household
from tongxin.fieldwork.services.common import EVIDENCE_KINDS, attach, check_files
from tongxin.files.selectors import attachments_of

ID_NUMBER = re.compile(r"^[0-9]{17}[0-9Xx]$")
PHONE = re.compile(r"^[0-9\-+ ]{7,20}$")
HOUSEHOLD_FIELDS = ("head_name", "id_number", "phone", "members", "town", "village", "category", "causes", "needs")


def _clean_household(values: dict) -> dict:
    values = {k: (values.get(k) or "").strip() for k in HOUSEHOLD_FIELDS}
    for field, label in (("head_name", "户主姓名"), ("town", "乡镇（苏木）"), ("village", "村（嘎查）")):
        if not values[field]:
            raise FieldworkError(f"请填写{label}。", field=field)
    if values["id_number"] and not ID_NUMBER.match(values["id_number"]):
        raise FieldworkError("身份证号应为 18 位（最后一位可为 X）。", field="id_number")
    values["id_number"] = values["id_number"].upper()
    if values["phone"] and not PHONE.match(values["phone"]):
        raise FieldworkError("联系电话只能包含数字。", field="phone")
    if values["category"] not in Household.Category.values:
        values["category"] = Household.Category.POOR
    return values


@transaction.atomic
def household_create(*, actor, activity, unit, **values) -> Household:
    household = Household.objects.create(activity=activity, unit=unit, **_clean_household(values))
    audit_record(
        actor=actor,
        action="household.create",
        target=household,
        summary=f"建档：{household.town}{household.village} {household.head_name}",
        plan_id=activity.plan_id,
    )
    return household


@transaction.atomic
def household_set_status(*, actor, household: Household, status: str) -> Household:
    if status not in Household.Status.values:
        raise FieldworkError("状态不正确。", field="status")
    old = household.get_status_display()
    household.status = status
    household.save(update_fields=["status", "updated_at"])
    audit_record(
        actor=actor,
        action="household.status",
        target=household,
        summary=f"状态由“{old}”改为“{household.get_status_display()}”",
        plan_id=household.activity.plan_id,
    )
    return household


@transaction.atomic
def difficulty_add(*, actor, household: Household, description: str, visit=None) -> Difficulty:
    if not description.strip():
        raise FieldworkError("请填写困难内容。", field="description")
    difficulty = Difficulty.objects.create(household=household, description=description.strip(), visit=visit)
    audit_record(
        actor=actor,
        action="difficulty.add",
        target=difficulty,
        summary=f"登记困难：{difficulty}",
        plan_id=household.activity.plan_id,
    )
    return difficulty


def _money(value) -> Decimal:
    try:
        money = Decimal(str(value or "0").strip() or "0")
    except InvalidOperation as exc:
        raise FieldworkError("帮扶资金应为数字（元）。", field="money") from exc
    if money < 0:
        raise FieldworkError("帮扶资金不能为负数。", field="money")
    return money


@transaction.atomic
def difficulty_set_measure(*, actor, difficulty: Difficulty, measure: str, money=0, goods: str = "") -> Difficulty:
    if difficulty.state == Difficulty.State.RESOLVED:
        raise FieldworkError("这项困难已解决。")
    if not measure.strip():
        raise FieldworkError("请填写帮扶措施。", field="measure")
    difficulty.measure, difficulty.money, difficulty.goods = measure.strip(), _money(money), goods.strip()[:300]
    difficulty.state = Difficulty.State.HELPING
    difficulty.save(update_fields=["measure", "money", "goods", "state"])
    audit_record(
        actor=actor,
        action="difficulty.measure",
        target=difficulty,
        summary=f"帮扶措施：{difficulty.measure[:100]}",
        plan_id=difficulty.household.activity.plan_id,
    )
    return difficulty


def difficulty_resolve(
    *, actor, difficulty: Difficulty, result: str, resolved_on: dt.date | None = None, evidence=()
) -> Difficulty:
    """Resolved only with evidence: a photo or document attached now or before."""
    if difficulty.state != Difficulty.State.HELPING:
        raise FieldworkError("请先填写帮扶措施，再登记解决。")
    if not result.strip():
        raise FieldworkError("请填写解决情况。", field="result")
    evidence = check_files(evidence, kinds=EVIDENCE_KINDS, field="evidence")
    if not evidence and not attachments_of(difficulty, purpose="evidence").exists():
        raise FieldworkError("登记解决须附佐证材料（照片或文件）。", field="evidence")
    day = resolved_on or clock.today()
    if day > clock.today():
        raise FieldworkError("解决日期不能晚于今天。", field="resolved_on")
    plan_id = difficulty.household.activity.plan_id
    with transaction.atomic():
        attach(
            actor=actor, target=difficulty, uploads=evidence, kinds=EVIDENCE_KINDS, purpose="evidence", plan_id=plan_id
        )
        difficulty.state, difficulty.result, difficulty.resolved_on = Difficulty.State.RESOLVED, result.strip(), day
        difficulty.save(update_fields=["state", "result", "resolved_on"])
        audit_record(actor=actor, action="difficulty.resolve", target=difficulty, summary="困难已解决", plan_id=plan_id)
    return difficulty


def personal_data_exported(*, actor, what: str, target, count: int, full: bool) -> None:
    """Every export that carries personal data leaves a line in the audit log: who, what, how many, masked or not."""
    audit_record(
        actor=actor,
        action="personal_data.export",
        target=target,
        summary=f"导出{what} {count} 条（{'含完整身份证号和电话' if full else '身份证号和电话已遮挡'}）",
        plan_id=getattr(getattr(target, "activity", None), "plan_id", None) or getattr(target, "plan_id", None),
    )
