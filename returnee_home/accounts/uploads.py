"""Checking uploaded documents by their content, not their name: PDF, JPEG or PNG only, as
form validation errors (the detection itself is core.uploads)."""

from typing import Any

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from returnee_home.core.uploads import document_mime, is_too_large, upload_limit

ALLOWED_DOCUMENT_TYPES = {
    "application/pdf": ".pdf",
    "image/jpeg": ".jpg",
    "image/png": ".png",
}


def validate_document_upload(upload: Any) -> str:
    """Return the detected MIME type of `upload`, or refuse it (wrong type or too large)."""
    if is_too_large(upload):
        raise ValidationError(
            _("The file is too large: at most %(limit)s.")
            % {"limit": filesizeformat(upload_limit())},
            code="file_too_large",
        )
    mime = document_mime(upload)
    if mime is None:
        raise ValidationError(
            _("Upload a PDF, JPEG or PNG file. This file is of another type."),
            code="file_type",
        )
    return mime
