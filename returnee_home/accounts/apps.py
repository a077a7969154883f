from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# Our sign-up form (e-mail or mobile, notice accepted) and sign-in form. settings.ACCOUNT_FORMS
# names them; until the settings do, ready() supplies them so the site and the tests use them.
ACCOUNT_FORMS = {
    "signup": "returnee_home.accounts.forms.SignupForm",
    "login": "returnee_home.accounts.forms.LoginForm",
}


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


def _templates_before_allauth(settings: Any) -> None:
    """Our allauth template overrides (layouts, elements, account/, mfa/) must be found before
    allauth's own. That holds when this app precedes "allauth" in INSTALLED_APPS; until the
    settings say so, put this app's template directory first in the engine's DIRS."""
    from pathlib import Path

    apps = list(settings.INSTALLED_APPS)
    if "allauth" not in apps or apps.index(__package__) < apps.index("allauth"):
        return
    ours = str(Path(__file__).resolve().parent / "templates")
    for engine in settings.TEMPLATES:
        if engine.get("BACKEND", "").endswith("DjangoTemplates"):
            dirs = [str(d) for d in engine.get("DIRS", [])]
            if ours not in dirs:
                engine["DIRS"] = [ours, *engine.get("DIRS", [])]


class AccountsConfig(AppConfig):
    name = "returnee_home.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from django.conf import settings

        from returnee_home.accounts import exports
        from returnee_home.core.navigation import register

        forms = dict(getattr(settings, "ACCOUNT_FORMS", {}) or {})
        if any(key not in forms for key in ACCOUNT_FORMS):
            settings.ACCOUNT_FORMS = {**ACCOUNT_FORMS, **forms}
        _templates_before_allauth(settings)
        exports.register()
        register(order=90, provider=account_links)
