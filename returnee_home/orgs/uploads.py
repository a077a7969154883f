"""Checks on uploaded documents (business licences, evidence, request materials) for actions:
kind by content, size; refusals as ApplicationError on the named field."""

from typing import Any

from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from returnee_home.core.errors import ApplicationError
from returnee_home.core.uploads import DOCUMENT_TYPES, document_mime, is_too_large, upload_limit

ALLOWED_MIME_TYPES = DOCUMENT_TYPES


def check_document(upload: Any, *, field: str) -> str:
    """The file's real extension (pdf, jpg, png); refuses other kinds, whatever their name
    says, and files larger than settings.UPLOAD_MAX_BYTES."""
    if is_too_large(upload):
        message = _("The file is larger than %(limit)s.") % {
            "limit": filesizeformat(upload_limit())
        }
        raise ApplicationError("file_too_large", message, fields={field: message})
    mime = document_mime(upload)
    if mime is None:
        message = _("Upload a PDF, JPEG or PNG file.")
        raise ApplicationError("file_type", message, fields={field: message})
    return DOCUMENT_TYPES[mime]
