from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import translate_url
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language

from returnee_home.core.navigation import workspace_menu


def portal(request: HttpRequest) -> dict[str, Any]:
    """Portal name and the same page's address in each language (the language switch)."""
    current = get_language() or settings.LANGUAGE_CODE
    path = request.get_full_path()
    switch = [
        {
            "code": code,
            "name": name,
            "url": translate_url(path, code),
            "current": code == current,
        }
        for code, name in settings.LANGUAGES
    ]
    context: dict[str, Any] = {"portal_name": settings.PORTAL_NAME, "language_switch": switch}
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        context["workspace_menu"] = SimpleLazyObject(lambda: workspace_menu(request))
    return context
