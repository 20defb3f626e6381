"""Personal API tokens: made on the settings page or the command line, stored hashed, shown once, revocable.

Personas from tests/conftest.py: dangwai (a unit) uses tokens for its OA system; zongjiao and stranger try to reach
what they cannot see; viewer may read but never write.
"""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.test import Client

from tongxin.core import clock
from tongxin.tokens.models import ApiToken
from tongxin.tokens.services import token_authenticate, token_create, token_revoke


def bearer(raw: str) -> Client:
    return Client(headers={"Authorization": f"Bearer {raw}"})


def test_only_a_hash_is_stored_and_the_token_finds_its_owner(people):
    token, raw = token_create(actor=people["dangwai"], owner=people["dangwai"], name="OA 对接", scope="write", days=30)
    assert raw.startswith(token.prefix + "_") and len(raw) > 40
    row = ApiToken.objects.values().get(pk=token.pk)
    assert raw not in str(row) and raw.split("_")[-1] not in str(row)
    found = token_authenticate(raw)
    assert (found.pk, found.owner, found.scope) == (token.pk, people["dangwai"], "write")
    assert found.last_used_at is not None and ApiToken.objects.get().last_used_at == found.last_used_at


def test_settings_page_shows_the_secret_once_lists_and_revokes(client_for, people, django_assert_max_num_queries):
    client = client_for("dangwai")
    r = client.post("/tokens/", {"name": "OA 对接", "scope": "write", "days": "90"})
    html = r.content.decode()
    token = ApiToken.objects.get(owner=people["dangwai"])
    assert r.status_code == 200 and "只显示这一次" in html
    raw = html.split('<code class="token-secret">')[1].split("</code>")[0]
    assert token_authenticate(raw).pk == token.pk
    for i in range(5):
        token_create(actor=people["dangwai"], owner=people["dangwai"], name=f"系统{i}", scope="read")
    with django_assert_max_num_queries(8):
        listing = client.get("/tokens/").content.decode()
    assert raw not in listing and f"{token.prefix}…" in listing and "读写" in listing and "有效" in listing
    assert listing.count('data-testid="tokens"') == 1 and listing.count("<tr>") == 7  # header + six tokens
    r = client.post(f"/tokens/{token.pk}/revoke/", follow=True)
    assert "已吊销，立即失效" in r.content.decode()
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_someone_elses_token_cannot_be_revoked_or_listed(client_for, people):
    token, _ = token_create(actor=people["dangwai"], owner=people["dangwai"], name="OA", scope="read")
    client = client_for("zongjiao")
    assert client.post(f"/tokens/{token.pk}/revoke/").status_code == 404
    assert token.prefix not in client.get("/tokens/").content.decode()
    token.refresh_from_db()
    assert token.revoked_at is None


def test_an_empty_name_is_refused_with_a_chinese_message(client_for):
    r = client_for("dangwai").post("/tokens/", {"name": " ", "scope": "read"})
    assert r.status_code == 400 and "这个字段是必填项" in r.content.decode()
    assert not ApiToken.objects.exists()


def test_command_line_creates_a_token_that_works(people, tasks):
    out, err = io.StringIO(), io.StringIO()
    call_command("token", "create", "dangwai", "--scope", "read", "--days", "7", stdout=out, stderr=err)
    raw = out.getvalue().strip()
    assert "只显示这一次" in err.getvalue()
    token = ApiToken.objects.get()
    assert (token.owner, token.scope) == (people["dangwai"], "read")
    assert token.expires_at == token.created_at + dt.timedelta(days=7)
    r = bearer(raw).get("/api/tasks")
    assert r.status_code == 200
    assert {t["owner_org"] for t in r.json()["results"]} == {"党外干部和民主党派科"}


@pytest.mark.parametrize(
    "spoil, message",
    [
        (lambda t, raw: token_revoke(actor=t.owner, token=t) and raw, "令牌已被吊销。"),
        (
            lambda t, raw: ApiToken.objects.filter(pk=t.pk).update(expires_at=clock.now()) and raw,
            "令牌已过期，请重新创建。",
        ),
        (lambda t, raw: raw[:-2] + "xx", "令牌无效。"),
        (lambda t, raw: "abc", "令牌格式不正确。"),
    ],
    ids=["revoked", "expired", "wrong-secret", "garbage"],
)
def test_a_revoked_expired_or_wrong_token_gets_401_in_chinese(people, spoil, message):
    token, raw = token_create(actor=people["dangwai"], owner=people["dangwai"], name="OA", scope="read")
    r = bearer(spoil(token, raw)).get("/api/plans")
    assert r.status_code == 401
    assert r.json() == {"detail": message}
    assert r["WWW-Authenticate"].startswith("Bearer")


def test_a_token_of_a_deactivated_user_stops_working(people):
    _, raw = token_create(actor=people["dangwai"], owner=people["dangwai"], name="OA", scope="read")
    people["dangwai"].is_active = False
    people["dangwai"].save()
    assert bearer(raw).get("/api/plans").json() == {"detail": "令牌所属用户已停用。"}


def test_a_bearer_header_does_not_sign_anyone_in_on_the_pages(people):
    _, raw = token_create(actor=people["admin"], owner=people["admin"], name="OA", scope="write")
    r = bearer(raw).get("/supervision/reports/")
    assert r.status_code == 302 and "/accounts/login/" in r["Location"]
