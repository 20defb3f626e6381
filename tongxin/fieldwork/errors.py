"""The one error field work's services raise: a Chinese message, and the form field it belongs to (if any)."""

from __future__ import annotations


class FieldworkError(Exception):
    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field
