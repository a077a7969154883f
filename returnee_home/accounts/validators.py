"""Identity-document numbers: resident ID card (GB 11643-1999) and passports, and their masks.

Numbers are normalised to upper case without spaces before validation; the validators raise
Django ValidationError with a translated message naming what is wrong.
"""

import datetime
import re

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# First two digits of a resident ID number: the province-level region (GB/T 2260).
PROVINCE_CODES = frozenset(
    {
        "11", "12", "13", "14", "15",
        "21", "22", "23",
        "31", "32", "33", "34", "35", "36", "37",
        "41", "42", "43", "44", "45", "46",
        "50", "51", "52", "53", "54",
        "61", "62", "63", "64", "65",
    }
)  # fmt: skip
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
_RESIDENT_ID = re.compile(r"^\d{17}[\dX]$")
# Chinese ordinary passports: E + 8 digits, E + letter (not I or O) + 7 digits, or the older G.
_CN_PASSPORT = re.compile(r"^(E\d{8}|E[A-HJ-NP-Z]\d{7}|G\d{8})$")
_FOREIGN_PASSPORT = re.compile(r"^[A-Z0-9]{6,9}$")
CHINA = "CN"


def normalise_number(value: str) -> str:
    """Upper case, no spaces or hyphens: what people type and what is stored."""
    return re.sub(r"[\s\-]", "", value or "").upper()


def resident_id_check_digit(first17: str) -> str:
    """The GB 11643 check character for the first 17 digits."""
    total = sum(int(d) * w for d, w in zip(first17, _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11]


def validate_resident_id(value: str) -> str:
    """Return the normalised number, or refuse: length, region, birth date, check digit."""
    number = normalise_number(value)
    if not _RESIDENT_ID.match(number):
        raise ValidationError(
            _("A resident ID number has 18 characters: 17 digits and a last digit or X."),
            code="id_format",
        )
    if number[:2] not in PROVINCE_CODES:
        raise ValidationError(
            _("The first digits of this number are not a region code of mainland China."),
            code="id_region",
        )
    try:
        born = datetime.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        raise ValidationError(
            _("The date of birth in this number (digits 7 to 14) is not a valid date."),
            code="id_birth_date",
        ) from None
    if born > timezone.localdate() or born.year < 1900:
        raise ValidationError(
            _("The date of birth in this number (digits 7 to 14) is not possible."),
            code="id_birth_date",
        )
    if resident_id_check_digit(number[:17]) != number[17]:
        raise ValidationError(
            _(
                "The last character does not match the rest of the number. Check for a typing error."
            ),
            code="id_checksum",
        )
    return number


def validate_passport(value: str, *, nationality_code: str) -> str:
    """Return the normalised number, or refuse it by the format of the issuing country."""
    number = normalise_number(value)
    if nationality_code.upper() == CHINA:
        if not _CN_PASSPORT.match(number):
            raise ValidationError(
                _(
                    "A Chinese passport number is E or G followed by 8 digits, "
                    "or E, a letter and 7 digits."
                ),
                code="passport_format",
            )
    elif not _FOREIGN_PASSPORT.match(number):
        raise ValidationError(
            _("A passport number has 6 to 9 letters and digits."), code="passport_format"
        )
    return number


def mask_number(number: str) -> str:
    """'320102199001011234' → '3201**********1234'; 'E12345678' → 'E*****678'."""
    number = normalise_number(number)
    if len(number) >= 12:
        return number[:4] + "*" * (len(number) - 8) + number[-4:]
    if len(number) <= 4:
        return "*" * len(number)
    return number[:1] + "*" * (len(number) - 4) + number[-3:]
