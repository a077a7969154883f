"""Mainland China mobile numbers: one canonical form, +86 followed by 11 digits."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_MOBILE = re.compile(r"^1[3-9]\d{9}$")


def normalize_mainland_mobile(value: str) -> str:
    """'+86 138-1234-5678', '8613812345678' or '13812345678' → '+8613812345678'.

    Refuses anything that is not an 11-digit mainland mobile number."""
    digits = re.sub(r"[\s\-()]", "", value or "")
    if digits.startswith("+86"):
        digits = digits[3:]
    elif digits.startswith("0086"):
        digits = digits[4:]
    elif digits.startswith("86") and len(digits) == 13:
        digits = digits[2:]
    if not _MOBILE.match(digits):
        raise ValidationError(
            _("Enter a mainland China mobile number: 11 digits starting with 1, e.g. 13812345678."),
            code="invalid_phone",
        )
    return f"+86{digits}"
