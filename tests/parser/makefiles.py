"""Builders for binary test documents (docx, PDFs with and without a text layer, encrypted, legacy Office)."""

from __future__ import annotations

from pathlib import Path

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def write_docx(path: Path, paragraphs: list[str], table: list[list[str]] | None = None) -> Path:
    import docx

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                grid.cell(r, c).text = value
    document.add_paragraph("以上任务请认真落实。")
    document.save(str(path))
    return path


def write_text_pdf(path: Path, paragraphs: list[str]) -> Path:
    from weasyprint import HTML

    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    HTML(string=f"<html><body style='font-family: Noto Sans CJK SC'>{body}</body></html>").write_pdf(str(path))
    return path


def write_scanned_pdf(path: Path) -> Path:
    """An image-only PDF, as a scanner produces: pages with pictures and no text layer."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (400, 300), "white")
    ImageDraw.Draw(image).rectangle((40, 40, 360, 80), fill="black")
    image.save(str(path))
    return path


def write_encrypted_pdf(path: Path) -> Path:
    """A PDF with a Standard security handler whose user password is not empty."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
        b"<< /Filter /Standard /V 1 /R 2 /Length 40 /P -4 /O <" + b"11" * 32 + b"> /U <" + b"22" * 32 + b"> >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += (f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R /Encrypt 4 0 R /ID [<0123456789abcdef0123456789abcdef>"
            f"<0123456789abcdef0123456789abcdef>] >>\nstartxref\n{xref}\n%%EOF\n").encode()
    path.write_bytes(bytes(out))
    return path


def write_ole(path: Path, *, encrypted_docx: bool = False) -> Path:
    """The start of an OLE compound file, as legacy .doc/.wps files and password-protected .docx files are."""
    payload = "EncryptedPackage".encode("utf-16-le") if encrypted_docx else "WordDocument".encode("utf-16-le")
    path.write_bytes(OLE_MAGIC + b"\x00" * 504 + payload + b"\x00" * 512)
    return path


def write_division_docx(path: Path, rows: list[list[str]], *, before: list[str], group_rows: dict[int, str],
                        merge_down: dict[tuple[int, int], int] | None = None) -> Path:
    """A work plan whose division of labour is a Word table (任务分工表), as governments write them.

    rows[0] is the header. group_rows maps a row index to a heading (一、…) written across the whole row as one
    merged cell. merge_down maps (row, column) to the last row that cell spans (责任领导 written once for a group).
    A task cell may hold several paragraphs (separated by \\n).
    """
    import docx

    document = docx.Document()
    for text in before:
        document.add_paragraph(text)
    width = len(rows[0])
    grid = document.add_table(rows=len(rows), cols=width)
    for r, row in enumerate(rows):
        if r in group_rows:
            merged = grid.cell(r, 0).merge(grid.cell(r, width - 1))
            merged.text = group_rows[r]
            continue
        for c, value in enumerate(row):
            cell = grid.cell(r, c)
            first, *more = value.split("\n")
            cell.text = first
            for extra in more:
                cell.add_paragraph(extra)
    for (r, c), last in (merge_down or {}).items():
        text = grid.cell(r, c).text
        merged = grid.cell(r, c).merge(grid.cell(last, c))
        merged.text = text
    document.add_paragraph("各责任单位于每季度末将进展情况报县政府办公室。")
    document.save(str(path))
    return path


def write_bloated_docx(path: Path, xml_bytes: int) -> Path:
    """A small .docx whose document.xml unpacks to xml_bytes (empty paragraphs compress very well)."""
    import zipfile

    import docx

    document = docx.Document()
    document.add_paragraph("某某方案")
    document.save(str(path))
    with zipfile.ZipFile(path) as src:
        parts = {name: src.read(name) for name in src.namelist()}
    body = parts["word/document.xml"].decode("utf-8")
    filler = "<w:p/>" * (xml_bytes // 6)
    parts["word/document.xml"] = body.replace("<w:body>", "<w:body>" + filler, 1).encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for name, data in parts.items():
            out.writestr(name, data)
    return path
