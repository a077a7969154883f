"""Mainland China mobile numbers: one canonical form, +86 followed by 11 digits."""

import re
from typing import Any

from django import forms
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


class MainlandPhoneField(forms.CharField):
    """A form field for a mainland mobile number, typed with or without +86, spaces or hyphens;
    cleans to the canonical +86 form."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 20)
        kwargs.setdefault(
            "widget",
            forms.TextInput(attrs={"type": "tel", "autocomplete": "tel", "inputmode": "tel"}),
        )
        kwargs.setdefault("label", _("Mainland mobile number"))
        super().__init__(*args, **kwargs)

    def clean(self, value: Any) -> str:
        value = super().clean(value)
        return normalize_mainland_mobile(value) if value else value
