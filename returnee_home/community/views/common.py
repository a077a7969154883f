"""What the community's views share: turning action errors into HTTP answers and forms."""

import functools
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse

from returnee_home.core.errors import ApplicationError, NotFoundError, PermissionDeniedError


def community_view(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Out-of-scope objects are 404s and forbidden steps 403s; a signed-out visitor who tries
    to write is sent to sign in."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except NotFoundError as exc:
            raise Http404 from exc
        except PermissionDeniedError as exc:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            raise PermissionDenied(str(exc.message)) from exc

    return wrapper


def member_view(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Signed-in members only (others are sent to sign in), with community_view's answers."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    return community_view(wrapper)


def flash_error(request: HttpRequest, error: ApplicationError) -> None:
    messages.error(request, str(error.message))
