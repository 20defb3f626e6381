"""Field work on the module seam (tongxin.core.modules): the one place that says what it offers to the floors above."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from tongxin.core import modules


def register() -> None:
    from tongxin.fieldwork import demo, exporters, panels, summary

    modules.register(
        modules.ActivityModule(
            name="fieldwork",
            label=str(_("走访与整治")),
            kinds=frozenset({"visits", "campaign"}),
            order=40,
            panel=panels.activity_panel,
            activity_lights=panels.activity_lights,
            ledger_sheets=exporters.ledger_sheets,
            bulletin_lines=summary.bulletin_lines,
            summary_sections=summary.summary_sections,
            urls="tongxin.fieldwork.urls",
            api_urls="tongxin.fieldwork.urls_api",
            demo_stages={"running": demo.running},
        )
    )
