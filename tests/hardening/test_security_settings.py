"""Sessions and HTTPS settings come from the environment, with safe defaults (docs/security.md).

On the old code sessions lasted Django's 14 days and neither HSTS nor the proxy's HTTPS header could be set.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from django.test import RequestFactory, override_settings

ROOT = Path(__file__).resolve().parents[2]
NAMES = [
    "SESSION_COOKIE_AGE",
    "SESSION_EXPIRE_AT_BROWSER_CLOSE",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_PROXY_SSL_HEADER",
    "SECURE_SSL_REDIRECT",
]


def _settings_under(tmp_path, **env) -> subprocess.CompletedProcess:
    """Import the settings module in a fresh interpreter with only these variables set."""
    code = f"import json; from tongxin import settings as s; print(json.dumps({{n: getattr(s, n) for n in {NAMES!r}}}))"
    base = {k: v for k, v in os.environ.items() if k in {"PATH", "HOME", "LANG"}}
    env = base | {"PYTHONPATH": str(ROOT), "TONGXIN_DATA_DIR": str(tmp_path), **env}
    return subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60)


def test_defaults_are_an_eight_hour_session_no_hsts_and_no_trusted_proxy_header(tmp_path):
    result = _settings_under(tmp_path)
    assert json.loads(result.stdout) == {
        "SESSION_COOKIE_AGE": 8 * 3600,
        "SESSION_EXPIRE_AT_BROWSER_CLOSE": False,
        "SECURE_HSTS_SECONDS": 0,
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": False,
        "SECURE_PROXY_SSL_HEADER": None,
        "SECURE_SSL_REDIRECT": False,
    }


def test_everything_is_settable_from_the_environment(tmp_path):
    result = _settings_under(
        tmp_path,
        SESSION_COOKIE_AGE="3600",
        SESSION_EXPIRE_AT_BROWSER_CLOSE="true",
        SECURE_HSTS_SECONDS="31536000",
        SECURE_HSTS_INCLUDE_SUBDOMAINS="yes",
        TRUST_PROXY_HEADERS="1",
        SECURE_SSL_REDIRECT="on",
    )
    assert json.loads(result.stdout) == {
        "SESSION_COOKIE_AGE": 3600,
        "SESSION_EXPIRE_AT_BROWSER_CLOSE": True,
        "SECURE_HSTS_SECONDS": 31536000,
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
        "SECURE_PROXY_SSL_HEADER": ["HTTP_X_FORWARDED_PROTO", "https"],
        "SECURE_SSL_REDIRECT": True,
    }


def test_nonsense_values_refuse_to_start(tmp_path):
    for env in ({"SESSION_COOKIE_AGE": "8h"}, {"SESSION_COOKIE_AGE": "0"}, {"TRUST_PROXY_HEADERS": "maybe"}):
        result = _settings_under(tmp_path, **env)
        assert result.returncode != 0 and "ImproperlyConfigured" in result.stderr, env


def test_a_forwarded_proto_is_believed_only_when_configured():
    request = RequestFactory().get("/", HTTP_X_FORWARDED_PROTO="https")
    assert request.is_secure() is False
    with override_settings(SECURE_PROXY_SSL_HEADER=("HTTP_X_FORWARDED_PROTO", "https")):
        assert request.is_secure() is True


def test_hsts_is_sent_when_configured(client, db):
    with override_settings(SECURE_HSTS_SECONDS=31536000, SECURE_PROXY_SSL_HEADER=("HTTP_X_FORWARDED_PROTO", "https")):
        response = client.get("/accounts/login/", HTTP_X_FORWARDED_PROTO="https")
    assert response["Strict-Transport-Security"] == "max-age=31536000"
    assert "登录" in response.content.decode()
