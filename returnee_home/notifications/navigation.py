"""The inbox's links in the workspace menu: every signed-in person has an inbox."""

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from returnee_home.core.navigation import NavLink


def message_links(request: HttpRequest) -> list[NavLink]:
    if not request.user.is_authenticated:
        return []
    return [
        NavLink(_("Messages"), _("Notifications"), reverse("notifications:inbox")),
        NavLink(_("Messages"), _("Notification settings"), reverse("notifications:settings")),
    ]
