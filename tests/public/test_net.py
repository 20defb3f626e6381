"""client_ip believes X-Forwarded-For only from TRUSTED_PROXIES, and django-axes locks out the real client."""

from __future__ import annotations

import pytest
from axes.models import AccessAttempt
from django.test import RequestFactory
from django.urls import reverse

from tongxin.public.net import axes_client_ip, client_ip


def _ip(remote, xff=None):
    extra = {"HTTP_X_FORWARDED_FOR": xff} if xff is not None else {}
    return client_ip(RequestFactory().get("/", REMOTE_ADDR=remote, **extra))


@pytest.fixture
def behind_proxy(settings):
    """As deployed behind nginx (deploy/tongxin.env.example): proxy headers on, believed from the listed proxies."""
    settings.TRUST_PROXY_HEADERS = True
    return settings


def test_without_trusted_proxies_the_header_is_ignored(behind_proxy):
    behind_proxy.TRUSTED_PROXIES = []
    assert _ip("198.51.100.9", "1.2.3.4") == "198.51.100.9"


def test_with_proxy_headers_off_even_a_listed_proxy_is_not_believed(settings):
    settings.TRUST_PROXY_HEADERS = False
    settings.TRUSTED_PROXIES = ["127.0.0.1", "::1"]  # the default list
    assert _ip("127.0.0.1", "203.0.113.5") == "127.0.0.1"


def test_behind_a_trusted_proxy_the_right_most_untrusted_hop_is_the_client(behind_proxy):
    behind_proxy.TRUSTED_PROXIES = ["127.0.0.1", "10.0.0.0/8"]
    assert _ip("127.0.0.1", "203.0.113.5") == "203.0.113.5"
    # The client forged a left-most entry; the proxies appended the real hops to the right of it.
    assert _ip("127.0.0.1", "1.1.1.1, 203.0.113.5, 10.1.2.3") == "203.0.113.5"
    assert _ip("127.0.0.1", "203.0.113.5:51234") == "203.0.113.5"
    assert _ip("127.0.0.1", "[2001:db8::7]:443") == "2001:db8::7"
    # No header, an empty one, or garbage: the nearest address we can vouch for.
    assert _ip("127.0.0.1") == "127.0.0.1"
    assert _ip("127.0.0.1", "") == "127.0.0.1"
    assert _ip("127.0.0.1", "not-an-ip") == "127.0.0.1"
    assert _ip("127.0.0.1", "not-an-ip, 10.0.0.8") == "10.0.0.8"
    # Every hop trusted: the left-most one.
    assert _ip("127.0.0.1", "10.0.0.9, 10.0.0.8") == "10.0.0.9"


def test_no_usable_address_is_empty_and_none_for_axes():
    request = RequestFactory().get("/")
    del request.META["REMOTE_ADDR"]
    assert client_ip(request) == "" and axes_client_ip(request) is None


def test_a_spoofed_header_from_an_untrusted_client_is_ignored(behind_proxy):
    behind_proxy.TRUSTED_PROXIES = ["127.0.0.1"]
    assert _ip("198.51.100.9", "127.0.0.1, 203.0.113.5") == "198.51.100.9"
    assert _ip("::ffff:198.51.100.9", "203.0.113.5") == "198.51.100.9"


@pytest.mark.django_db
def test_lockout_behind_a_trusted_proxy_keys_on_the_real_client(client, people, behind_proxy):
    """Five wrong passwords from 203.0.113.5 lock that client out; the real viewer at 203.0.113.6 still signs in,
    although both arrive from the proxy at 127.0.0.1."""
    behind_proxy.TRUSTED_PROXIES = ["127.0.0.1"]
    login = reverse("accounts:login")
    attacker = {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "203.0.113.5"}
    for _ in range(5):
        client.post(login, {"username": "viewer", "password": "wrong"}, **attacker)
    locked = client.post(login, {"username": "viewer", "password": "secret-pass-1"}, **attacker)
    assert locked.status_code == 429 and "账号已暂时锁定" in locked.content.decode()
    assert list(AccessAttempt.objects.values_list("ip_address", flat=True)) == ["203.0.113.5"]
    r = client.post(login, {"username": "viewer", "password": "secret-pass-1"},
                    REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.6")
    assert r.status_code == 302 and client.session["_auth_user_id"] == str(people["viewer"].pk)


@pytest.mark.django_db
def test_lockout_ignores_a_forged_header_when_no_proxy_is_trusted(client, people, behind_proxy):
    behind_proxy.TRUSTED_PROXIES = []
    for n in range(5):
        client.post(reverse("accounts:login"), {"username": "viewer", "password": "wrong"},
                    REMOTE_ADDR="198.51.100.9", HTTP_X_FORWARDED_FOR=f"203.0.113.{n}")
    assert list(AccessAttempt.objects.values_list("ip_address", flat=True)) == ["198.51.100.9"]
