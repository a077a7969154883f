"""Validation of the unified social credit code (统一社会信用代码, GB 32100-2015)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# The 31 characters of the code, in the order that gives each its value (no I, O, S, V, Z).
CREDIT_CODE_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def credit_code_check_character(first17: str) -> str:
    """The 18th character that makes `first17` a valid code (GB 32100-2015 §4.3)."""
    total = sum(CREDIT_CODE_CHARSET.index(c) * w for c, w in zip(first17, _WEIGHTS, strict=True))
    return CREDIT_CODE_CHARSET[(31 - total % 31) % 31]


def normalize_credit_code(value: str) -> str:
    """Upper-cased and stripped of spaces; refuses a code of the wrong length, characters or
    check character, with a message saying which."""
    code = "".join((value or "").split()).upper()
    if len(code) != 18:
        raise ValidationError(
            _("A unified social credit code has exactly 18 characters; this one has %(n)d."),
            code="credit_code_length",
            params={"n": len(code)},
        )
    bad = sorted({c for c in code if c not in CREDIT_CODE_CHARSET})
    if bad:
        raise ValidationError(
            _(
                "A unified social credit code uses only digits and capital letters other than "
                "I, O, S, V and Z; remove: %(chars)s."
            ),
            code="credit_code_charset",
            params={"chars": " ".join(bad)},
        )
    if not code[2:8].isdigit():
        raise ValidationError(
            _("Characters 3 to 8 of the code are the administrative division code: six digits."),
            code="credit_code_division",
        )
    if credit_code_check_character(code[:17]) != code[17]:
        raise ValidationError(
            _(
                "The last character of the code does not match its check digit: please check "
                "the code on the business licence."
            ),
            code="credit_code_checksum",
        )
    return code
