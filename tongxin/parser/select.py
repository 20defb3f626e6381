"""Which numbered headings are items ("activities"): activity-plan arrangements, field-form events, attributed tasks."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .clean import Cleaned
from .roles import RoleIndex
from .structure import Node, heading_title

ARRANGEMENT = re.compile(
    r"活动安排|主要活动|活动内容|活动项目|具体活动|系列活动|工作安排|具体安排|活动形式|重点活动|活动方式|安排部署|具体内容"
    r"|实施内容|活动计划|日程安排|活动日程|议程安排|活动主题和内容|内容安排|主要内容和形式"
)
_STAGE = re.compile(r"阶段(?:\(.*\))?$")
ACTIVITY_HEADING = re.compile(r"(?:举办|举行|开展|组织|召开|组织开展)|.{0,30}(?:活动|座谈会|报告会|培训班|竞赛|大赛|比赛|晚会|仪式|展览)$")
BACKGROUND = re.compile(
    r"指导思想|总体要求|工作目标|目标任务|主要目标|总体目标|基本原则|工作原则|活动目的|目的意义|重要意义|背景|组织领导"
    r"|组织机构|领导小组|保障措施|有关要求|工作要求|活动要求|几点要求|注意事项|实施步骤|工作步骤|方法步骤|步骤安排"
    r"|进度安排|阶段安排|时间安排|活动主题|活动时间|活动地点|参加对象|活动对象|工作措施|总结|说明"
)
REQUIREMENT = re.compile(r"(?:要求|保障措施|组织保障|工作保障|说明|注意事项|纪律)$|^(?:组织领导|加强领导)")
STEPS = re.compile(r"实施步骤|工作步骤|方法步骤|步骤安排|阶段安排|进度安排|时间安排|实施阶段")
FIELD_LABEL = re.compile(
    r"(?:活动|会议|培训|比赛|报名|集合|开班)?(?:时间(?:(?:、|及|和|与)?地点)?(?:及|和|与)?(?:安排)?|地点"
    r"|(?:参加|参会|出席|参与)(?:会议|活动|培训)?(?:人员|对象|范围)|参会人员|对象|人员"
    r"|主题|名称|内容|形式|方式|要求|议程|安排|主办单位|承办单位|协办单位|组织单位)"
    r"|[\u4e00-\u9fff]{1,6}?(?:时间|地点)"  # 集中拍照地点, 作品征集时间: what happens, then when or where
)
# 报名时间, 报到时间, 回执: the logistics of an event, not when it happens.
LOGISTICS = re.compile(r"报名|报到|报送|截止|回执|提交|申报")
DEADLINE = re.compile(
    r"(?:年底|年末|月底|月末|\d{1,2}日|季度末?|上半年|下半年|\d{1,2}月|中旬|上旬|下旬)(?:以)?前(?!后)|年内|前完成|完成时限|时间节点"
    r"|长期坚持|持续推进"
)


@dataclass
class Item:
    """A selected item: its heading (None for a whole-document notice) and the spans that belong to it."""

    node: Node | None
    start: int
    end: int
    exclude: list[tuple[int, int]] = field(default_factory=list)
    mode: str = "activity"  # "activity" (arrangement / event) or "task" (work-plan division of labour)
    fields: list[Node] = field(default_factory=list)  # 时间 / 地点 / 参加人员 headings that describe the item
    extra: list[tuple[int, int]] = field(default_factory=list)  # text outside it that is about it (a notice's opening)
    role_spans: list[tuple[int, int]] = field(default_factory=list)  # text that may name its owners, not its dates

    def parts(self) -> list[tuple[int, int]]:
        """The item's text as contiguous spans, without the regions of items nested in it."""
        out, pos = [], self.start
        for a, b in sorted(self.exclude):
            if a > pos:
                out.append((pos, a))
            pos = max(pos, b)
        if pos < self.end:
            out.append((pos, self.end))
        return sorted([*(p for p in self.extra if p[0] < p[1]), *out])


class Selector:
    def __init__(self, doc: Cleaned, roles: RoleIndex) -> None:
        self.doc = doc
        self.roles = roles
        self._roles: dict[int, bool] = {}
        self._inherits: set[str] = set()

    def has_roles(self, node: Node) -> bool:
        """The heading's own text names an owner, or has an owner label left empty (still a task, with a warning)."""
        if node.start not in self._roles:
            scans = [self.roles.scan(s, e) for s, e in node.paras]
            self._roles[node.start] = any(scan.any() or scan.warnings for scan in scans)
        return self._roles[node.start]

    def title(self, node: Node) -> str:
        s, e = heading_title(self.doc.work, node)
        return self.doc.work[s:e]

    def select(self, root: Node) -> list[Item]:
        carry = self.roles.carry
        notes = [at for at, _refs in carry.same_below] if carry else []
        self._inherits = {n.style for n in root.walk() if any(n.start <= at <= n.own_end for at in notes)}
        items: list[Item] = []
        self._visit(root, None, False, False, items)
        return items or self._named_activities(root)

    def _named_activities(self, root: Node) -> list[Item]:
        """No arrangement section, no owners: top-level headings that name an activity (一、举办…座谈会) are the items."""
        items = []
        for node in root.children:
            title = self.title(node)
            if node.style != "label" and ACTIVITY_HEADING.match(title) and not BACKGROUND.search(title):
                items.append(Item(node, node.start, node.end, mode="activity", fields=self.fields(node.children)))
        return items

    def _visit(self, node: Node, parent_item: Item | None, arranged: bool, background: bool,
               items: list[Item]) -> None:
        for child in node.children:
            title = self.title(child)
            kind = self._kind(child, title, parent_item, arranged, background)
            item = parent_item
            if kind:
                item = Item(child, child.start, child.end, mode=kind, fields=self.fields(child.children))
                if parent_item:
                    parent_item.exclude.append((child.start, child.end))
                items.append(item)
            child_arranged = bool(ARRANGEMENT.search(title)) or (arranged and kind is None)
            child_background = background or bool(BACKGROUND.search(title)) and not child_arranged
            self._visit(child, item, child_arranged and item is None, child_background, items)

    def _kind(self, node: Node, title: str, parent_item: Item | None, arranged: bool, background: bool) -> str | None:
        if node.style == "label":
            return None
        roles = self.has_roles(node)
        if node.style == "chap" and any(c.style != "label" for c in node.children):
            return None  # 第三章 申报程序: a chapter groups articles; a duty stated in its preamble is no task
        if parent_item is not None:
            return "task" if roles else None
        if arranged:
            return None if self._is_category(node, roles) else "activity"
        if roles or (node.style in self._inherits and not background and self._default_before(node.start)):
            return "task"
        if self._is_field_form(node) and not STEPS.search(title):
            return "activity"
        if node.style in ("stage", "act") and not background:
            return "activity"
        if not background and any(DEADLINE.search(self.doc.work, s, e) for s, e in node.paras):
            return "task"
        return None

    def _default_before(self, pos: int) -> bool:
        return bool(self.roles.carry and self.roles.carry.default_before(pos))

    def _is_category(self, node: Node, roles: bool) -> bool:
        """A grouping heading inside an arrangement section (（一）学习教育类) whose children are the activities."""
        if roles or not any(c.style != "label" for c in node.children):
            return False
        if self._is_field_form(node):
            return False
        head = self.doc.work[node.head_start:node.head_end].strip()
        if ACTIVITY_HEADING.match(self.title(node)) or head.endswith("。"):
            return False  # 开展专项整治活动。 with numbered steps below is one activity
        if all(_STAGE.search(self.title(c)) for c in node.children):
            return False
        return len(node.paras) == 1 and len(head) <= 30

    def _is_field_form(self, node: Node) -> bool:
        return len(self.fields(node.children)) >= 2

    def fields(self, nodes: list[Node]) -> list[Node]:
        return [c for c in nodes if FIELD_LABEL.fullmatch(self.title(c))]


def single_item(doc: Cleaned, root: Node) -> Item | None:
    """A one-event notice (一、时间 二、地点 三、参加人员 at the top level) is one item without a number.

    Its text is those field headings; requirement sections (有关要求) stay outside it.
    """
    selector = Selector(doc, RoleIndex(doc.text, doc.work, None))
    fields = [c for c in selector.fields(root.children)
              if not REQUIREMENT.search(selector.title(c)) and not LOGISTICS.search(selector.title(c))]
    timed = any("时间" in selector.title(c) for c in fields)
    # One 时间及安排 section with dated blocks under it is a notice too; otherwise two fields, one of them 时间/地点.
    if not fields or (len(fields) < 2 and not timed) or not (timed or any("地点" in selector.title(c) for c in fields)):
        return None
    item = Item(None, fields[0].start, fields[-1].end, mode="activity", fields=fields)
    item.exclude = [(c.start, c.end) for c in root.children
                    if fields[0].start < c.start < fields[-1].end and c not in fields]
    # 本次比赛由校工会主办 under 其他事项 names the organiser; its dates (报名 deadlines) are not the event's.
    item.role_spans = [(c.start, c.end) for c in root.children if c not in fields]
    return item
