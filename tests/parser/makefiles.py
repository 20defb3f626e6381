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
