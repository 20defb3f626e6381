"""Role phrases: labelled lists (牵头单位：…), verb forms (X牵头，Y配合 / X分工负责), 由X举办, and carry-over notes."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .model import RoleRef, Span, Warning
from .units import is_title_only, is_unit, person_span, split_units

LEAD_LABELS = "牵头领导|责任领导|分管领导|联系领导|包联领导|包保领导|牵头市领导|牵头人|责任人"
# 牵头考核单位, 责任落实部门, 配合实施单位 …: a role word, an optional verb of the work, and the kind of body.
_BODY = "(?:单位|部门|科室|处室)"
_WORK = "(?:考核|落实|实施|推进|督办|督导|办理)?"
RESPONSIBLE_LABELS = (
    rf"(?:牵头|责任|主责|主要责任){_WORK}{_BODY}|主办单位|承办单位|实施单位|落实单位|负责单位|执行单位|主办|承办"
)
COOPERATING_LABELS = rf"(?:配合|参与|参加|协助|协作|支持|协同){_WORK}{_BODY}|协办单位|协办"
_LABEL = re.compile(
    r"(?=[牵责分联包配协参支主承实落负执])"  # every label starts with one of these: a cheap first test
    rf"(?P<label>(?P<lead>{LEAD_LABELS})|(?P<resp>{RESPONSIBLE_LABELS})|(?P<coop>{COOPERATING_LABELS}))"
    r"[ ]*(?::|为|是(?!否))"
)
_OTHER_FIELD = re.compile(r"[;,。\n][ ]*[\u4e00-\u9fff]{2,8}[ ]*:|[。\n]")
_RESPONSIBLE_VERBS = (
    "按职责分工负责|按职责分工落实|分工负责|分头负责|分头落实|分工落实|共同负责|具体负责|牵头负责|负责落实|按职责负责|"
    "牵头|负责|落实|组织实施|主办|承办"
)
_COOPERATING_VERBS = "按职责配合|协同配合|共同参与|配合|参与|协助|协办"
_VERB_SEGMENT = re.compile(
    rf"[ ]*(?:由)?(?P<units>[^:]+?)(?:(?P<resp>{_RESPONSIBLE_VERBS})|(?P<coop>{_COOPERATING_VERBS}))[ ]*$"
)
_FREE_VERB = re.compile(r"[ ]*(?:由)?(?P<units>[^:]+?)(?:(?P<resp>牵头|负责|落实|分工负责)|(?P<coop>配合|参与))[ ]*$")
_FREE_VERBS = ("牵头", "负责", "落实", "配合", "参与")
_HOSTED_BY = re.compile(
    r"由(?P<units>(?:(?!联合|会同|协同)[^,;。由的\n]){2,30}?)(?:负责)?(?:组织)?(?:举办|主办|承办|开展|组织实施)"
)
# 由A联合B开展: A leads, B works with it (SCHEMA.md).
_JOINT = re.compile(
    r"由(?P<units>[^,;。由的\n]{2,30}?)(?:联合|会同|协同)(?P<coop>[^,;。由的\n]{2,40}?)(?:共同)?(?:组织)?(?:开展|举办|实施)"
)
_CLAUSE_END = re.compile(r"[,;。\n:|\t]")
_OPEN, _CLOSE = "([【", ")]】"
_BRACKET = re.compile(r"[()\[\]【】]")
_FIRST_IS_LEAD = re.compile(r"列(?:在)?(?:第一|首)位(?:的|者)?(?:单位)?为牵头(?:单位|部门)(?P<rest>[^。)]{0,20}?(?:配合|参与)(?:单位|部门))?")
_SAME_BELOW = re.compile(r"下同")
_NOTE_PIECE = re.compile(r"第一位|下同|牵头单位|配合单位|责任单位|不再列出")
_GLOBAL_UNITS = re.compile(
    r"(?:以下|下列)(?:各项|所有)?(?:任务|工作)?均(?:需|由|为)?(?P<units>[^。:]{2,60}?)(?P<verb>负责|落实|配合|参与|为责任单位)"
    r"[^。]{0,12}?不再(?:一一)?列出"
)


@dataclass
class CarryOver:
    """Notes written once that apply to later items (列第一位者为牵头单位，下同; 以下均需…不再列出)."""

    first_is_lead_from: int | None = None
    rest_role: str = "responsible"
    global_units: list[tuple[int, RoleRef]] = field(default_factory=list)
    # (position, owners) of an attribution marked 下同: later items that name no owner of their own share it.
    same_below: list[tuple[int, list[RoleRef]]] = field(default_factory=list)

    def default_before(self, pos: int) -> list[RoleRef]:
        found = [refs for at, refs in self.same_below if at < pos]
        return found[-1] if found else []


class RoleIndex:
    """Role scans of paragraphs, each done once: item selection and item building ask about the same text."""

    def __init__(self, text: str, work: str, carry: CarryOver | None) -> None:
        self.text, self.work, self.carry = text, work, carry
        self._cache: dict[tuple[int, int], RoleScan] = {}

    def scan(self, start: int, end: int) -> RoleScan:
        key = (start, end)
        if key not in self._cache:
            self._cache[key] = scan_roles(self.text, self.work, start, end, self.carry)
        return self._cache[key]


@dataclass
class RoleScan:
    lead: list[RoleRef] = field(default_factory=list)
    responsible: list[RoleRef] = field(default_factory=list)
    cooperating: list[RoleRef] = field(default_factory=list)
    warnings: list[Warning] = field(default_factory=list)
    used: list[tuple[int, int]] = field(default_factory=list)

    def any(self) -> bool:
        return bool(self.lead or self.responsible or self.cooperating)


def find_carry_over(text: str, work: str) -> CarryOver:
    carry = CarryOver()
    m = _FIRST_IS_LEAD.search(work)
    if m:
        carry.first_is_lead_from = m.start()
        rest = m.group("rest") or ""
        carry.rest_role = "cooperating" if rest else "responsible"
    for g in _GLOBAL_UNITS.finditer(work):
        role = "cooperating" if g.group("verb") in ("配合", "参与") else "responsible"
        for s, e in split_units(work, g.start("units"), g.end("units")):
            carry.global_units.append((g.start(), RoleRef(text[s:e], Span(s, e), role)))
    for same in _SAME_BELOW.finditer(work):
        if m and m.start() <= same.start() <= m.end() + 4:
            continue  # the 列第一位 note's own 下同
        line_start = work.rfind("\n", 0, same.start()) + 1
        pair = next(((a, b) for a, b in bracket_pairs(work, line_start, len(work)) if a < same.start() < b), None)
        if pair:
            scan = scan_roles(text, work, pair[0], pair[1])
            carry.same_below.append((pair[1], [*scan.lead, *scan.responsible, *scan.cooperating]))
    return carry


def scan_roles(text: str, work: str, start: int, end: int, carry: CarryOver | None = None) -> RoleScan:
    """Every role phrase in [start, end); ordered by first appearance, one entry per name and role."""
    scan = RoleScan()
    found: list[RoleRef] = []
    pairs = bracket_pairs(work, start, end)
    labelled = _scan_labels(text, work, start, end, pairs, found, scan)
    for a, b in pairs:
        if (a, b) in labelled:
            continue
        if _scan_verb_segments(text, work, a + 1, b - 1, found, bracket=True):
            scan.used.append((a, b))
        elif carry and carry.first_is_lead_from is not None and carry.first_is_lead_from < b:
            if _scan_bare_list(text, work, a + 1, b - 1, carry.rest_role, found):
                scan.used.append((a, b))
    _scan_free_text(text, work, start, end, pairs, found)
    if carry:
        found.extend(ref for pos, ref in carry.global_units if pos < start)
    _distribute(found, scan)
    return scan


def bracket_pairs(work: str, start: int, end: int) -> list[tuple[int, int]]:
    """Outermost balanced (…), […] and 【…】 pairs as [open, close+1) spans."""
    pairs: list[tuple[int, int]] = []
    depth, opened = 0, start
    for m in _BRACKET.finditer(work, start, end):
        if m.group() in _OPEN:
            if depth == 0:
                opened = m.start()
            depth += 1
        elif depth:
            depth -= 1
            if depth == 0:
                pairs.append((opened, m.end()))
    return pairs


def _scan_labels(text: str, work: str, start: int, end: int, pairs: list[tuple[int, int]],
                 found: list[RoleRef], scan: RoleScan) -> set[tuple[int, int]]:
    labelled: set[tuple[int, int]] = set()
    for m in _LABEL.finditer(work, start, end):
        pair = next(((a, b) for a, b in pairs if a < m.start() < b), None)
        limit = pair[1] - 1 if pair else end
        nxt = _LABEL.search(work, m.end(), limit)
        other = _OTHER_FIELD.search(work, m.end(), limit)
        stop = min(x.start() for x in (nxt, other) if x) if (nxt or other) else limit
        role = "lead" if m.group("lead") else "responsible" if m.group("resp") else "cooperating"
        entries = split_units(work, m.end(), stop)
        if not entries:
            scan.warnings.append(Warning(f"“{m.group('label')}”后没有列出单位或人员", Span(*m.span("label")),
                                         "empty_role"))
        for s, e in entries:
            found.extend(entry_refs(text, work, s, e, role))
        if pair:
            labelled.add(pair)
            scan.used.append(pair)
    return labelled


def entry_refs(text: str, work: str, s: int, e: int, role: str) -> list[RoleRef]:
    """A list entry as a person or a unit; a unit in a leader slot is responsible, a named person is a leader."""
    person = person_span(work, s, e)
    if role == "lead":
        if person:
            return [RoleRef(text[person[0]:person[1]], Span(*person), "lead", person=True)]
        if is_title_only(work[s:e]):
            return []
        if is_unit(work[s:e]):
            return [RoleRef(text[s:e], Span(s, e), "responsible")]
        return [RoleRef(text[s:e], Span(s, e), "lead", person=True)]
    if person and (person[1] - person[0]) < (e - s):  # a title or 同志 marks a person listed among units
        return [RoleRef(text[person[0]:person[1]], Span(*person), "lead", person=True)]
    return [RoleRef(text[s:e], Span(s, e), role)]


def _scan_verb_segments(text: str, work: str, start: int, end: int, found: list[RoleRef], *,
                        bracket: bool) -> bool:
    """'A、B牵头，C配合' inside brackets: every role-bearing segment must name at least one unit."""
    hits: list[RoleRef] = []
    pending: list[tuple[int, int]] = []  # A、B等部门，C负责: a list before the clause with the verb shares its verb
    for s, e in _segments(work, start, end):
        m = _VERB_SEGMENT.match(work, s, e)
        if not m:
            listed = split_units(work, s, e)
            pending = pending + listed if listed and all(is_unit(work[a:b]) for a, b in listed) else []
            continue
        role = "responsible" if m.group("resp") else "cooperating"
        entries = split_units(work, m.start("units"), m.end("units"))
        if not entries or not any(is_unit(work[a:b]) for a, b in entries):
            pending = []
            continue
        hits.extend(RoleRef(text[a:b], Span(a, b), role) for a, b in [*pending, *entries])
        pending = []
    found.extend(hits)
    return bool(hits)


def _scan_bare_list(text: str, work: str, start: int, end: int, rest_role: str, found: list[RoleRef]) -> bool:
    """'(A、B、C)' after a 列第一位者为牵头单位 note: A leads; the note itself may close the first such list."""
    entries = [(a, b) for a, b in split_units(work, start, end) if not _NOTE_PIECE.search(work, a, b)]
    if not entries or not all(is_unit(work[a:b]) for a, b in entries):
        return False
    for i, (a, b) in enumerate(entries):
        found.append(RoleRef(text[a:b], Span(a, b), "responsible" if i == 0 else rest_role))
    return True


def _segments(work: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split at , and ; that are not inside nested brackets."""
    out, depth, piece = [], 0, start
    for i in range(start, end + 1):
        ch = work[i] if i < end else ";"
        if ch in "(（〈《“[":
            depth += 1
        elif ch in ")）〉》”]":
            depth = max(0, depth - 1)
        elif ch in ",;" and depth == 0:
            out.append((piece, i))
            piece = i + 1
    return out


def _scan_free_text(text: str, work: str, start: int, end: int, pairs: list[tuple[int, int]],
                    found: list[RoleRef]) -> None:
    """Outside brackets only whole clauses count ('由X牵头，Y配合。'), and every name must be a unit."""
    for a, b in _outside(start, end, pairs):
        clause_start = a
        for m in [*_CLAUSE_END.finditer(work, a, b), None]:
            clause_end = m.start() if m else b
            ends_with_verb = work.endswith(_FREE_VERBS, clause_start, clause_end)
            fm = _FREE_VERB.match(work, clause_start, clause_end) if ends_with_verb else None
            if fm:
                entries = split_units(work, fm.start("units"), fm.end("units"))
                if entries and all(is_unit(work[x:y]) for x, y in entries):
                    role = "responsible" if fm.group("resp") else "cooperating"
                    found.extend(RoleRef(text[x:y], Span(x, y), role) for x, y in entries)
            clause_start = clause_end + 1
        for hm in _HOSTED_BY.finditer(work, a, b):
            entries = split_units(work, hm.start("units"), hm.end("units"))
            if entries and all(is_unit(work[x:y]) for x, y in entries):
                found.extend(RoleRef(text[x:y], Span(x, y), "responsible") for x, y in entries)
        for jm in _JOINT.finditer(work, a, b):
            entries = split_units(work, jm.start("units"), jm.end("units"))
            partners = split_units(work, jm.start("coop"), jm.end("coop"))
            # Partners are often written elliptically (当地扶贫、工会、妇联部门): one unit among them is enough.
            if entries and all(is_unit(work[x:y]) for x, y in entries) and any(is_unit(work[x:y]) for x, y in partners):
                found.extend(RoleRef(text[x:y], Span(x, y), "responsible") for x, y in entries)
                found.extend(RoleRef(text[x:y], Span(x, y), "cooperating") for x, y in partners)


def _outside(start: int, end: int, pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out, pos = [], start
    for a, b in pairs:
        if a > pos:
            out.append((pos, a))
        pos = max(pos, b)
    if pos < end:
        out.append((pos, end))
    return out


def scan_of(refs: list[RoleRef]) -> RoleScan:
    """Owners already found elsewhere, as a scan of their own."""
    scan = RoleScan()
    _distribute(refs, scan)
    return scan


def _distribute(found: list[RoleRef], scan: RoleScan) -> None:
    seen: set[tuple[str, str]] = set()
    targets = {"lead": scan.lead, "responsible": scan.responsible, "cooperating": scan.cooperating}
    for ref in sorted(found, key=lambda r: r.span.start):
        key = (ref.role, ref.name.replace(" ", ""))
        if key not in seen:
            seen.add(key)
            targets[ref.role].append(ref)
