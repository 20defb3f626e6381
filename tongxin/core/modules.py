"""The module seam: how an activity module (calls, quiz, field work, events …) attaches to activities by their kinds.

A module is its own Django app. In its `AppConfig.ready()` it registers one `ActivityModule`; that is the only
line that names it outside its own folder (besides `INSTALLED_APPS`). Everything else finds it here:

- the activity page shows its `panel` for activities whose kinds it serves;
- `tongxin/urls.py` mounts its `urls` under `/m/<name>/`, its `public_urls` under `/p/<name>/` and its `api_urls`
  under `/api/<name>/`;
- the ledger adds its `ledger_sheets`, the bulletin its `bulletin_lines`, the year-end summary its
  `summary_sections`; the cockpits and lights use its `activity_lights`;
- the demo runs its `demo_stages` after the core stages.

Its work that must be supervised (a 批示 to handle, a problem to rectify, an urge to a late reviewer) becomes tasks
through `tongxin.supervision.services.task_create`, so lights, reminders, 催办 and escalation come for free.

This module imports no app: the callables are the module's own, and the floors above call them.
See docs/ARCHITECTURE.md, "The module seam".
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

# What a hook returns, in plain data, so the outputs can render it without knowing the module.


@dataclass(frozen=True)
class Light:
    """A module's own light on an activity (besides its tasks'): e.g. "评审进度 12/40", red when review is late."""

    light: str  # "red" | "yellow" | "green" | "done" (the values of tongxin.supervision.status)
    label: str
    url: str = ""


@dataclass(frozen=True)
class Sheet:
    """A ledger sheet: a title, headers with widths, and rows of plain values (strings, numbers, dates)."""

    title: str
    headers: list[tuple[str, int]]
    rows: Iterable[list[Any]]


@dataclass(frozen=True)
class SummarySection:
    """What a module says about one activity in the bulletin or year-end summary: figures and sentences."""

    heading: str
    figures: list[tuple[str, str]] = field(default_factory=list)  # (label, value) e.g. ("参赛人数", "2,031")
    lines: list[str] = field(default_factory=list)
    images: list[bytes] = field(default_factory=list)  # PNG charts or photos, already sized


@dataclass(frozen=True)
class PublicLink:
    """A public page a module offers (listed on /p/ and given a QR code)."""

    title: str
    url: str


@dataclass(frozen=True)
class ActivityModule:
    name: str  # URL prefix and registry key: "calls", "quiz", "fieldwork", "events"
    label: str  # shown on the activity page: "征集评审"
    kinds: frozenset[str] = frozenset()  # activity components it serves (see tongxin.core.kinds); empty: every activity
    order: int = 100  # panels are shown in this order
    # panel(request, activity) -> HTML (safe string) or "" when it has nothing to show for this viewer
    panel: Callable[[Any, Any], str] | None = None
    # activity_lights(activity_ids) -> {activity_id: [Light, …]}: one call for a whole list, never one per row
    activity_lights: Callable[[list[int]], Mapping[int, list[Light]]] | None = None
    # ledger_sheets(plan, unit_ids) -> [Sheet, …]; unit_ids is None for the whole plan, else the units whose ledger it is
    ledger_sheets: Callable[[Any, set[int] | None], Iterable[Sheet]] | None = None
    # bulletin_lines(plan, start, end) -> [str, …]: what happened in the period, one sentence a line
    bulletin_lines: Callable[[Any, Any, Any], Iterable[str]] | None = None
    # summary_sections(activity, year) -> [SummarySection, …]: the year-end summary's figures for one activity
    summary_sections: Callable[[Any, int], Iterable[SummarySection]] | None = None
    # public_links() -> [PublicLink, …]: its public pages that are open now
    public_links: Callable[[], Iterable[PublicLink]] | None = None
    urls: str | None = None  # dotted path of a urlconf mounted at /m/<name>/ (signed-in pages)
    public_urls: str | None = None  # mounted at /p/<name>/ (no sign-in; see docs, "The public face")
    api_urls: str | None = None  # mounted at /api/<name>/
    # demo_stages: {"running": fn(plan), "closing": fn(plan)} — run by the demo after the core stages
    demo_stages: Mapping[str, Callable[[Any], Any]] = field(default_factory=dict)

    def serves(self, kinds: Iterable[str]) -> bool:
        return not self.kinds or bool(self.kinds.intersection(kinds))


_registry: dict[str, ActivityModule] = {}


def register(module: ActivityModule) -> ActivityModule:
    """Called once from the module's AppConfig.ready(). Registering the same name again replaces it (tests)."""
    _registry[module.name] = module
    return module


def unregister(name: str) -> None:
    _registry.pop(name, None)


def all_modules() -> list[ActivityModule]:
    return sorted(_registry.values(), key=lambda m: (m.order, m.name))


def get(name: str) -> ActivityModule | None:
    return _registry.get(name)


def modules_for(kinds: Iterable[str]) -> list[ActivityModule]:
    """The modules that serve an activity with these kinds (its `kinds` list)."""
    kinds = list(kinds or [])
    return [m for m in all_modules() if m.serves(kinds)]


def lights_for(activity_ids: list[int]) -> dict[int, list[Light]]:
    """Every module's own lights for these activities, merged; one call per module."""
    merged: dict[int, list[Light]] = {}
    for module in all_modules():
        if module.activity_lights is None or not activity_ids:
            continue
        for activity_id, lights in module.activity_lights(activity_ids).items():
            merged.setdefault(activity_id, []).extend(lights)
    return merged


# Annotations that a floor above adds to every activity list (supervision adds each activity's light), so the
# activity lists can show them without importing that floor.
_activity_annotations: list[Callable[[Any], Any]] = []


def register_activity_annotation(annotate: Callable[[Any], Any]) -> None:
    """`annotate(queryset_of_activities) -> queryset` with extra columns; called once per list query."""
    if annotate not in _activity_annotations:
        _activity_annotations.append(annotate)


def annotate_activities(queryset):
    for annotate in _activity_annotations:
        queryset = annotate(queryset)
    return queryset
