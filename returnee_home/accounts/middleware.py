"""Gates in front of private pages: two-factor authentication for privileged roles, and
acceptance of the current personal-data notice for everyone signed in."""

from collections.abc import Callable
from urllib.parse import urlencode

from allauth.mfa.models import Authenticator
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from returnee_home.orgs.selectors import requires_two_factor

# Paths a person who still has to set up two-factor authentication may reach.
_OPEN_PREFIXES = ("/static/", "/media/", "/healthz", "/_bare/")
# Everything a signed-in person reaches needs the current consent (deny by default, so that a
# new app's private pages are covered without being listed here) except the pages needed to
# read and accept the notice, or to leave with your data.
_CONSENT_OPEN = (
    "/account/privacy/",
    "/account/consent/",
    "/account/delete/",
    "/account/my-data/",
)


def _unprefixed(path: str) -> str:
    """/en/workspace/ and /workspace/ are the same page for the gates."""
    return path[3:] if path.startswith("/en/") else path


class RequireTwoFactorMiddleware:
    """Staff, city and province admins and experts see no private data until TOTP is active;
    then every signed-in person must have accepted the current personal-data notice.

    Two-factor: everything except the sign-in, two-factor set-up and sign-out pages redirects to
    the set-up page; API calls answer 403 with the JSON error shape. Consent: private areas
    redirect to the consent page (the notice, sign-out and allauth pages stay open)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or request.path.startswith(_OPEN_PREFIXES):
            return self.get_response(request)
        path = _unprefixed(request.path)
        if path.startswith("/accounts/"):
            return self.get_response(request)
        if requires_two_factor(user) and not self._has_totp(user):
            if request.path.startswith("/api/"):
                return self._json_403(
                    "two_factor_required", _("Set up two-factor authentication before using this.")
                )
            return redirect(reverse("mfa_activate_totp"))
        if not path.startswith(_CONSENT_OPEN):
            from returnee_home.accounts.selectors import has_current_consent

            if not has_current_consent(user):
                if request.path.startswith("/api/"):
                    return self._json_403(
                        "consent_required",
                        _("Accept the current personal-data notice before using this."),
                    )
                query = urlencode({"next": request.get_full_path()})
                return redirect(f"{reverse('accounts:consent')}?{query}")
        return self.get_response(request)

    @staticmethod
    def _has_totp(user: object) -> bool:
        return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()

    @staticmethod
    def _json_403(code: str, message: str) -> JsonResponse:
        return JsonResponse({"code": code, "message": message, "fields": {}}, status=403)


# The same gate under the name that says what it does; settings may list either.
AccountGateMiddleware = RequireTwoFactorMiddleware
