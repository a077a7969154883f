"""What an uploaded document really is: its kind read from its first bytes, never from its name.

Apps decide how to refuse (a form's ValidationError, an action's ApplicationError) and in which
words; the detection and the size limit live here once."""

from typing import Any

import filetype
from django.conf import settings

# MIME type → file extension of the documents the platform accepts.
DOCUMENT_TYPES = {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png"}


def upload_limit() -> int:
    return int(getattr(settings, "UPLOAD_MAX_BYTES", 10 * 1024 * 1024))


def is_too_large(upload: Any) -> bool:
    return upload.size > upload_limit()


def document_mime(upload: Any) -> str | None:
    """The accepted MIME type of the file's content, or None for any other kind. Leaves the
    file's read position where it was."""
    position = upload.tell() if hasattr(upload, "tell") else 0
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(position)
    kind = filetype.guess(head)
    if kind is None or kind.mime not in DOCUMENT_TYPES:
        return None
    return kind.mime
