"""The one wording of a naming batch's label: "2021年第一批" in Chinese (the official label, the
one a named Home stores and its plaque certificate carries) and "2021, batch 1" in English.

`batch_label_zh` makes the official label; `batch_label_display` words it in the current
language; `localise_batch_label` rewords a stored official label (a Home's `batch_label`) for
the current language, and leaves any other text as it is."""

import re

from django.utils.translation import get_language
from django.utils.translation import gettext as _

DIGITS = "零一二三四五六七八九"
OFFICIAL = re.compile(r"^(\d{4})年第([零一二三四五六七八九十]+|\d+)批$")


def chinese_number(n: int) -> str:
    """1–99 in Chinese numerals as batches are numbered (一, 十, 十二, 二十一); digits beyond."""
    if not 0 < n < 100:
        return str(n)
    tens, units = divmod(n, 10)
    if tens == 0:
        return DIGITS[units]
    return f"{DIGITS[tens] if tens > 1 else ''}十{DIGITS[units] if units else ''}"


def number_from_chinese(text: str) -> int | None:
    """The inverse of `chinese_number` (and plain digits); None for anything else."""
    if text.isdigit():
        return int(text)
    if "十" not in text:
        return DIGITS.index(text) if len(text) == 1 and text in DIGITS else None
    tens_text, _sep, units_text = text.partition("十")
    tens = DIGITS.index(tens_text) if tens_text else 1
    units = DIGITS.index(units_text) if units_text else 0
    return tens * 10 + units


def batch_label_zh(year: int, number: int) -> str:
    """The official label: 2021年第一批."""
    return f"{year}年第{chinese_number(number)}批"


def batch_label_display(year: int, number: int) -> str:
    """The label in the current language: 2021年第一批, or 2021, batch 1."""
    if (get_language() or "zh-hans").startswith("zh"):
        return batch_label_zh(year, number)
    return _("%(year)s, batch %(number)s") % {"year": year, "number": number}


def localise_batch_label(label: str) -> str:
    """A stored official label in the current language; other text unchanged."""
    match = OFFICIAL.match((label or "").strip())
    number = number_from_chinese(match.group(2)) if match else None
    if match is None or number is None:
        return label
    return batch_label_display(int(match.group(1)), number)
