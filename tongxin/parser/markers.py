"""Numbering markers of Chinese official documents (一、 （一） 1. （1） ① 第X章 第X条 第X阶段 活动X) on the half-width copy."""

from __future__ import annotations

import re

from .numerals import parse_int

CN = "[一二三四五六七八九十百零〇两]{1,4}"

# Conventional depth of each numbering style; None marks styles whose depth depends on where they appear.
RANK: dict[str, float | None] = {
    "chap": 0, "part": None, "stage": None, "art": 1.5, "cn": 2, "act": None,
    "pcn": 3, "ar": 4, "par": 5, "arp": 5.5, "circ": 6,
}

_ALTERNATIVES = {
    "chap": rf"第(?P<chap>{CN}|\d{{1,2}})[章编](?![程])",
    "part": rf"第(?P<part>{CN}|\d{{1,2}})部分",
    "stage": rf"第(?P<stage>{CN}|\d{{1,2}})阶段",
    "art": rf"第(?P<art>{CN}|\d{{1,3}})条(?![件款例])",
    "cn": rf"(?<![一二三四五六七八九十百第])(?P<cn>{CN})(?:、|\.(?!\d))",
    "act": rf"活动(?P<act>{CN}|\d{{1,2}})(?=[:\s]|$)",
    "pcn": rf"\((?P<pcn>{CN})\)",
    "ar": r"(?<![\d.])(?P<ar>\d{1,2})(?:、|\.(?![\d.])|\.(?=\d{4}年))",  # 4.2022年启动…: a year may follow
    "par": r"\((?P<par>\d{1,2})\)",
    "arp": r"(?<![\d(])(?P<arp>\d{1,2})\)",
    "circ": r"(?P<circ>[①-⑳])",
}
_INLINE_STYLES = ("cn", "pcn", "ar", "par", "circ", "act", "stage")

HEAD_MARKER = re.compile(r"[ ]*(?P<marker>" + "|".join(_ALTERNATIVES.values()) + r")[ ]*(?::[ ]*)?")
INLINE_MARKER = re.compile(r"(?=[一二三四五六七八九十百零〇两(\d①-⑳活第])(?P<marker>" + "|".join(_ALTERNATIVES[s] for s in _INLINE_STYLES) + ")")


def cn_to_int(s: str) -> int:
    """一 → 1, 十一 → 11, 二十三 → 23; digits pass through; 0 when unreadable."""
    return parse_int(s) or 0


def marker_value(m: re.Match[str]) -> tuple[str, int]:
    """The style name and numeric value of a HEAD_MARKER / INLINE_MARKER match."""
    for style, raw in m.groupdict().items():
        if raw is not None and style in RANK:
            if style == "circ":
                return style, ord(raw) - ord("①") + 1
            return style, cn_to_int(raw)
    return "", 0


def marker_number(m: re.Match[str]) -> str:
    """The numeral as written (（三） → 三, 1. → 1, 第二阶段 → 二, ① → 1)."""
    for style, raw in m.groupdict().items():
        if raw is not None and style in RANK:
            return str(ord(raw) - ord("①") + 1) if style == "circ" else raw
    return ""
