"""Accounts to show on the sign-in page (the demo's), registered by whoever made them — the demo app in its ready()."""

from __future__ import annotations

from collections.abc import Callable

_providers: list[Callable[[], list[dict]]] = []


def register(provider: Callable[[], list[dict]]) -> None:
    """`provider()` returns [{"username": …, "password": …, "description": …}, …]."""
    if provider not in _providers:
        _providers.append(provider)


def login_hints() -> list[dict]:
    return [hint for provider in _providers for hint in provider()]
