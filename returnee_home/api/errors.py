"""One error shape for the whole API: {"code", "message", "fields"} with a 4xx status, the
message in the request's language (`?lang=` or Accept-Language; Chinese by default)."""

import functools
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.utils import translation
from django.utils.translation import gettext as _
from ninja.errors import AuthenticationError, AuthorizationError, HttpError, ValidationError
from ninja.errors import Throttled as NinjaThrottled

from returnee_home.core.errors import ApplicationError

LANG_ALIASES = {"zh": "zh-hans", "zh-cn": "zh-hans", "zh-hans": "zh-hans", "en": "en"}


def error_response(
    code: str, message: Any, status: int, fields: dict[str, Any] | None = None
) -> JsonResponse:
    body = {
        "code": code,
        "message": str(message),
        "fields": {k: str(v) for k, v in (fields or {}).items()},
    }
    return JsonResponse(body, status=status, json_dumps_params={"ensure_ascii": False})


def request_language(request: HttpRequest) -> str:
    """`?lang=zh|en` wins; otherwise the language cookie or Accept-Language (LocaleMiddleware
    pins unprefixed paths such as /api/ to the default, so this reads them itself); Chinese
    by default."""
    asked = (request.GET.get("lang") or "").strip().lower()
    if asked in LANG_ALIASES:
        return LANG_ALIASES[asked]
    if asked.startswith("en"):
        return "en"
    if asked.startswith("zh"):
        return "zh-hans"
    return translation.get_language_from_request(request) or settings.LANGUAGE_CODE


def with_request_language(run: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Run an operation (authentication and errors included) in the request's language."""

    @functools.wraps(run)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        language = request_language(request)
        with translation.override(language):
            response = run(request, *args, **kwargs)
        response["Content-Language"] = language
        return response

    return wrapper


# Messages for pydantic's error types, so that invalid input is explained in the user's language.
def _validation_message(error: dict[str, Any]) -> str:
    kind = error.get("type", "")
    ctx = error.get("ctx") or {}
    if kind == "missing":
        return _("This field is required.")
    if kind in {"int_parsing", "int_type", "int_from_float"}:
        return _("Enter a whole number.")
    if kind == "greater_than_equal":
        return _("Enter a number of at least %(limit)s.") % {"limit": ctx.get("ge")}
    if kind == "less_than_equal":
        return _("Enter a number of at most %(limit)s.") % {"limit": ctx.get("le")}
    if kind in {"string_too_long"}:
        return _("Enter at most %(limit)s characters.") % {"limit": ctx.get("max_length")}
    if kind in {"enum", "literal_error"}:
        return _("Choose one of the allowed values.")
    if kind in {"json_invalid", "model_attributes_type", "dict_type"}:
        return _("The request body is not valid JSON.")
    return _("Enter a valid value.")


def _field_name(loc: Any) -> str:
    parts = [str(p) for p in (loc or ())]
    # ninja puts the parameter source first ("query", "path", "body"); drop it and the name
    # of the wrapping schema so that the field is named as the caller sent it.
    if parts and parts[0] in {"query", "path", "body", "header", "cookie", "form", "file"}:
        parts = parts[1:]
    if len(parts) > 1 and parts[0] in {"filters", "payload", "ninja_pagination", "data"}:
        parts = parts[1:]
    return ".".join(parts) or "__all__"


def on_validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    fields: dict[str, str] = {}
    for error in exc.errors:
        fields.setdefault(_field_name(error.get("loc")), _validation_message(error))
    return error_response("invalid", _("Some of the input is not valid."), 422, fields)


def on_application_error(request: HttpRequest, exc: ApplicationError) -> HttpResponse:
    response = error_response(exc.code, exc.message, exc.status, exc.fields)
    retry_after = getattr(exc, "retry_after", None)
    if retry_after:
        response["Retry-After"] = str(retry_after)
    return response


def on_authentication_error(request: HttpRequest, exc: Exception) -> HttpResponse:
    response = error_response(
        "not_authenticated",
        _("Sign in, or send an API token in the Authorization header (Bearer)."),
        401,
    )
    response["WWW-Authenticate"] = 'Bearer realm="api"'
    return response


def on_permission_denied(request: HttpRequest, exc: Exception) -> HttpResponse:
    return error_response("permission_denied", _("You do not have permission to do this."), 403)


def on_not_found(request: HttpRequest, exc: Exception) -> HttpResponse:
    return error_response("not_found", _("Not found."), 404)


def on_throttled(request: HttpRequest, exc: NinjaThrottled) -> HttpResponse:
    return error_response("throttled", _("Too many requests. Wait a minute and try again."), 429)


def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    if exc.status_code == 404:
        return on_not_found(request, exc)
    if exc.status_code == 403 and "csrf" in str(exc).lower():
        return error_response(
            "csrf_failed", _("The CSRF check failed: send the X-CSRFToken header."), 403
        )
    if exc.status_code == 403:
        return on_permission_denied(request, exc)
    return error_response("error", _("The request could not be handled."), exc.status_code)


def install(api: Any) -> None:
    api.add_exception_handler(ValidationError, on_validation_error)
    api.add_exception_handler(ApplicationError, on_application_error)
    api.add_exception_handler(AuthenticationError, on_authentication_error)
    api.add_exception_handler(AuthorizationError, on_permission_denied)
    api.add_exception_handler(PermissionDenied, on_permission_denied)
    api.add_exception_handler(Http404, on_not_found)
    api.add_exception_handler(NinjaThrottled, on_throttled)
    api.add_exception_handler(HttpError, on_http_error)
    api.add_decorator(with_request_language, mode="view")
