"""Signal handlers of accounts."""

from __future__ import annotations

from tongxin.core import clock


def stamp_last_login(sender, user, **kwargs) -> None:
    user.last_login = clock.now()
    user.save(update_fields=["last_login"])
