"""Sign-in, lockout after repeated failures, and role-based 403s."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_sign_in_page_is_chinese_and_signs_in(client, people):
    r = client.get(reverse("accounts:login"))
    assert "登录" in r.content.decode() and "用户名" in r.content.decode()
    r = client.post(reverse("accounts:login"), {"username": "viewer", "password": "secret-pass-1"})
    assert r.status_code == 302
    assert client.get(reverse("activities:overview")).context["user"].username == "viewer"


def test_wrong_password_says_so_in_chinese(client, people):
    r = client.post(reverse("accounts:login"), {"username": "viewer", "password": "nope"})
    assert "用户名或密码不正确" in r.content.decode()


def test_five_failures_lock_the_account_even_with_the_right_password(client, people):
    for _ in range(5):
        client.post(reverse("accounts:login"), {"username": "viewer", "password": "wrong"})
    r = client.post(reverse("accounts:login"), {"username": "viewer", "password": "secret-pass-1"})
    assert r.status_code == 429
    assert "账号已暂时锁定" in r.content.decode()
    assert "_auth_user_id" not in client.session


def test_read_only_and_unit_users_get_403_on_import(client_for, people):
    for who in ("viewer", "dangwai", "zhang"):
        r = client_for(who).get(reverse("ingest:import"))
        assert r.status_code == 403, who
