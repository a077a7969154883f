"""Error pages, the bare view the benchmarks compare against, health check, public media."""

import logging

from django.conf import settings
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.template import loader
from django.utils._os import safe_join
from django.utils.translation import gettext
from django.views.decorators.cache import never_cache

logger = logging.getLogger(__name__)


def bare(request: HttpRequest) -> HttpResponse:
    """The smallest Django view: the benchmarks' reference for requests per second."""
    return HttpResponse("ok", content_type="text/plain")


@never_cache
def healthz(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


def public_media(request: HttpRequest, path: str) -> FileResponse:
    """Public uploads (Home photos) in the embedded default; a reverse proxy serves them in
    production. Private files are never under MEDIA_ROOT."""
    try:
        full = safe_join(str(settings.MEDIA_ROOT), path)
        return FileResponse(open(full, "rb"))  # noqa: SIM115
    except (OSError, ValueError) as exc:
        raise Http404 from exc


def _render_error(request: HttpRequest, template: str, status: int) -> HttpResponse:
    return HttpResponse(loader.render_to_string(template, request=request), status=status)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _render_error(request, "404.html", 400)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _render_error(request, "403.html", 403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if request.path.startswith("/api/"):
        return JsonResponse(
            {"code": "not_found", "message": gettext("Not found."), "fields": {}}, status=404
        )
    return _render_error(request, "404.html", 404)


def server_error(request: HttpRequest) -> HttpResponse:
    logger.error("Server error on %s %s", request.method, request.path)
    try:
        return HttpResponse(loader.render_to_string("500.html", request=request), status=500)
    except Exception:  # the designed page must never fail in turn
        logger.exception("The 500 page itself failed to render")
        return HttpResponse("500 Internal Server Error", status=500, content_type="text/plain")
