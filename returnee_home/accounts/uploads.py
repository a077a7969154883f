"""Checking uploaded documents by their content, not their name: PDF, JPEG or PNG only."""

from typing import Any

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

ALLOWED_DOCUMENT_TYPES = {
    "application/pdf": ".pdf",
    "image/jpeg": ".jpg",
    "image/png": ".png",
}


def validate_document_upload(upload: Any) -> str:
    """Return the detected MIME type of `upload`, or refuse it (wrong type or too large)."""
    limit = int(getattr(settings, "UPLOAD_MAX_BYTES", 10 * 1024 * 1024))
    if upload.size > limit:
        raise ValidationError(
            _("The file is too large: at most %(limit)s.") % {"limit": filesizeformat(limit)},
            code="file_too_large",
        )
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    kind = filetype.guess(head)
    if kind is None or kind.mime not in ALLOWED_DOCUMENT_TYPES:
        raise ValidationError(
            _("Upload a PDF, JPEG or PNG file. This file is of another type."),
            code="file_type",
        )
    return kind.mime
