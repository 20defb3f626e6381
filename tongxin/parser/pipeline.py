"""The parse: clean → numbering tree → items → values with spans, warnings and possible duplicates."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable
from datetime import date

from . import timebridge
from .clean import Cleaned, clean
from .contacts import find_contacts, find_reporting
from .docmeta import closing_start, document_title, fallback_year, issuer, stated_years, title_year
from .dupes import possible_duplicates
from .items import Context, build_activity
from .model import Activity, ParseResult, Section, Span, Valued, Warning
from .notice import event_clause, is_notice, notice_title, organisers
from .roles import RoleIndex, find_carry_over
from .select import REQUIREMENT, Item, Selector, single_item
from .structure import Node, build_tree, heading_title, number_text, numbering_gaps
from .tables import find_tables, table_activities


def parse_text(text: str, *, filename: str | None = None) -> ParseResult:
    """Parse a plan document's text; never raises on odd input (what it cannot read becomes a warning)."""
    doc = clean(text)
    closing = closing_start(doc)
    tables = find_tables(Cleaned(doc.text, doc.work, doc.boilerplate, doc.paragraphs[:closing]))
    in_tables = {span for table in tables for span in table.spans}
    body = Cleaned(doc.text, doc.work, doc.boilerplate, [p for p in doc.paragraphs[:closing] if p not in in_tables])
    root = build_tree(body)
    title = document_title(doc)
    errors = timebridge.TimeErrors()
    year, year_at = _years(doc, title, errors)
    roles = RoleIndex(text, doc.work, find_carry_over(text, doc.work))
    ctx = Context(doc=doc, roles=roles, paragraphs=body.paragraphs, year_at=year_at, errors=errors)
    items = _items(body, root, roles, title)
    event = _opening_event(doc, root, title, items)
    if event and not items:  # a notice that names its one event in the opening sentence and has no item headings
        items = [Item(None, *event[1])]
    if event:
        name, clause = event
        items[0].extra = [(clause[0], name.span.start), (name.span.end, clause[1])]
    table_starts = sorted(in_tables)
    for item in items:  # table rows are items of their own
        first = bisect_left(table_starts, (item.start, -1))
        item.exclude.extend(s for s in table_starts[first:bisect_left(table_starts, (item.end, -1))])
    result = ParseResult(text=text, filename=filename, title=title, year=year)
    result.sections = [_section(doc, n) for n in root.children if n.style != "label"]
    result.requirements = _requirements(doc, root, items)
    result.boilerplate_dropped = [Valued(text[s:e], Span(s, e)) for s, e in doc.boilerplate]
    fallback = None
    if any(i.node is None for i in items):
        fallback = notice_title(title) or (event[0] if event else None) or _notice_title(title)
    for item in items:
        activity, warnings = build_activity(ctx, item, fallback)
        if item.node is None and not (activity.responsible or activity.lead_leaders):
            opening = max([items[0].start, *(b for _a, b in items[0].extra)])
            activity.responsible = organisers(text, doc.work, title.span.end if title else 0, opening)
        result.activities.append(activity)
        result.warnings.extend(warnings)
    result.activities.extend(table_activities(ctx, tables))
    result.activities.sort(key=lambda a: a.span.start)
    outside = _free_spans(doc, items)
    result.reporting = find_reporting(text, doc.work, outside)
    result.contacts = find_contacts(text, doc.work, doc.paragraphs)
    result.issuer = issuer(doc, title, closing) or _reporting_issuer(result)
    result.warnings.extend(_warnings(ctx, root, result.activities, errors))
    refs = [r for a in result.activities for r in (*a.responsible, *a.cooperating)]
    result.possible_duplicates = possible_duplicates(refs)
    return result


def _opening_event(doc: Cleaned, root: Node, title: Valued | None,
                   items: list[Item]) -> tuple[Valued, tuple[int, int]] | None:
    """In a single-event notice, the event its opening sentence names and the clause that names it."""
    if (items and any(i.node is not None for i in items)) or not is_notice(doc.work, title):
        return None
    start = title.span.end if title else 0
    headings = [n.start for n in root.children if n.start >= start]
    end = min([*headings, *(i.start for i in items)], default=min(len(doc.work), start + 1500))
    return event_clause(doc.text, doc.work, start, end)


def _years(doc: Cleaned, title: Valued | None, errors: timebridge.TimeErrors) -> tuple[int, Callable[[int], int]]:
    """The plan's year, and the year in force at each position."""
    stated = stated_years(doc.text)
    # One year written throughout (or none) needs neither the normaliser's year inference nor its year context.
    single = next(iter(stated)) if stated is not None and len(stated) == 1 else None
    year = (title_year(title) or single or timebridge.plan_year(doc.text, errors) or fallback_year(doc)
            or date.today().year)
    if stated is not None and stated <= {year}:
        return year, lambda _pos: year
    return year, timebridge.year_at(doc.text, year, errors)


def _items(doc: Cleaned, root: Node, roles: RoleIndex, title: Valued | None) -> list[Item]:
    selector = Selector(doc, roles)
    items = selector.select(root)
    # A notice of one event whose points (报名时间, 会议要求) carry deadlines or owners is still one event.
    flat_notice = is_notice(doc.work, title) and all(i.node is not None and i.mode == "task" for i in items)
    if not items or flat_notice:
        single = single_item(doc, root)
        items = [single] if single else items
    if items and items[-1].node is not None:
        _trim_tail(items[-1], roles)
    return items


def _trim_tail(item: Item, roles: RoleIndex) -> None:
    """The last task of a work plan ends with its attribution; closing remarks after it are not part of it."""
    node = item.node
    if node is None or node.children or item.mode != "task" or len(node.paras) < 2:
        return
    last_with_roles = None
    for i, (s, e) in enumerate(node.paras):
        if roles.scan(s, e).any():
            last_with_roles = i
    if last_with_roles is not None and last_with_roles < len(node.paras) - 1:
        item.end = node.paras[last_with_roles][1]


def _section(doc: Cleaned, node: Node) -> Section:
    s, e = heading_title(doc.work, node)
    return Section(number=number_text(node), title=doc.text[s:e], span=Span(node.start, e))


def _requirements(doc: Cleaned, root: Node, items: list[Item]) -> list[Section]:
    """Points under a requirements heading (有关要求, 几点说明 …) that are not themselves tasks."""
    taken = {i.node.start for i in items if i.node is not None}
    out: list[Section] = []
    for node in root.children:
        s, e = heading_title(doc.work, node)
        if not REQUIREMENT.search(doc.work[s:e]):
            continue
        out.extend(_section(doc, child) for child in node.children if child.start not in taken)
    return out


def _free_spans(doc: Cleaned, items: list[Item]) -> list[tuple[int, int]]:
    """Paragraphs that belong to no item."""
    merged: list[list[int]] = []  # the items' spans, merged: one sweep instead of paragraphs × items
    for a, b in sorted((i.start, i.end) for i in items):
        if merged and a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    starts = [a for a, _b in merged]
    out = []
    for s, e in doc.paragraphs:
        k = bisect_right(starts, s) - 1
        if k < 0 or not merged[k][0] <= s < merged[k][1]:
            out.append((s, e))
    return out


def _notice_title(title: Valued | None) -> Valued | None:
    """关于举办XX的通知 → XX: the one event a single-event notice is about."""
    if title is None:
        return None
    value = title.value
    start = value.find("关于")
    s = start + 2 if start >= 0 else 0
    for verb in ("组织开展", "举办", "举行", "开展", "召开", "组织", "参加"):
        if value.startswith(verb, s):
            s += len(verb)
            break
    e = value.rfind("的")
    e = e if e > s else len(value)
    return Valued(value[s:e], Span(title.span.start + s, title.span.start + e))


def _reporting_issuer(result: ParseResult) -> Valued | None:
    """A plan that asks for reports to X was issued by X, when nothing else names the issuer."""
    rep = result.reporting
    if rep and rep.to:
        start = result.text.find(rep.to, rep.span.start, rep.span.end)
        return Valued(rep.to, Span(start, start + len(rep.to)))
    return None


def _warnings(ctx: Context, root: Node, activities: list[Activity], errors: timebridge.TimeErrors) -> list[Warning]:
    text = ctx.doc.text
    out = []
    for gap in numbering_gaps(root):
        expected = f"“{gap.after}”之后" if gap.after else "开头"
        out.append(Warning(f"编号不连续：{expected}是“{gap.number}”", Span(*gap.span), "numbering_gap"))
    owned = [a for a in activities if a.lead_leaders or a.responsible]
    if activities and not owned:  # a plan that names no owners at all: say so once
        out.append(Warning("方案没有为各事项写明牵头或责任单位，请在导入后指定", activities[0].title.span, "no_owner"))
    for a in activities:
        if owned and not (a.lead_leaders or a.responsible):
            label = f"第{a.number}项" if a.number else "本项"
            out.append(Warning(f"{label}“{a.title.value}”没有写明牵头或责任单位", a.title.span, "no_owner"))
        for phrase, span in _unparsed(ctx, a):
            out.append(Warning(f"无法理解的时间表述：“{phrase}”", Span(*span), "time_unparsed"))
    for message, span in errors.failures:
        out.append(Warning(f"时间解析出错，已跳过：{message}", Span(*span), "internal"))
    return [w for w in out if 0 <= w.span.start <= w.span.end <= len(text)]


def _unparsed(ctx: Context, activity: Activity) -> list[tuple[str, tuple[int, int]]]:
    s, e = activity.span.start, activity.span.end
    return timebridge.unparsed(ctx.doc.text, s, e, ctx.errors)
