"""Pages of service records and ratings (being written)."""

from django.http import Http404, HttpRequest, HttpResponse


def _pending(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


my_services = rate = statistics = statistics_export = follow_ups = follow_up = _pending
