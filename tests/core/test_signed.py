"""Signed links: a token opens only its own purpose, expires when told, and dies when its binding changes."""

from __future__ import annotations

import datetime as dt
import time

from tongxin.core.signed import make_token, read_token


def test_a_token_reads_back_only_for_its_purpose():
    token = make_token("invite", {"u": 7})
    assert read_token("invite", token) == {"u": 7}
    assert read_token("session-signin", token) is None
    assert read_token("invite", token + "x") is None
    assert read_token("invite", "garbage:::") is None


def test_expiry(monkeypatch):
    token = make_token("signin", {"s": 3})
    assert read_token("signin", token, max_age=dt.timedelta(minutes=10)) == {"s": 3}
    later = time.time() + 11 * 60
    monkeypatch.setattr(time, "time", lambda: later)
    assert read_token("signin", token, max_age=dt.timedelta(minutes=10)) is None


def test_binding_revokes_when_the_bound_secret_changes():
    token = make_token("feed", {"u": 1}, bound_to="hash-1")
    assert read_token("feed", token, bound_to="hash-1") == {"u": 1}
    assert read_token("feed", token, bound_to="hash-2") is None
