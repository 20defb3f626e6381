"""The numbering tree of a document: headings (一、/（一）/1./（1）/第X章/第X阶段/活动X, label lines) and their paragraphs."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .clean import Cleaned
from .markers import HEAD_MARKER, RANK, cn_to_int, marker_number, marker_value

_LABEL_HEADING = re.compile(
    r"(?:几点|有关|其他|其它|注意|补充|工作|活动|具体)?(?:说明|要求|事项|备注|提示)|保障措施|附件|联系方式|温馨提示"
)
_TITLE_END = re.compile(r"[。;!?]")
_LABEL_COLON = re.compile(r"([\u4e00-\u9fff]{1,10})[ ]*:[ ]*")
_TRAILING = " \t,，。;；:：、.!！?？"


@dataclass
class Node:
    """A numbered heading with its own paragraphs (the heading paragraph first) and its sub-headings."""

    style: str
    number: str
    value: int
    start: int
    head_start: int
    paras: list[tuple[int, int]] = field(default_factory=list)
    children: list[Node] = field(default_factory=list)
    parent: Node | None = None

    @property
    def own_end(self) -> int:
        return self.paras[-1][1] if self.paras else self.head_start

    @property
    def head_end(self) -> int:
        return self.paras[0][1] if self.paras else self.head_start

    @property
    def end(self) -> int:
        return self.children[-1].end if self.children else self.own_end

    def walk(self) -> list[Node]:
        out: list[Node] = []
        for child in self.children:
            out.append(child)
            out.extend(child.walk())
        return out


@dataclass(frozen=True)
class Gap:
    after: str
    number: str
    span: tuple[int, int]


def build_tree(doc: Cleaned) -> Node:
    """Nest numbered paragraphs by style: a style already open is a sibling, conventional depth decides the rest."""
    root = Node("root", "", 0, 0, 0)
    stack = [root]
    top_styles: set[str] = set()
    work = doc.work
    for start, end in doc.paragraphs:
        m = HEAD_MARKER.match(work, start, end)
        if m and m.end("marker") <= end:
            style, value = marker_value(m)
            node = Node(style, marker_number(m), value, start, m.end())
            if style in top_styles:
                del stack[1:]
        elif _is_label_heading(work[start:end]):
            node = Node("label", "", 0, start, start)
            del stack[1:]
        else:
            stack[-1].paras.append((start, end))
            continue
        node.paras.append((start, end))
        _attach(stack, node)
        if node.parent is root:
            top_styles.add(node.style)
    return root


def _attach(stack: list[Node], node: Node) -> None:
    for i in range(len(stack) - 1, 0, -1):
        if stack[i].style == node.style:
            del stack[i:]
            break
    else:
        rank = RANK.get(node.style)
        if rank is not None:
            while len(stack) > 1 and (RANK.get(stack[-1].style) or -1) > rank:
                stack.pop()
    parent = stack[-1]
    parent.children.append(node)
    node.parent = parent
    stack.append(node)


def _is_label_heading(para: str) -> bool:
    para = para.strip()
    return len(para) <= 12 and para.endswith(":") and bool(_LABEL_HEADING.fullmatch(para[:-1].strip()))


def heading_title(work: str, node: Node) -> tuple[int, int]:
    """Span of the heading's title: a label before ':' (活动时间:…), else the first sentence of the paragraph."""
    start, end = node.head_start, node.head_end
    line = work[start:end]
    label = _LABEL_COLON.match(line)
    if label and len(line) > label.end():
        return _trim(work, start, start + label.end(1))
    stop = _TITLE_END.search(line)
    cut = start + stop.start() if stop else end
    return _trim(work, start, cut)


def field_value(work: str, node: Node) -> tuple[int, int] | None:
    """For a 'label: value' heading (时间:2019年…), the span of the value."""
    start, end = node.head_start, node.head_end
    label = _LABEL_COLON.match(work[start:end])
    if not label or start + label.end() >= end:
        return None
    return _trim(work, start + label.end(), end)


def _trim(work: str, start: int, end: int) -> tuple[int, int]:
    while start < end and work[start] in _TRAILING:
        start += 1
    while end > start and work[end - 1] in _TRAILING:
        end -= 1
    return start, end


def numbering_gaps(root: Node) -> list[Gap]:
    """Places where a style's numbering skips (三 → 五); numbering that runs on across sections is not a gap."""
    gaps: list[Gap] = []
    last: dict[str, int] = {}
    for node in [root, *root.walk()]:
        previous = None
        for child in node.children:
            if child.style == "label":
                continue
            expected = {previous.value + 1} if previous and previous.style == child.style else \
                {1, last.get(child.style, 0) + 1}
            if child.value not in expected and child.value > 0:
                after = previous.number if previous and previous.style == child.style else ""
                gaps.append(Gap(after, child.number, (child.start, child.head_start)))
            last[child.style] = child.value
            previous = child
    return gaps


def number_text(node: Node) -> str:
    """The numeral alone, as written; arabic styles as digits."""
    return str(cn_to_int(node.number)) if node.number.isdigit() else node.number
