"""Expected refusals (403, 404, 400, CSRF, 429) are logged in one line: their traceback tells an operator nothing."""

from __future__ import annotations

import logging

from django.core.exceptions import BadRequest, PermissionDenied, SuspiciousOperation
from django.http import Http404
from django.http.multipartparser import MultiPartParserError

EXPECTED = (PermissionDenied, Http404, BadRequest, SuspiciousOperation, MultiPartParserError)


class ExpectedRefusalFilter(logging.Filter):
    """Drops the traceback Django attaches to "Forbidden (Permission denied)" and "Bad request" lines
    (django.core.handlers.exception.response_for_exception passes the exception as exc_info)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and isinstance(record.exc_info[1], EXPECTED):
            record.exc_info = None
            record.exc_text = None
        return True
