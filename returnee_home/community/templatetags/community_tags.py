"""How members are named on community pages: by name, never by e-mail or phone; an anonymised
(deleted) account is a "former member"."""

from typing import Any

from django import template
from django.utils.translation import get_language
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def member_name(user: Any) -> str:
    if user is None or not getattr(user, "is_active", False):
        return _("Former member")
    if get_language() == "en":
        name = user.name_en or user.full_name
    else:
        name = user.full_name or user.name_en
    return name or _("Member %(number)s") % {"number": user.pk}


@register.filter
def get_item(mapping: Any, key: Any) -> Any:
    if not mapping:
        return None
    return mapping.get(str(key)) if isinstance(mapping, dict) else None
