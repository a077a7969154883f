from collections.abc import Callable

from allauth.mfa.models import Authenticator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from returnee_home.orgs.selectors import requires_two_factor

# Paths a person who still has to set up two-factor authentication may reach.
_OPEN_PREFIXES = ("/static/", "/media/", "/healthz", "/_bare/")


class RequireTwoFactorMiddleware:
    """Staff, city and province admins and experts see no private data until TOTP is active.

    Everything except the sign-in, two-factor set-up and sign-out pages redirects to the
    set-up page; API calls answer 403 with the JSON error shape."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and not self._is_open(request.path)
            and requires_two_factor(user)
            and not Authenticator.objects.filter(
                user=user, type=Authenticator.Type.TOTP
            ).exists()
        ):
            if request.path.startswith("/api/"):
                from django.http import JsonResponse
                from django.utils.translation import gettext as _

                return JsonResponse(
                    {
                        "code": "two_factor_required",
                        "message": _("Set up two-factor authentication before using this."),
                        "fields": {},
                    },
                    status=403,
                )
            return redirect(reverse("mfa_activate_totp"))
        return self.get_response(request)

    @staticmethod
    def _is_open(path: str) -> bool:
        if path.startswith(_OPEN_PREFIXES):
            return True
        # Language-prefixed or not: /accounts/... and /en/accounts/...
        stripped = path[3:] if path.startswith("/en/") else path
        return stripped.startswith("/accounts/")
