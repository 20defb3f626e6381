"""Field work on the module seam (tongxin.core.modules): the one place that says what it offers to the floors above."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from tongxin.core import modules


def register() -> None:
    modules.register(
        modules.ActivityModule(
            name="fieldwork",
            label=str(_("走访与整治")),
            kinds=frozenset({"visits", "campaign"}),
            order=40,
        )
    )
