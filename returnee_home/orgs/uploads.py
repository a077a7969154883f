"""Checks on uploaded documents (business licences): kind by content, size."""

from typing import Any

import filetype
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from returnee_home.core.errors import ApplicationError

ALLOWED_MIME_TYPES = {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png"}


def check_document(upload: Any, *, field: str) -> str:
    """The file's real extension (pdf, jpg, png); refuses other kinds, whatever their name
    says, and files larger than settings.UPLOAD_MAX_BYTES."""
    if upload.size > settings.UPLOAD_MAX_BYTES:
        message = _("The file is larger than %(limit)s.") % {
            "limit": filesizeformat(settings.UPLOAD_MAX_BYTES)
        }
        raise ApplicationError("file_too_large", message, fields={field: message})
    position = upload.tell() if hasattr(upload, "tell") else 0
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(position)
    kind = filetype.guess(head)
    if kind is None or kind.mime not in ALLOWED_MIME_TYPES:
        message = _("Upload a PDF, JPEG or PNG file.")
        raise ApplicationError("file_type", message, fields={field: message})
    return ALLOWED_MIME_TYPES[kind.mime]
