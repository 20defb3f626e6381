"""Storing and removing attachments; every module's uploads go through `attachment_create`."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Model

from tongxin.audit.services import audit_record
from tongxin.files import images
from tongxin.files.checks import check_upload
from tongxin.files.models import Attachment


def attachment_create(
    *,
    actor,
    target: Model,
    upload,
    kinds: set[str],
    max_bytes: int | None = None,
    purpose: str = "",
    caption: str = "",
    plan_id: int | None = None,
) -> Attachment:
    """Check `upload` by its content (UploadRejected with a Chinese message otherwise), re-encode an image (no EXIF
    or GPS survives) with a thumbnail, store it under a random name and record who attached what to which object."""
    checked = check_upload(upload, kinds=kinds, max_bytes=max_bytes or settings.UPLOAD_MAX_BYTES)
    attachment = Attachment(
        target_type=ContentType.objects.get_for_model(target),
        target_id=target.pk,
        purpose=purpose,
        original_name=checked.name[:255],
        caption=caption[:300],
        content_type=checked.type.content_type,
        kind=checked.type.kind,
        size=checked.size,
        sha256=checked.sha256,
        uploaded_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    if checked.type.kind == "image":
        img = images.reencode(upload, name=checked.name)
        attachment.content_type, attachment.size = img.content_type, len(img.data)
        attachment.width, attachment.height = img.width, img.height
        stem = Path(checked.name).stem
        attachment.original_name = f"{stem}{img.extension}"[:255]
        content, thumb = ContentFile(img.data, name=f"x{img.extension}"), ContentFile(img.thumbnail, name="t.jpg")
    else:
        upload.seek(0)
        content, thumb = upload, None
    with transaction.atomic():
        attachment.file.save(f"x{Path(attachment.original_name).suffix}", content, save=False)
        if thumb is not None:
            attachment.thumbnail.save("t.jpg", thumb, save=False)
        attachment.save()
        audit_record(
            actor=actor,
            action="attachment.create",
            target=target,
            summary=f"上传附件“{attachment.original_name}”",
            changes={"attachment": attachment.pk, "size": attachment.size, "sha256": attachment.sha256},
            plan_id=plan_id,
        )
    return attachment


def attachment_delete(*, actor, attachment: Attachment, plan_id: int | None = None) -> None:
    target = attachment.target
    with transaction.atomic():
        name = attachment.original_name
        attachment.delete()
        if target is not None:
            audit_record(
                actor=actor, action="attachment.delete", target=target, summary=f"删除附件“{name}”", plan_id=plan_id
            )
    transaction.on_commit(lambda: (attachment.file.delete(save=False), attachment.thumbnail.delete(save=False)))
