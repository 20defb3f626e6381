"""Attachments: checked by content and size before storing, images re-encoded without EXIF/GPS and thumbnailed,
stored under random names, audited; Office zip bombs and corrupt images refused in Chinese."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from tongxin.audit.models import AuditEntry
from tongxin.files.checks import UploadRejected, check_upload
from tongxin.files.selectors import attachment_response, attachments_of
from tongxin.files.services import attachment_create, attachment_delete

MB = 1024 * 1024


def jpeg_with_gps(width=800, height=600) -> bytes:
    img = Image.new("RGB", (width, height), (200, 30, 40))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x8825] = {1: "N", 2: (42.0, 16.0, 0.0)}  # GPS IFD
    out = io.BytesIO()
    img.save(out, "JPEG", exif=exif)
    return out.getvalue()


def upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)


def test_a_photo_is_reencoded_without_exif_and_gets_a_thumbnail(programme, people):
    original = jpeg_with_gps()
    assert b"PhoneMaker" in original
    att = attachment_create(
        actor=people["admin"],
        target=programme["a"],
        upload=upload("张三家中.jpg", original),
        kinds={"image"},
        purpose="photo",
        caption="走访合影",
    )
    stored = att.file.read()
    assert b"PhoneMaker" not in stored and Image.open(io.BytesIO(stored)).getexif() == {}
    assert (att.width, att.height, att.content_type, att.kind) == (800, 600, "image/jpeg", "image")
    assert "张三" not in att.file.name and att.file.name.startswith("attachments/2019/08/")
    thumb = Image.open(att.thumbnail.open("rb"))
    assert max(thumb.size) == 480
    assert list(attachments_of(programme["a"], purpose="photo")) == [att]
    entry = AuditEntry.objects.get(action="attachment.create")
    assert entry.summary == "上传附件“张三家中.jpg”" and entry.target_id == str(programme["a"].pk)


def test_a_download_can_hide_the_original_name(programme, people):
    att = attachment_create(
        actor=people["admin"], target=programme["a"], upload=upload("作者王五.pdf", b"%PDF-1.4\n%%EOF\n"), kinds={"pdf"}
    )
    response = attachment_response(att, download_name="稿件-0007.pdf")
    assert "%E7%A8%BF%E4%BB%B6-0007.pdf" in response["Content-Disposition"]
    assert "王五" not in response["Content-Disposition"] and response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == b"%PDF-1.4\n%%EOF\n"


@pytest.mark.parametrize(
    ("name", "data", "kinds", "message"),
    [
        ("photo.jpg", b"MZ\x90\x00 an exe renamed", {"image"}, "“photo.jpg”的内容与扩展名不符，可能已损坏或被改名。"),
        (
            "video.exe",
            b"MZ",
            {"image", "video"},
            "“video.exe”的文件类型不支持。可以上传：.gif、.jpeg、.jpg、.m4v、.mov、.mp4、.png、.webp。",
        ),
        ("empty.png", b"", {"image"}, "“empty.png”是空文件。"),
        ("report.pdf", b"%PDF-1.4" + b"0" * (2 * MB), {"pdf"}, "“report.pdf”太大（至少 1.0 MB），上限 1 MB。"),
        ("a.docx", b"PK\x03\x04broken", {"docx"}, "“a.docx”已损坏，无法打开。"),
        ("photo.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, {"image"}, "“photo.png”不是有效的图片，可能已损坏。"),
        ("notes.txt", b"\x00\x01\x02binary", {"text"}, "“notes.txt”的内容与扩展名不符，可能已损坏或被改名。"),
    ],
)
def test_bad_files_are_refused_in_chinese_and_nothing_is_stored(programme, people, name, data, kinds, message):
    from tongxin.files.models import Attachment

    with pytest.raises(UploadRejected) as exc:
        attachment_create(
            actor=people["admin"], target=programme["a"], upload=upload(name, data), kinds=kinds, max_bytes=MB
        )
    assert exc.value.message == message
    assert Attachment.objects.count() == 0


def test_an_office_zip_bomb_is_refused(programme, people):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("word/document.xml", b"\x00" * (50 * MB))
    with pytest.raises(UploadRejected) as exc:
        check_upload(upload("plan.docx", out.getvalue()), kinds={"docx"}, max_bytes=20 * MB)
    assert exc.value.message == "“plan.docx”解压后过大，已拒收。"


def test_gbk_text_is_text(db):
    checked = check_upload(upload("名单.txt", "统一战线工作部".encode("gbk") * 100), kinds={"text"}, max_bytes=MB)
    assert checked.type.content_type == "text/plain"


def test_deleting_removes_the_row_and_records_it(programme, people, django_capture_on_commit_callbacks):
    att = attachment_create(
        actor=people["admin"], target=programme["a"], upload=upload("a.pdf", b"%PDF-1.4\n"), kinds={"pdf"}
    )
    path = att.file.path
    with django_capture_on_commit_callbacks(execute=True):
        attachment_delete(actor=people["admin"], attachment=att)
    assert attachments_of(programme["a"]).count() == 0
    assert AuditEntry.objects.filter(action="attachment.delete").get().summary == "删除附件“a.pdf”"
    import os

    assert not os.path.exists(path)
