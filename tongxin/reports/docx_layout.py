"""The pieces of an official document's layout (GB/T 9704) in python-docx: page, fonts, red rules, page numbers."""

from __future__ import annotations

from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from tongxin.core.text import clean_for_document

RED = RGBColor(0xE6, 0x00, 0x12)
BODY_FONT = "宋体"
HEADING_FONT = "黑体"
SUBHEADING_FONT = "楷体"
# The masthead is set in 方正小标宋 in print shops; 宋体 bold is the face every Word and WPS has.
TITLE_FONT = "宋体"
SIZE_BODY = Pt(16)  # 三号
SIZE_MASTHEAD = Pt(42)  # 初号
SIZE_TITLE = Pt(22)  # 二号
SIZE_NOTE = Pt(14)  # 四号


def setup_page(doc: DocumentObject) -> None:
    """A4 portrait with the GB/T 9704 margins: top 3.7, bottom 3.5, left 2.8, right 2.6 cm."""
    for section in doc.sections:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Cm(21), Cm(29.7)
        section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
        section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)
        section.footer_distance = Cm(2.5)
    normal = doc.styles["Normal"]
    set_font(normal, BODY_FONT, SIZE_BODY)
    normal.paragraph_format.line_spacing = Pt(28)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.space_before = Pt(0)


def set_font(target, name: str, size=None, *, bold: bool | None = None, color: RGBColor | None = None) -> None:
    """Set a run's or style's font, including the East Asian slot Word uses for Chinese characters."""
    font = target.font
    font.name = name
    if size is not None:
        font.size = size
    if bold is not None:
        font.bold = bold
    if color is not None:
        font.color.rgb = color
    rpr = target.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(slot), name)


def paragraph(
    doc: DocumentObject,
    text: str = "",
    *,
    font: str = BODY_FONT,
    size=SIZE_BODY,
    bold: bool = False,
    color: RGBColor | None = None,
    align=None,
    indent: bool = False,
):
    """One paragraph of one run; `indent` is the usual two-character first-line indent of body text."""
    p = doc.add_paragraph()
    if align is not None:
        p.alignment = align
    if indent:
        p.paragraph_format.first_line_indent = Pt(size.pt * 2)
    text = clean_for_document(text)
    if text:
        set_font(p.add_run(text), font, size, bold=bold, color=color)
    return p


def rule(p, *, edge: str = "bottom", color: str = "E60012", size_eighths: int = 18) -> None:
    """A horizontal line drawn as the paragraph's border (the red rule under a masthead, the lines of 报送发)."""
    ppr = p._p.get_or_add_pPr()
    borders = ppr.find(qn("w:pBdr"))
    if borders is None:
        borders = OxmlElement("w:pBdr")
        ppr.append(borders)
    line = OxmlElement(f"w:{edge}")
    line.set(qn("w:val"), "single")
    line.set(qn("w:sz"), str(size_eighths))
    line.set(qn("w:space"), "4")
    line.set(qn("w:color"), color)
    borders.append(line)


def left_and_right(doc: DocumentObject, left: str, right: str, *, size=SIZE_NOTE):
    """Two texts on one line, the second flush right (by a right tab stop at the text width)."""
    p = doc.add_paragraph()
    section = doc.sections[-1]
    width = section.page_width - section.left_margin - section.right_margin
    p.paragraph_format.tab_stops.add_tab_stop(width, WD_TAB_ALIGNMENT.RIGHT)
    set_font(p.add_run(f"{clean_for_document(left)}\t{clean_for_document(right)}"), BODY_FONT, size)
    return p


def page_numbers(doc: DocumentObject) -> None:
    """“— 1 —” centred in the footer, as official documents number their pages."""
    footer = doc.sections[0].footer
    p = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    set_font(p.add_run("— "), BODY_FONT, SIZE_NOTE)
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = p.add_run("1")
    set_font(run, BODY_FONT, SIZE_NOTE)
    field.append(run._r)
    p._p.append(field)
    set_font(p.add_run(" —"), BODY_FONT, SIZE_NOTE)
