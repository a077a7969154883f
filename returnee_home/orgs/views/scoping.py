"""Turn the selectors' and actions' scope errors into the HTTP answers of the workspace."""

import functools
from collections.abc import Callable
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse

from returnee_home.core.errors import NotFoundError, PermissionDeniedError


def workspace_view(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Signed-in only; an out-of-scope object is a 404, a forbidden step a 403."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except NotFoundError as exc:
            raise Http404 from exc
        except PermissionDeniedError as exc:
            raise PermissionDenied(str(exc.message)) from exc

    return login_required(wrapper)
