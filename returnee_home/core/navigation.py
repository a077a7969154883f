"""The workspace menu, assembled from what each app offers the signed-in person.

An app registers a provider in its AppConfig.ready():

    from returnee_home.core.navigation import NavLink, register
    register(order=20, provider=my_links)   # my_links(request) -> list[NavLink]

A provider returns only the links the person may follow (their roles decide), so the menu never
shows a link that would answer 403.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest


@dataclass(frozen=True)
class NavLink:
    section: Any  # translated section heading, e.g. _("My Home")
    label: Any  # translated link text
    url: str


Provider = Callable[[HttpRequest], list[NavLink]]
_providers: list[tuple[int, Provider]] = []


def register(*, order: int, provider: Provider) -> None:
    if all(p is not provider for _, p in _providers):
        _providers.append((order, provider))
        _providers.sort(key=lambda item: item[0])


def workspace_menu(request: HttpRequest) -> list[dict[str, Any]]:
    """[{"title": section, "links": [{"label", "url", "current"}]}] in registration order."""
    sections: dict[str, dict[str, Any]] = {}
    for _order, provider in _providers:
        for link in provider(request):
            key = str(link.section)
            section = sections.setdefault(key, {"title": link.section, "links": []})
            section["links"].append(
                {
                    "label": link.label,
                    "url": link.url,
                    "current": request.path == link.url,
                }
            )
    return list(sections.values())
