"""Identifiers that look real and pass the product's validators: unified social credit codes
(GB 32100-2015, with the GB 11714 organisation code inside), mainland mobile numbers, plaque
numbers of named Homes."""

import random

CREDIT_CODE_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_CREDIT_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_ORG_CODE_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
_MOBILE_PREFIXES = (
    "133",
    "135",
    "136",
    "137",
    "138",
    "139",
    "150",
    "151",
    "152",
    "157",
    "158",
    "159",
    "177",
    "180",
    "181",
    "182",
    "183",
    "186",
    "187",
    "188",
    "189",
    "199",
)


def credit_code_check(first17: str) -> str:
    """The 18th character of a unified social credit code (GB 32100-2015 §4.3)."""
    total = sum(
        CREDIT_CODE_CHARSET.index(c) * w for c, w in zip(first17, _CREDIT_WEIGHTS, strict=True)
    )
    return CREDIT_CODE_CHARSET[(31 - total % 31) % 31]


def organisation_code_check(body8: str) -> str:
    """The 9th character of an organisation code (GB 11714-1997): digits, then X for 10."""
    total = sum(int(c, 36) * w for c, w in zip(body8, _ORG_CODE_WEIGHTS, strict=True))
    value = 11 - total % 11
    return {10: "X", 11: "0"}.get(value, str(value))


def credit_code(*, division: str, serial: int, category: str = "91") -> str:
    """A valid code for registration category `category` (91: enterprise registered with the
    market regulator; 51: social organisation; 12: public institution) in `division` (six-digit
    administrative code). `serial` makes it unique: distinct serials give distinct codes."""
    body8 = f"{(serial * 7_654_321 + 13_579_246) % 100_000_000:08d}"
    first17 = f"{category}{division}{body8}{organisation_code_check(body8)}"
    return first17 + credit_code_check(first17)


def mobile_number(serial: int, *, salt: int = 0) -> str:
    """'+86…' mobile number; distinct serials (below 10⁸) give distinct numbers."""
    prefix = _MOBILE_PREFIXES[(serial + salt) % len(_MOBILE_PREFIXES)]
    return f"+86{prefix}{(serial * 48_271 + salt) % 100_000_000:08d}"


def landline(rng: random.Random, area_code: str) -> str:
    return f"{area_code}-{rng.randint(5, 8)}{rng.randint(0, 9_999_999):07d}"


def plaque_number(year: int, number: int) -> str:
    """The Home's plaque number as the province issues it: 苏留家〔2021〕第001号."""
    return f"苏留家〔{year}〕第{number:03d}号"
