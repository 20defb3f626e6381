"""One cleaning function for every text written into a document (docx, xlsx, PDF): no character the file can't hold."""

from __future__ import annotations

import re

# Word's Shift+Enter is a vertical tab (\x0b) and a manual page break is a form feed (\x0c): both mean "new line"
# to the person who typed them, so they become one rather than disappearing and gluing two sentences together.
# Carriage returns stay: XML stores them, python-docx makes them a break, and a ledger cell keeps what was typed.
_LINE_BREAKS = re.compile(r"[\x0b\x0c\x85\u2028\u2029]")
# What XML 1.0 (the inside of .docx and .xlsx) cannot store at all: C0 controls other than tab and newline,
# DEL and the C1 controls (invisible, and rejected by some readers), lone surrogates, and the two non-characters.
_UNSTORABLE = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")


def clean_for_document(value: object) -> str:
    """The text with Word's other line breaks made `\\n` and characters a document cannot store removed; None becomes "".

    Every string that a docx, xlsx or PDF writer receives goes through this, because one such character from a
    report typed in Word made python-docx raise and the whole bulletin fail.
    """
    if value is None:
        return ""
    text = value if isinstance(value, str) else str(value)
    if text.isprintable():  # the common case: nothing to do, and cheap for 100 000 ledger cells
        return text
    return _UNSTORABLE.sub("", _LINE_BREAKS.sub("\n", text))


def quoted(text: str) -> str:
    """“text” in Chinese quotation marks; quotes inside become single ones, as Chinese nests them.

    Activity titles often carry their own quotes (“寄语祖国”微视频…), and wrapping them again printed ““寄语祖国”…”.
    """
    inner = text.replace("“", "‘").replace("”", "’")
    return f"“{inner}”"
