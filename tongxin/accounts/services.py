"""Writes for accounts: create, invite, set and reset passwords, unlock after a lockout, deactivate; object roles."""

from __future__ import annotations

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model
from django.urls import reverse

from tongxin.accounts.invites import invite_token
from tongxin.accounts.models import ObjectRole, User
from tongxin.audit.services import audit_record
from tongxin.core import clock


class AccountError(Exception):
    """A change to an account that cannot be made, with the reason in Chinese."""


def _password_problems(password: str, user: User | None) -> None:
    try:
        password_validation.validate_password(password, user)
    except ValidationError as exc:
        raise AccountError("；".join(exc.messages)) from exc


@transaction.atomic
def account_create(
    *,
    actor,
    username: str,
    role: str,
    organisation=None,
    person=None,
    display_name: str = "",
    phone: str = "",
    email: str = "",
    initial_password: str = "",
) -> User:
    """A new account. With `initial_password` it must be changed at first sign-in; without, it waits for an invite."""
    username = username.strip()
    if not username:
        raise AccountError("请填写用户名。")
    if User.objects.filter(username__iexact=username).exists():
        raise AccountError(f"用户名“{username}”已被使用。")
    if role not in User.Role.values:
        raise AccountError(f"没有这个角色：{role}")
    if role in (User.Role.UNIT, User.Role.MEMBER_ORG) and organisation is None:
        raise AccountError("科室/单位和成员组织账号必须选择所属单位。")
    if person is not None and User.objects.filter(person=person).exists():
        raise AccountError(f"“{person}”已有账号。")
    user = User(
        username=username,
        role=role,
        organisation=organisation,
        person=person,
        display_name=display_name or (str(person) if person else ""),
        phone=phone,
        email=email,
        date_joined=clock.now(),
    )
    if initial_password:
        _password_problems(initial_password, user)
        user.set_password(initial_password)
        user.must_change_password = True
    else:
        user.set_unusable_password()
    user.save()
    audit_record(
        actor=actor,
        action="account.create",
        target=user,
        summary=f"新建账号“{user.username}”（{user.get_role_display()}{'，' + str(organisation) if organisation else ''}）",
    )
    return user


@transaction.atomic
def account_invite(*, actor, user: User) -> str:
    """A one-time link by which the person sets their own password; any earlier link stops working."""
    if not user.is_active:
        raise AccountError("账号已停用，不能发送邀请。")
    user.set_unusable_password()  # a fresh unusable hash: earlier links (and an old password) no longer work
    user.invited_at = clock.now()
    user.must_change_password = False
    user.save(update_fields=["password", "invited_at", "must_change_password"])
    audit_record(actor=actor, action="account.invite", target=user, summary=f"为“{user.username}”生成邀请链接")
    return reverse("accounts:invite", args=[invite_token(user)])


@transaction.atomic
def account_set_password(*, actor, user: User, password: str, must_change: bool = False) -> User:
    """Set a password: by its owner (first sign-in, invite, change) or by an admin resetting it (must_change)."""
    _password_problems(password, user)
    user.set_password(password)
    user.must_change_password = must_change
    user.save(update_fields=["password", "must_change_password"])
    by_admin = getattr(actor, "pk", None) != user.pk
    audit_record(
        actor=actor,
        action="account.reset_password" if by_admin else "account.set_password",
        target=user,
        summary=f"重置“{user.username}”的密码（首次登录须修改）" if by_admin else f"“{user.username}”设置了新密码",
    )
    return user


@transaction.atomic
def account_update(*, actor, user: User, **changes) -> User:
    allowed = {"role", "organisation", "person", "display_name", "phone", "email"}
    unknown = set(changes) - allowed
    if unknown:
        raise AccountError(f"不能修改这些字段：{', '.join(sorted(unknown))}")
    role = changes.get("role", user.role)
    org = changes.get("organisation", user.organisation)
    if role in (User.Role.UNIT, User.Role.MEMBER_ORG) and org is None:
        raise AccountError("科室/单位和成员组织账号必须选择所属单位。")
    before = {k: getattr(user, k) for k in changes}
    for key, value in changes.items():
        setattr(user, key, value)
    user.save()
    diff = {k: [before[k], getattr(user, k)] for k in changes if before[k] != getattr(user, k)}
    if diff:
        audit_record(
            actor=actor, action="account.update", target=user, summary=f"修改账号“{user.username}”", changes=diff
        )
    return user


@transaction.atomic
def account_deactivate(*, actor, user: User, active: bool = False) -> User:
    """Stop (or restore) sign-in; the account's reports, decisions and history stay as they are."""
    if getattr(actor, "pk", None) == user.pk and not active:
        raise AccountError("不能停用自己正在使用的账号。")
    if user.is_active == active:
        return user
    user.is_active = active
    user.save(update_fields=["is_active"])
    verb = "启用" if active else "停用"
    audit_record(
        actor=actor,
        action=f"account.{'activate' if active else 'deactivate'}",
        target=user,
        summary=f"{verb}账号“{user.username}”",
    )
    return user


def account_unlock(*, actor, username: str) -> int:
    """Lift a sign-in lockout (django-axes) for one user name, from every address; returns the attempts cleared."""
    from axes.utils import reset

    cleared = reset(username=username)
    user = User.objects.filter(username=username).first()
    if user is not None:
        audit_record(actor=actor, action="account.unlock", target=user, summary=f"解除“{username}”的登录锁定")
    return cleared


# ---------------------------------------------------------------- roles on objects


def _holder(user, person) -> dict:
    if (user is None) == (person is None):
        raise AccountError("对象角色须授予一个账号或一个人员（二选一）。")
    return {"user": user} if user is not None else {"person": person}


@transaction.atomic
def object_role_grant(*, actor, role: str, target: Model, user: User | None = None, person=None) -> ObjectRole:
    """`user` (or `person`) becomes `role` of `target` (reviewer of a call, inspector of a venue …); idempotent."""
    from django.contrib.contenttypes.models import ContentType

    role = role.strip()
    if not role:
        raise AccountError("请填写角色名称。")
    holder = _holder(user, person)
    ct = ContentType.objects.get_for_model(target)
    grant, created = ObjectRole.objects.get_or_create(
        role=role,
        target_type=ct,
        target_id=target.pk,
        **holder,
        defaults={"granted_by": actor if getattr(actor, "is_authenticated", False) else None},
    )
    if created:
        audit_record(actor=actor, action="object_role.grant", target=target, summary=f"授予“{grant}”于“{target}”")
    return grant


@transaction.atomic
def object_role_revoke(*, actor, role: str, target: Model, user: User | None = None, person=None) -> int:
    from django.contrib.contenttypes.models import ContentType

    holder = _holder(user, person)
    ct = ContentType.objects.get_for_model(target)
    n, _ = ObjectRole.objects.filter(role=role, target_type=ct, target_id=target.pk, **holder).delete()
    if n:
        who = user or person
        audit_record(actor=actor, action="object_role.revoke", target=target, summary=f"撤销“{who}”的“{role}”角色")
    return n
