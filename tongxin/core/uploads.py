"""Uploads stream to disk, and one request carries at most REQUEST_MAX_BYTES of files: the rest is never stored."""

from __future__ import annotations

from django.conf import settings
from django.core.files.uploadhandler import SkipFile, TemporaryFileUploadHandler
from django.http import HttpRequest
from django.utils.translation import gettext as _


class BoundedUploadHandler(TemporaryFileUploadHandler):
    """Every file goes to a temporary file as it arrives; once the request's files pass the limit, each further
    chunk is skipped (read from the connection and dropped), so a 2 GB post costs neither memory nor disk.

    The ordinary form fields are still parsed, so the page can answer with what was typed and a clear message
    (`upload_refused(request)`), rather than the connection being cut.
    """

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        self.received = 0
        self.limit = settings.REQUEST_MAX_BYTES

    def new_file(self, *args, **kwargs):
        if self.received > self.limit:
            raise SkipFile()
        super().new_file(*args, **kwargs)

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > self.limit:
            self.request.tongxin_upload_refused = True
            raise SkipFile()
        return super().receive_data_chunk(raw_data, start)


def upload_refused(request: HttpRequest) -> str | None:
    """The Chinese message to show when files of this request were dropped for passing the request limit."""
    if not getattr(request, "tongxin_upload_refused", False):
        return None
    return _(
        "本次提交的文件合计超过 %(max)d MB，超出的文件没有接收。其他内容已保留，请分几次提交或压缩后重新选择文件。"
    ) % {"max": settings.REQUEST_MAX_BYTES // 1048576}
