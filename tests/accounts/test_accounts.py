"""Accounts: creating, inviting with a one-time link, first sign-in with an initial password, resetting,
unlocking after a lockout and deactivating.

Personas: admin manages accounts; viewer and dangwai must get 403 on the account screens."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse

from tongxin.accounts.models import User
from tongxin.accounts.services import (
    AccountError,
    account_create,
    account_deactivate,
    account_invite,
    account_set_password,
)
from tongxin.audit.models import AuditEntry
from tongxin.core import clock

pytestmark = pytest.mark.django_db

GOOD = "Tongxin-2019-ok"


def _new(people, units, **kw):
    return account_create(actor=people["admin"], username="liming", role="unit", organisation=units["dangwai"], **kw)


def test_an_account_waits_for_its_invite_or_must_change_its_initial_password(people, units):
    invited = _new(people, units, display_name="李明")
    assert (invited.has_usable_password(), invited.must_change_password) == (False, False)
    starter = account_create(
        actor=people["admin"], username="wangfang", role="viewer", initial_password="Chifeng-start-1"
    )
    assert starter.check_password("Chifeng-start-1") and starter.must_change_password
    assert AuditEntry.objects.filter(action="account.create").count() == 2


def test_account_rules_are_explained_in_chinese(people, units):
    with pytest.raises(AccountError, match="必须选择所属单位"):
        account_create(actor=people["admin"], username="x1", role="unit")
    with pytest.raises(AccountError, match="已被使用"):
        account_create(actor=people["admin"], username="Viewer", role="viewer")
    with pytest.raises(AccountError, match="密码太短，至少需要 8 个字符"):
        account_create(actor=people["admin"], username="x2", role="viewer", initial_password="abc")
    with pytest.raises(AccountError, match="数字"):
        account_create(actor=people["admin"], username="x3", role="viewer", initial_password="8317564920")


def test_the_invite_link_sets_a_password_signs_in_and_works_once(client, people, units):
    user = _new(people, units)
    link = account_invite(actor=people["admin"], user=user)
    page = client.get(link)
    assert "liming" in page.content.decode() and "设置密码" in page.content.decode()
    r = client.post(link, {"password1": GOOD, "password2": GOOD})
    assert r.status_code == 302 and r["Location"] == reverse("activities:overview")
    assert client.get(reverse("activities:overview")).context["user"].username == "liming"
    user.refresh_from_db()
    assert user.check_password(GOOD)
    client.logout()
    again = client.get(link)
    assert again.status_code == 410
    assert "链接已使用过" in again.content.decode()


def test_the_invite_link_expires_and_a_new_one_revokes_the_old(client, people, units, settings):
    settings.TONGXIN_INVITE_DAYS = 7
    user = _new(people, units)
    first = account_invite(actor=people["admin"], user=user)
    with clock.travel(clock.now() + dt.timedelta(days=8)):
        assert "链接已过期（有效期 7 天）" in client.get(first).content.decode()
    second = account_invite(actor=people["admin"], user=user)
    assert "链接已使用过或已被新的链接取代" in client.get(first).content.decode()
    assert client.get(second).status_code == 200
    assert client.get("/accounts/invite/forged-token/").status_code == 410


def test_mismatched_or_weak_passwords_are_refused_on_the_invite_page(client, people, units):
    link = account_invite(actor=people["admin"], user=_new(people, units))
    body = client.post(link, {"password1": GOOD, "password2": GOOD + "x"}).content.decode()
    assert "两次输入的密码不一致" in body
    body = client.post(link, {"password1": "12345678", "password2": "12345678"}).content.decode()
    assert "这个密码太常见了" in body


def test_an_initial_password_must_be_changed_before_anything_else(client, people, units):
    account_create(actor=people["admin"], username="wangfang", role="unit", organisation=units["dangwai"],
                   initial_password="Chifeng-start-1")  # fmt: skip
    client.post(reverse("accounts:login"), {"username": "wangfang", "password": "Chifeng-start-1"})
    r = client.get(reverse("supervision:tasks"))
    assert r.status_code == 302 and r["Location"] == reverse("accounts:password_change") + "?first=1"
    page = client.get(r["Location"]).content.decode()
    assert "您正在使用初始密码" in page
    r = client.post(
        reverse("accounts:password_change"),
        {"old_password": "Chifeng-start-1", "password1": GOOD, "password2": GOOD},
    )
    assert r.status_code == 302
    assert client.get(reverse("supervision:tasks")).status_code == 200
    assert User.objects.get(username="wangfang").must_change_password is False


def test_admin_reset_sets_a_temporary_password_to_be_changed(client_for, people):
    c = client_for("admin")
    r = c.post(reverse("accounts:reset", args=[people["viewer"].pk]), {"password": "Temp-pass-2019"})
    assert r.status_code == 302
    viewer = User.objects.get(username="viewer")
    assert viewer.check_password("Temp-pass-2019") and viewer.must_change_password
    assert AuditEntry.objects.get(action="account.reset_password").summary == "重置“viewer”的密码（首次登录须修改）"


def test_a_deactivated_account_cannot_sign_in_and_its_history_stays(client, people):
    account_set_password(actor=people["viewer"], user=people["viewer"], password=GOOD)
    client.force_login(people["viewer"])
    account_deactivate(actor=people["admin"], user=people["viewer"])
    # The open session ends with it …
    assert client.get(reverse("activities:overview")).status_code == 302
    # … and signing in again is refused.
    r = client.post(reverse("accounts:login"), {"username": "viewer", "password": GOOD})
    assert r.status_code == 200 and "用户名或密码不正确" in r.content.decode()
    assert client.get(reverse("activities:overview")).status_code == 302
    assert AuditEntry.objects.filter(actor=people["viewer"], action="account.set_password").count() == 1
    with pytest.raises(AccountError, match="不能停用自己"):
        account_deactivate(actor=people["admin"], user=people["admin"])


def test_the_lockout_page_shows_the_configured_minutes_and_the_admin_unlocks(client, client_for, people, settings):
    settings.AXES_COOLOFF_TIME = 0.25  # hours: 15 minutes
    for _ in range(5):
        client.post(reverse("accounts:login"), {"username": "viewer", "password": "wrong"})
    locked = client.post(reverse("accounts:login"), {"username": "viewer", "password": "secret-pass-1"})
    assert locked.status_code == 429
    assert "已暂停 15 分钟" in locked.content.decode()
    admin = client_for("admin")
    page = admin.get(reverse("accounts:locked")).content.decode()
    assert "viewer" in page and "解除锁定" in page
    admin.post(reverse("accounts:unlock"), {"username": "viewer"})
    assert "目前没有被锁定的账号" in admin.get(reverse("accounts:locked")).content.decode()
    admin.logout()
    r = client.post(reverse("accounts:login"), {"username": "viewer", "password": "secret-pass-1"})
    assert r.status_code == 302
    assert AuditEntry.objects.filter(action="account.unlock").count() == 1


def test_account_screens_are_for_the_admin_only(client_for, people):
    for who in ("viewer", "dangwai", "zhang"):
        c = client_for(who)
        assert c.get(reverse("accounts:list")).status_code == 403, who
        assert c.get(reverse("accounts:locked")).status_code == 403, who
        assert c.post(reverse("accounts:reset", args=[people["viewer"].pk]), {"password": "x"}).status_code == 403


def test_the_account_list_pages_and_guards_its_queries(client_for, people, units, django_assert_max_num_queries):
    for i in range(60):
        User.objects.create(username=f"unit{i:02d}", role="unit", organisation=units["zongjiao"])
    c = client_for("admin")
    with django_assert_max_num_queries(12):
        page = c.get(reverse("accounts:list")).content.decode()
    assert page.count('class="card dir-row') == 50 and "共 67 个" in page
    assert "unit59" in c.get(reverse("accounts:list"), {"page": 2}).content.decode()


def test_creating_an_account_on_the_screen_shows_its_invite_link(client_for, units):
    c = client_for("admin")
    r = c.post(
        reverse("accounts:new"),
        {"username": "minmeng", "display_name": "民盟赤峰市委", "role": "member_org",
         "organisation": units["qiaolian"].pk, "setup": "invite"},
    )  # fmt: skip
    assert r.status_code == 302
    page = c.get(r["Location"]).content.decode()
    link = re.search(r'value="(http://testserver/accounts/invite/[^"]+)"', page).group(1)
    assert c.get(link.replace("http://testserver", "")).status_code == 200
