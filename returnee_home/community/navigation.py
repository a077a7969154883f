"""Workspace menu links of the community."""

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from returnee_home.community import selectors
from returnee_home.core.navigation import NavLink


def workspace_links(request: HttpRequest) -> list[NavLink]:
    user = request.user
    if not user.is_authenticated:
        return []
    section = pgettext_lazy("menu", "Community")
    unread = selectors.unread_message_total(user)
    label = pgettext_lazy("menu", "Messages")
    if unread:
        label = f"{label} ({_('%(count)s unread') % {'count': unread}})"
    links = [
        NavLink(section, pgettext_lazy("menu", "Boards"), reverse("community:index")),
        NavLink(section, label, reverse("community:messages")),
        NavLink(
            section, pgettext_lazy("menu", "Partner finding"), reverse("community:partners_mine")
        ),
        NavLink(section, pgettext_lazy("menu", "My standing"), reverse("community:standing")),
    ]
    if selectors.is_moderator(user):
        links.append(
            NavLink(section, pgettext_lazy("menu", "Moderation"), reverse("community:moderation"))
        )
    return links
