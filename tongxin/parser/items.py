"""One item (activity or task): number, title, components, times, sessions, phases, places, participants, roles."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from . import timebridge
from .clean import Cleaned
from .model import Activity, Span, Valued, Warning, Window
from .notice import organisers
from .places import find_places, place_pending
from .roles import RoleIndex, RoleScan, scan_of
from .select import Item
from .sessions import derive_title, flat, recurring_sessions, sub_event_sessions, title_from_sentence
from .structure import field_value, heading_title, number_text
from .units import split_units

_DEADLINE_LABEL = re.compile(r"(?:完成|办结|截止)(?:时限|时间|日期)[ ]*:|时限(?:要求)?[ ]*:")
_HEADING_COLON = re.compile(r":(?!\d)")
_SENTENCE_END = re.compile(r"[。!?]")
_SENTENCE_LIKE = re.compile(r"在[^,，。]{2,}?(?:举办|举行|召开|进行|集中|开展)|[,，。]")
_DATE_CHARS = re.compile(r"[\d年月日号前后期间夕]")
_CLAUSE_MARK = re.compile(r"[“”《》(),]")
_LEADING_PLACE = re.compile(r"在[^,，。;；在]{2,20}?(?=举办|举行|召开|开展|组织)")
_LEADING_VERB = re.compile(r"(?:组织开展|开展好|举办好|举办|举行|开展|组织|召开)(?=.{2})")
_COMPONENTS = (
    ("recurring_meeting", re.compile(r"读书会|读书班|沙龙|讲堂|课堂|每[^,，。;；]{0,8}?(?:举办|召开|举行|开展)?一期|双月")),
    ("training", re.compile(r"培训|研修|轮训")),
    ("visits", re.compile(r"走访|慰问|看望|探望|家访")),
    ("call:proposal", re.compile(r"献一策|献策|建言|意见建议|意见和建议|金点子|合理化建议")),
    ("call:essay", re.compile(r"征文|书画|作品征集|征集.{0,6}作品")),
    ("call:video", re.compile(r"微视频|短视频|视频作品|专题片|微电影|拍摄.{0,8}视频|录制.{0,8}视频")),
    ("call:photo", re.compile(r"摄影|合影|照片|图片展")),
    ("quiz", re.compile(r"竞答|知识竞赛|答题|知识问答|有奖问答")),
    ("event", re.compile(r"晚会|仪式|升旗|收看|观看|演出|文艺|展演|联欢|启动式|纪念大会|庆祝大会|参加[^。]{0,30}举办的")),
    ("meeting", re.compile(r"座谈会|研讨会|推进会|动员会|报告会|交流会|论坛|(?:召开|举行|举办)[^。,;]{0,15}会议")),
    ("campaign", re.compile(r"阶段|整治|专项行动|攻坚|集中行动")),
    ("publicity", re.compile(r"宣传|宣讲")),
)
# The concrete deliverable wins over the way it is collected: a photo call whose entries are videos is a video call.
_SUPERSEDES = {"call:video": "call:photo"}
_PHASE_LIST = re.compile(r"分(?:为|成)?(?P<list>[^。;,:()\d]{4,80}?)(?:[一二三四五六七八九十两\d]+个)?阶段(?!性)")
_NAMED_STAGE = re.compile(r"第[一二三四五六七八九十]{1,2}阶段(?:为|是)(?P<name>[^,，。;；:(\n]{2,8})")
_PHASE_SPLIT = re.compile(r"[、,和及与]")
_PARTICIPANT_FIELD = re.compile(
    r"(?:参加人员|参加对象|参会人员|出席人员|参与人员|参与对象|活动对象|培训对象|参训对象|参赛对象|邀请对象)[ ]*:[ ]*(?P<v>[^。\n]{2,120})"
)
_PEOPLE_WORDS = (
    "人员|干部|成员|人士|代表|群众|学生|党员|志愿者|联谊会|联会|职工|居民|青年|委员|骨干|理事|教师|师生|主委|公众|领导|党派|分子"
    "|负责人|书记|主任|家属|儿童|老人|妇女|工作者"
)
_PARTICIPANT_PHRASE = re.compile(
    r"(?=[面组对除引动邀号带召参])"
    r"面向(?P<a>[^,;。]{2,30}?)[,，]|对(?P<c>[^,;。]{2,60}?)进行|除(?P<d>[^,;。]{2,60}?)(?:参加|参会|出席)外"
    rf"|(?:组织|引导|动员|邀请|号召|带领)(?!协调|开展|实施|实现|推进)(?P<b>[^,;。“”]{{2,40}}(?:{_PEOPLE_WORDS}))"
    r"(?=[,、;。]|参加|进行|深入|发挥|集体|开展|到|在|赴|对|结合|从|凝聚|自行|参考|发起|学习|向|用|更|有针对性)"
    r"|召开(?P<e>[^,;。]{2,40}?)参加的|参加[^,;。:]{0,12}的(?P<f>[^,;。]{2,10}?)(?=由|,|。|$)"
)
_HEADCOUNT = re.compile(r"\d+\s*(?:人|名)")
_PEOPLE_LABEL = re.compile(r"人员|对象")
_PEOPLE_SPLIT = re.compile(r"[、,;和及]")
_PEOPLE = re.compile(rf"(?:{_PEOPLE_WORDS}|无党派|会)$")
_PEOPLE_PREFIX = re.compile(r"(?:广大|我市|全体(?=.{3}))*")


@dataclass
class Context:
    doc: Cleaned
    roles: RoleIndex
    paragraphs: list[tuple[int, int]]  # the body's paragraphs, in order
    year_at: Callable[[int], int]
    errors: timebridge.TimeErrors
    starts: list[int] = field(init=False)  # paragraph starts, for bisecting (each item looks up its own paragraphs)

    def __post_init__(self) -> None:
        self.starts = [s for s, _e in self.paragraphs]


def build_activity(ctx: Context, item: Item, fallback_title: Valued | None = None) -> tuple[Activity, list[Warning]]:
    text, work = ctx.doc.text, ctx.doc.work
    parts = item.parts()
    roles = _roles(ctx, [*parts, *item.role_spans])
    if not roles.any() and ctx.roles.carry:  # an earlier attribution marked 下同 covers this item
        _merge(roles, scan_of(ctx.roles.carry.default_before(item.start)))
    if not roles.any() and item.node is not None:  # no role word: the organiser named as the subject (SCHEMA.md)
        _merge(roles, scan_of([r for a, b in parts for r in organisers(text, work, a, b)]))
    windows = _windows(ctx, item, parts, roles.used)
    title = _title(ctx, item, roles, windows) or fallback_title or Valued("", Span(item.start, item.start))
    found = [r for a, b in parts for r in timebridge.recurrences(text, a, b, ctx.errors)]
    # A rule the text states (每两个月举办一期) says more than a name that implies one (双月读书会).
    recurrence = next((r for r in found if r.text.startswith(("每", "逐"))), found[0] if found else None)
    sessions = recurring_sessions(text, work, parts, recurrence, windows, ctx.errors)
    if not sessions and item.mode == "activity":  # a notice's opening sentence announces; it is no sub-event
        sessions = sub_event_sessions(text, work, [p for p in parts if p not in item.extra],
                                      lambda a, b: timebridge.windows(text, a, b, ctx.year_at(a), ctx.errors))
    paras = _paragraphs_in(ctx, parts)  # fields (地点：…) end with their paragraph, even in a flattened text
    field_places, field_people = _field_values(ctx, item)
    opening = [p for a, b in item.extra for p in find_places(text, work, a, b)]  # …于4月29日在济南召开
    places = _unique([*field_places, *opening, *(p for a, b in paras for p in find_places(text, work, a, b))])
    number = number_text(item.node) if item.node is not None and item.node.style != "label" else None
    activity = Activity(
        number=number or None, title=title, span=Span(item.start, item.end), windows=windows,
        recurrence=recurrence, sessions=sessions, places=places,
        place_pending=not places and any(place_pending(work, a, b) for a, b in parts),
        phases=_phases(ctx, item, paras),
        participants=_unique([*field_people, *_participants(text, work, paras, roles)]),
        lead_leaders=roles.lead, responsible=roles.responsible, cooperating=roles.cooperating,
    )
    activity.components = components(work, title, parts, whole_body=item.mode == "activity")
    return activity, roles.warnings


def _is_quota(work: str, s: int, e: int) -> bool:
    """每支部3人 says how many take part, not who."""
    return work.startswith("每", s) or bool(_HEADCOUNT.search(work, s, e))


def _field_values(ctx: Context, item: Item) -> tuple[list[Valued], list[Valued]]:
    """Places and participants written under 地点 / 参加人员 headings, on the heading line or below it."""
    text, work = ctx.doc.text, ctx.doc.work
    places: list[Valued] = []
    people: list[Valued] = []
    for node in item.fields:
        label = work[slice(*heading_title(work, node))]
        target = places if "地点" in label else people if _PEOPLE_LABEL.search(label) else None
        if target is None:
            continue
        value = field_value(work, node)
        spans = ([value] if value else []) + node.paras[1:]
        for a, b in spans:
            if target is places and place_pending(work, a, b):
                continue
            if target is places and _SENTENCE_LIKE.search(work, a, _rstrip(work, a, b)):  # 4月29日，在X举办…
                places.extend(find_places(text, work, a, b))
                continue
            target.extend(Valued(text[s:e], Span(s, e)) for s, e in split_units(work, a, b)
                          if not _is_quota(work, s, e))
    return places, people


def _paragraphs_in(ctx: Context, parts: list[tuple[int, int]]) -> list[tuple[int, int]]:
    starts = ctx.starts
    return [p for a, b in parts for p in ctx.paragraphs[bisect_left(starts, a):bisect_left(starts, b)]]


def _roles(ctx: Context, parts: list[tuple[int, int]]) -> RoleScan:
    merged = RoleScan()
    for s, e in _paragraphs_in(ctx, parts):
        _merge(merged, ctx.roles.scan(s, e))
    return merged


def _merge(merged: RoleScan, scan: RoleScan) -> None:
    """Add a paragraph's roles: one entry per name and role, in order of first appearance."""
    for mine, theirs in ((merged.lead, scan.lead), (merged.responsible, scan.responsible),
                         (merged.cooperating, scan.cooperating)):
        names = {r.name for r in mine}
        mine.extend(r for r in theirs if r.name not in names)
    merged.warnings.extend(scan.warnings)
    merged.used.extend(scan.used)


def _title(ctx: Context, item: Item, roles: RoleScan, windows: list[Window]) -> Valued | None:
    text, work = ctx.doc.text, ctx.doc.work
    if item.node is None or item.node.style == "label":
        return None
    s, e = heading_title(work, item.node)
    if item.mode == "task" and work.startswith(";", e):  # a task's heading sentence runs to its 。, past any ；
        stop = _SENTENCE_END.search(work, e, item.node.head_end)
        e = stop.start() if stop else item.node.head_end
    for a, _b in roles.used:  # a role bracket closing the heading is no part of the title
        if s <= a < e:
            e = a
    e = _rstrip(work, s, e)
    dated = _after_time_and_place(work, s, e, windows)
    if dated != s and item.mode == "activity":  # a heading that opens with its date is a sentence: name what it does
        derived = title_from_sentence(text, work, dated, e)
        if derived:
            return derived
    s = dated
    if item.mode == "activity":  # 开展XX活动，组织…: an activity's name ends at its first clause
        e = _first_clause_end(work, s, e)
    else:  # a task's title is its heading sentence, up to the first 。 or ：
        colon = _HEADING_COLON.search(work, s, e)
        e = colon.start() if colon and colon.start() - s >= 2 else e
    verb = _LEADING_VERB.match(work, s, e)
    if verb and item.mode == "activity":  # a task's title is its heading sentence as written
        s = verb.end()
    if e - s >= 2:
        return Valued(text[s:e], Span(s, e))
    body_start = item.node.head_end if e <= s else e
    return derive_title(text, work, max(body_start, item.node.head_start), item.parts()[-1][1])


def _after_time_and_place(work: str, s: int, e: int, windows: list[Window]) -> int:
    """（一）6月10日，在市委党校举办培训班 → 举办培训班: a heading's leading date and place are not its name."""
    for w in windows:
        if w.span.start <= s < w.span.end and w.span.end < e:
            s = w.span.end
    while s < e and work[s] in " ,，:：、;；":
        s += 1
    place = _LEADING_PLACE.match(work, s, e)
    return place.end() if place and e - place.end() >= 2 else s


def _first_clause_end(work: str, s: int, e: int) -> int:
    depth = 0
    for m in _CLAUSE_MARK.finditer(work, s, e):
        ch = m.group()
        if ch in "“《(":
            depth += 1
        elif ch in "”》)":
            depth = max(0, depth - 1)
        elif depth == 0 and m.start() - s >= 4:
            return m.start() if _names_then_describes(work, s, m.start(), e) else e
    return e


def _names_then_describes(work: str, s: int, comma: int, e: int) -> bool:
    """开展读书活动，组织党员… names the activity, then says how: cut at the comma. 突出重点，集中帮扶 (two
    parallel phrases) is the heading as a whole."""
    return bool(_EVENT_END.search(work, s, comma) or _HOW_NEXT.match(work, comma + 1, e)) or e - comma > 24


_EVENT_END = re.compile(r"(?:活动|会|赛|班|节|展|仪式|行动|工程|计划|论坛|讲堂|比武|典礼)$")
_HOW_NEXT = re.compile(r"[ ]*(?:组织|邀请|通过|围绕|以|由|在|向|对|结合|利用|依托|采取|按照|根据|面向|针对|重点|主要|各|全体|引导|动员|号召|为|于|邀|请)")


def _rstrip(work: str, s: int, e: int) -> int:
    while e > s and work[e - 1] in " ,，。;；:：、":
        e -= 1
    return e


def _windows(ctx: Context, item: Item, parts: list[tuple[int, int]],
             role_brackets: list[tuple[int, int]]) -> list[Window]:
    out: list[Window] = []
    seen: set[tuple[object, object, bool]] = set()
    for a, b in parts:
        for w in timebridge.windows(ctx.doc.text, a, b, ctx.year_at(a), ctx.errors):
            key = (w.start, w.end, w.deadline)
            if key not in seen:
                seen.add(key)
                out.append(w)
    out = as_deadlines(ctx.doc.work, out, parts)
    # （5月底取得明显成效，牵头考核单位：X）: a month's end written beside the owner is the time limit.
    out = [replace(w, start=None, deadline=True)
           if w.start is not None and w.text.rstrip().endswith(("底", "末")) and any(a < w.span.start < b for a, b in role_brackets)
           else w for w in out]
    if item.node is None or item.node.style == "label":
        return out
    heading = heading_title(ctx.doc.work, item.node)
    return [w for w in out if not _names_the_occasion(w, heading, out)]


def as_deadlines(work: str, windows: list[Window], spans: list[tuple[int, int]]) -> list[Window]:
    """完成时限：2019年12月底 is a deadline: the window's last day, with no start."""
    fields = []
    for a, b in spans:
        for m in _DEADLINE_LABEL.finditer(work, a, b):
            line_end = work.find("\n", m.end(), b)
            fields.append((m.end(), b if line_end < 0 else line_end))
    out = []
    for w in windows:
        if w.start is not None and not whole_period(w) and any(s <= w.span.start < e for s, e in fields):
            w = replace(w, start=None, deadline=True)
        out.append(w)
    return out


def whole_period(w: Window) -> bool:
    """完成时限：全年 means the work runs all year , not that it is due on 31 December."""
    return w.text.strip().endswith("全年")


def _names_the_occasion(w: Window, heading: tuple[int, int], windows: list[Window]) -> bool:
    """端午诗词朗诵会 … 6月2日: a festival in an event's name is its theme when the text gives another date."""
    inside = heading[0] <= w.span.start and w.span.end <= heading[1]
    bare = not _DATE_CHARS.search(w.text)
    return inside and bare and any((o.start, o.end) != (w.start, w.end) for o in windows)


def components(work: str, title: Valued, parts: list[tuple[int, int]], *, whole_body: bool = True) -> list[str]:
    """Kinds named in the title; when it names none, those in the body (a task: its first sentence), in order."""
    found = _kinds(title.value)
    if not found:
        body = " ".join(work[a:b] for a, b in parts)
        if not whole_body:
            body = body[max(0, title.span.end - parts[0][0]):]
            body = body.lstrip("。. ").split("。")[0]
        found = _kinds(body)
    for winner, loser in _SUPERSEDES.items():
        if winner in found and loser in found:
            found.remove(loser)
    return found or ["other"]


def _kinds(s: str) -> list[str]:
    hits = []
    for name, pattern in _COMPONENTS:
        m = pattern.search(s)
        if m:
            hits.append((m.start(), name))
    return [name for _pos, name in sorted(hits)]


def _phases(ctx: Context, item: Item, parts: list[tuple[int, int]]) -> list[Valued]:
    text, work = ctx.doc.text, ctx.doc.work
    out: list[Valued] = []
    for a, b in parts:
        for m in _PHASE_LIST.finditer(work, a, b):
            pos = m.start("list")
            for piece in _PHASE_SPLIT.split(m.group("list")):
                s = work.index(piece, pos) if piece else pos
                pos = s + len(piece)
                name = piece.strip()
                if 2 <= len(name) <= 8:
                    out.append(Valued(text[s:s + len(name)], Span(s, s + len(name))))
    if not out:  # 第一阶段为乙级联赛，第二阶段为甲级联赛
        for a, b in parts:
            out.extend(Valued(text[m.start("name"):m.end("name")], Span(*m.span("name")))
                       for m in _NAMED_STAGE.finditer(work, a, b))
    if not out and item.node is not None:
        for child in item.node.children:
            if child.style == "stage" or work[child.head_start:child.head_end].split("(")[0].endswith("阶段"):
                s, e = heading_title(work, child)
                name_end = work.rfind("阶段", s, e)
                e = name_end if name_end > s else e
                out.append(Valued(text[s:e], Span(s, e)))
    return out


def _participants(text: str, work: str, parts: list[tuple[int, int]], roles: RoleScan) -> list[Valued]:
    """Who takes part: 参加人员：… fields, and 面向X / 组织X / 对X进行 / 除X参加外 phrases naming groups of people."""
    spans: list[tuple[int, int]] = []
    for a, b in parts:
        for m in _PARTICIPANT_FIELD.finditer(work, a, b):
            spans.extend((s, e) for s, e in split_units(work, m.start("v"), m.end("v")) if not _is_quota(work, s, e))
        masked = flat(work, a, b)
        for m in _PARTICIPANT_PHRASE.finditer(masked):
            group = next(g for g in ("a", "b", "c", "d", "e", "f") if m.group(g) is not None)
            spans.extend(_people(masked, a, *m.span(group)))
    role_names = {r.name for r in (*roles.lead, *roles.responsible, *roles.cooperating)}
    out = [Valued(text[s:e], Span(s, e)) for s, e in sorted(spans) if text[s:e] not in role_names]
    return _unique(out)


def _people(masked: str, offset: int, start: int, end: int) -> list[tuple[int, int]]:
    out = []
    pos = start
    for piece in [*_PEOPLE_SPLIT.finditer(masked, start, end), None]:
        stop = piece.start() if piece else end
        s, e = pos, stop
        while e > s and masked[e - 1] == "□":
            e -= 1
        prefix = _PEOPLE_PREFIX.match(masked, s, e)
        s = prefix.end() if prefix else s
        if e - s >= 2 and _PEOPLE.search(masked, s, e) and "□" not in masked[s:e]:
            out.append((offset + s, offset + e))
        pos = stop + 1
    return out


def _unique(values: list[Valued]) -> list[Valued]:
    seen: set[str] = set()
    out = []
    for v in values:
        if v.value not in seen:
            seen.add(v.value)
            out.append(v)
    return out

