"""`tongxin createadmin`: the first account, from options or the environment."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

from tongxin.accounts.models import User

pytestmark = pytest.mark.django_db


def test_createadmin_from_options_makes_an_admin_who_can_sign_in(client):
    call_command("createadmin", "--username", "chief", "--password", "Chifeng-2019-admin", "--no-input")
    user = User.objects.get(username="chief")
    assert (user.role, user.must_change_password, user.check_password("Chifeng-2019-admin")) == ("admin", False, True)
    r = client.post("/accounts/login/", {"username": "chief", "password": "Chifeng-2019-admin"})
    assert r.status_code == 302 and client.get("/").context["user"].username == "chief"


def test_createadmin_from_the_environment(monkeypatch):
    monkeypatch.setenv("TONGXIN_ADMIN_USERNAME", "ops")
    monkeypatch.setenv("TONGXIN_ADMIN_PASSWORD", "Chifeng-2019-ops")
    call_command("createadmin", "--no-input")
    assert User.objects.get(username="ops").role == "admin"


def test_createadmin_refuses_weak_or_missing_input():
    with pytest.raises(CommandError, match="密码太短"):
        call_command("createadmin", "--username", "chief", "--password", "short", "--no-input")
    with pytest.raises(CommandError, match="请提供用户名和密码"):
        call_command("createadmin", "--no-input", "--username", "", "--password", "")
    assert not User.objects.exists()
