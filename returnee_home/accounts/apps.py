from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def account_links(request: Any) -> list[Any]:
    from django.urls import reverse

    from returnee_home.accounts.selectors import is_identity_reviewer
    from returnee_home.core.navigation import NavLink

    section = _("My account")
    links = [
        NavLink(section, _("Account and profile"), reverse("accounts:home")),
        NavLink(section, _("Identity verification"), reverse("accounts:identity")),
        NavLink(section, _("Download my data"), reverse("accounts:export")),
    ]
    if is_identity_reviewer(request.user):
        links.append(
            NavLink(_("My Home"), _("Real-name verification"), reverse("accounts:review_queue"))
        )
    return links


class AccountsConfig(AppConfig):
    name = "returnee_home.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from returnee_home.accounts import exports
        from returnee_home.core.navigation import register

        exports.register()
        register(order=90, provider=account_links)
