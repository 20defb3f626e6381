"""Plain dataclasses for a parsed plan document and their JSON form (the shape of ../shared/eval/SCHEMA.md)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any


@dataclass(frozen=True)
class Span:
    """A half-open character range [start, end) into `ParseResult.text`."""

    start: int
    end: int

    def to_json(self) -> list[int]:
        return [self.start, self.end]


@dataclass
class Valued:
    """A string value with the span it was read from; `value` may be derived (e.g. a stripped title)."""

    value: str
    span: Span


@dataclass
class RoleRef:
    """A unit or person named in a role phrase; `name` is exactly `text[span]`."""

    name: str
    span: Span
    role: str  # "lead" | "responsible" | "cooperating"
    person: bool = False


@dataclass
class Window:
    """A normalised time window (from the time normaliser) with its source span."""

    start: date | None
    end: date | None
    text: str
    span: Span
    tentative: bool = False
    approximate: bool = False
    deadline: bool = False

    def to_json(self) -> dict[str, Any]:
        return {
            "start": _iso(self.start),
            "end": _iso(self.end),
            "text": self.text,
            "tentative": self.tentative,
            "approximate": self.approximate,
            "deadline": self.deadline,
            "span": self.span.to_json(),
        }


@dataclass
class Recurrence:
    text: str
    span: Span
    every_months: int | None = None
    every_weeks: int | None = None
    weekday: int | None = None
    nth: int | None = None
    day: int | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "every_months": self.every_months,
            "every_weeks": self.every_weeks,
            "weekday": self.weekday,
            "nth": self.nth,
            "day": self.day,
            "text": self.text,
            "span": self.span.to_json(),
        }


@dataclass
class Session:
    title: str
    start: date | None
    end: date | None
    span: Span
    place: str | None = None
    place_span: Span | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "start": _iso(self.start),
            "end": _iso(self.end),
            "place": self.place,
            "span": self.span.to_json(),
            "place_span": self.place_span.to_json() if self.place_span else None,
        }


@dataclass
class Section:
    number: str
    title: str
    span: Span

    def to_json(self) -> dict[str, Any]:
        return {"number": self.number, "title": self.title, "span": self.span.to_json()}


Requirement = Section  # a requirement point has the same shape: number, title, span


@dataclass
class Activity:
    number: str | None
    title: Valued
    span: Span
    components: list[str] = field(default_factory=list)
    windows: list[Window] = field(default_factory=list)
    recurrence: Recurrence | None = None
    sessions: list[Session] = field(default_factory=list)
    phases: list[Valued] = field(default_factory=list)
    places: list[Valued] = field(default_factory=list)
    place_pending: bool = False
    participants: list[Valued] = field(default_factory=list)
    lead_leaders: list[RoleRef] = field(default_factory=list)
    responsible: list[RoleRef] = field(default_factory=list)
    cooperating: list[RoleRef] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "title": self.title.value,
            "components": list(self.components),
            "windows": [w.to_json() for w in self.windows],
            "recurrence": self.recurrence.to_json() if self.recurrence else None,
            "sessions": [s.to_json() for s in self.sessions],
            "phases": [p.value for p in self.phases],
            "places": [p.value for p in self.places],
            "place_pending": self.place_pending,
            "participants": [p.value for p in self.participants],
            "lead_leaders": [r.name for r in self.lead_leaders],
            "responsible": [r.name for r in self.responsible],
            "cooperating": [r.name for r in self.cooperating],
            "span": self.span.to_json(),
            "evidence": {
                "title": self.title.span.to_json(),
                "phases": [p.span.to_json() for p in self.phases],
                "places": [p.span.to_json() for p in self.places],
                "participants": [p.span.to_json() for p in self.participants],
                "lead_leaders": [r.span.to_json() for r in self.lead_leaders],
                "responsible": [r.span.to_json() for r in self.responsible],
                "cooperating": [r.span.to_json() for r in self.cooperating],
            },
        }


@dataclass
class Contact:
    name: str | None
    span: Span
    phones: list[str] = field(default_factory=list)
    fax: str | None = None
    email: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "phones": list(self.phones), "fax": self.fax, "email": self.email,
                "span": self.span.to_json()}


@dataclass
class Reporting:
    to: str | None
    text: str
    span: Span

    def to_json(self) -> dict[str, Any]:
        return {"to": self.to, "text": self.text, "span": self.span.to_json()}


@dataclass
class Warning:
    """Something the parser saw but could not understand, in Chinese, with the span to highlight."""

    message: str
    span: Span
    kind: str

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "message": self.message, "span": self.span.to_json()}


@dataclass
class DuplicateHint:
    names: list[str]
    spans: list[Span]

    def to_json(self) -> dict[str, Any]:
        return {"names": list(self.names), "spans": [s.to_json() for s in self.spans]}


@dataclass
class ParseResult:
    text: str
    filename: str | None = None
    title: Valued | None = None
    year: int | None = None
    issuer: Valued | None = None
    sections: list[Section] = field(default_factory=list)
    activities: list[Activity] = field(default_factory=list)
    requirements: list[Requirement] = field(default_factory=list)
    reporting: Reporting | None = None
    contacts: list[Contact] = field(default_factory=list)
    warnings: list[Warning] = field(default_factory=list)
    possible_duplicates: list[DuplicateHint] = field(default_factory=list)
    boilerplate_dropped: list[Valued] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """The SCHEMA.md object: every field present (empty list / null when unknown), plus evidence keys."""
        return {
            "document": self.filename,
            "title": self.title.value if self.title else None,
            "year": self.year,
            "issuer": self.issuer.value if self.issuer else None,
            "sections": [s.to_json() for s in self.sections],
            "activities": [a.to_json() for a in self.activities],
            "requirements": [r.to_json() for r in self.requirements],
            "reporting": self.reporting.to_json() if self.reporting else None,
            "contacts": [c.to_json() for c in self.contacts],
            "warnings": [w.to_json() for w in self.warnings],
            "possible_duplicates": [d.to_json() for d in self.possible_duplicates],
            "boilerplate_dropped": [b.value for b in self.boilerplate_dropped],
            "evidence": {
                "title": self.title.span.to_json() if self.title else None,
                "issuer": self.issuer.span.to_json() if self.issuer else None,
                "boilerplate_dropped": [b.span.to_json() for b in self.boilerplate_dropped],
            },
        }


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None
