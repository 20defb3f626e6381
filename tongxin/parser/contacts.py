"""Contacts (联系人, phones, fax, email) and the reporting line (将…报市委统战部)."""

from __future__ import annotations

import re

from .markers import HEAD_MARKER
from .model import Contact, Reporting, Span
from .units import UNIT_SUFFIX, is_unit

_PERSON = re.compile(r"联系人[ ]*(?::|为)?[ ]*(?P<name>[\u4e00-\u9fff]{2,4}?)(?:同志|老师|先生|女士)?(?=[ ,;，；、(\d]|联系|电话|手机|$)", re.M)
_PHONE_LABEL = re.compile(r"(?=[联咨服办值电手座热专传])(?:联系|咨询|服务|办公|值班)?(?:电话|手机|座机|热线|专线|联系方式|传真)[ ]*(?::|为)?")
_PHONE = re.compile(r"(?<![\w.@-])(?<!QQ:)(?<!QQ)(?:\(?0\d{2,3}\)?[ -]?\d{7,8}|1[3-9]\d{9}|\d{7,8})(?:[ ]*\(传真\))?(?![\w@])")
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
_FAX_LABEL = re.compile(r"传真[ ]*(?::|为)?[ ]*$")
_REPORT = re.compile(
    r"(?:将|把)[^。;]{0,60}?(?<![呈汇情简通公预电])(?:报送|上报|报告|报|发送|送交|送达)(?:至|到|给)?(?P<to>[^,;。\s(]{2,20})"
    r"|(?:报送|发送|上报|送交|发)(?:至|到)[ ]*(?P<to2>[^,;。]{2,30})"
)
_SENTENCE = re.compile(r"[^。;\n]+")


def find_contacts(text: str, work: str, spans: list[tuple[int, int]]) -> list[Contact]:
    """Contacts in the given spans: each 联系人 opens one; phone lines without a person name the unit before them."""
    contacts: list[Contact] = []
    for a, b in spans:
        for m in _PERSON.finditer(work, a, b):
            contacts.append(Contact(name=text[m.start("name"):m.end("name")], span=Span(m.start(), m.end())))
        for m in _PHONE_LABEL.finditer(work, a, b):
            if not _number_follows(work, m.end(), b):  # 手机视频 is no phone line
                continue
            owner = _owner(contacts, m.start())
            if owner is None:
                owner = Contact(name=_unit_before(text, work, a, m.start()), span=Span(m.start(), m.end()))
                contacts.append(owner)
            _attach_numbers(text, work, m.end(), min(b, m.end() + 60), owner)
        for m in (_EMAIL.finditer(work, a, b) if "@" in work[a:b] else ()):
            owner = _owner(contacts, m.start()) or (contacts[-1] if contacts else None)
            if owner is not None and owner.email is None:
                owner.email = text[m.start():m.end()]
                owner.span = Span(owner.span.start, max(owner.span.end, m.end()))
    return [c for c in contacts if c.phones or c.email or c.fax or c.name]


def _number_follows(work: str, pos: int, end: int) -> bool:
    while pos < end and work[pos] == " ":
        pos += 1
    return bool(_PHONE.match(work, pos, end))


def _owner(contacts: list[Contact], pos: int) -> Contact | None:
    """The contact a phone or e-mail at `pos` belongs to: the last one opened shortly before it."""
    before = [c for c in contacts if c.span.start <= pos and pos - c.span.end <= 80]
    return before[-1] if before else None


def _attach_numbers(text: str, work: str, start: int, end: int, contact: Contact) -> None:
    stop = re.search(r"联系人|[。;\n]|邮箱|电子邮件|E-?mail", work[start:end], re.I)
    end = start + stop.start() if stop else end
    for m in _PHONE.finditer(work, start, end):
        number_end = m.end()
        number = work[m.start():number_end]
        is_fax = number.endswith("(传真)") or bool(_FAX_LABEL.search(work, max(0, m.start() - 6), m.start()))
        digits_end = m.start() + len(number.split("(")[0].rstrip()) if "(传真)" in number else number_end
        value = text[m.start():digits_end]
        if is_fax:
            contact.fax = contact.fax or value
        elif value not in contact.phones:
            contact.phones.append(value)
        contact.span = Span(contact.span.start, max(contact.span.end, number_end))


def _unit_before(text: str, work: str, floor: int, pos: int) -> str | None:
    """The unit a sentence is about (市小微企业融资服务窗口开辟服务专线（联系电话…）): longest unit prefix of the clause."""
    start = max(work.rfind(ch, floor, pos) for ch in "。;\n") + 1
    start = max(start, floor)
    while start < pos and work[start] in " ,":
        start += 1
    for end in range(min(pos, start + 24), start + 1, -1):
        if UNIT_SUFFIX.search(work, start, end):
            return text[start:end]
    return None


def find_reporting(text: str, work: str, spans: list[tuple[int, int]]) -> Reporting | None:
    """The last sentence, outside items, that says where results or material are to be sent."""
    found: Reporting | None = None
    for a, b in spans:
        for sentence in _SENTENCE.finditer(work, a, b):
            m = _REPORT.search(sentence.group())
            if not m:
                continue
            s, e = sentence.span()
            while s < e and work[s] in " ,":
                s += 1
            marker = HEAD_MARKER.match(work, s, e)
            s = marker.end() if marker else s
            group = "to" if m.group("to") else "to2"
            to = m.group(group).strip()
            to_start = sentence.start() + m.start(group)
            to_text = text[to_start:to_start + len(to)]
            found = Reporting(to=to_text if is_unit(to) else None, text=text[s:e].strip(), span=Span(s, e))
    return found
