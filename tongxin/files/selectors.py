"""Reading attachments, and answering with one after the caller has checked that the viewer may see its object."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db.models import Model, QuerySet
from django.http import FileResponse

from tongxin.files.models import Attachment


def attachments_of(target: Model, *, purpose: str | None = None) -> QuerySet[Attachment]:
    qs = Attachment.objects.filter(target_type=ContentType.objects.get_for_model(target), target_id=target.pk)
    return qs.filter(purpose=purpose) if purpose is not None else qs


def attachment_response(attachment: Attachment, *, thumbnail: bool = False, download_name: str | None = None):
    """The file (or its thumbnail) as a response. `download_name` replaces the original name where it must not show
    (blind review); images open inline, everything else downloads."""
    field = attachment.thumbnail if thumbnail and attachment.thumbnail else attachment.file
    inline = attachment.is_image
    name = download_name or attachment.original_name
    response = FileResponse(
        field.open("rb"),
        as_attachment=not inline,
        filename=name,
        content_type="image/jpeg" if field is attachment.thumbnail else attachment.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, max-age=3600"
    return response
