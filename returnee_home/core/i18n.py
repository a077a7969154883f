"""Bilingual content helpers: pick the user's language, fall back to the other."""

from typing import Any

from django.utils.translation import get_language


def is_chinese() -> bool:
    return (get_language() or "zh-hans").lower().startswith("zh")


def pick(zh: str | None, en: str | None) -> str:
    """The text in the active language, or the other language's when that one is empty."""
    first, second = (zh, en) if is_chinese() else (en, zh)
    return first or second or ""


def bilingual(obj: Any, field: str) -> str:
    """`bilingual(home, "name")` reads `name_zh`/`name_en` in the active language."""
    return pick(getattr(obj, f"{field}_zh", ""), getattr(obj, f"{field}_en", ""))
