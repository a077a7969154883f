"""Test-only URLconf: the product's URLs plus a view that fails, to see the 500 page."""

from django.conf.urls.i18n import i18n_patterns
from django.http import HttpRequest, HttpResponse
from django.urls import path

from config.urls import urlpatterns as product_urlpatterns


def broken(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("deliberate failure for the 500-page test")


urlpatterns = [
    *i18n_patterns(path("_test/broken/", broken), prefix_default_language=False),
    *product_urlpatterns,
]

handler400 = "returnee_home.core.views.bad_request"
handler403 = "returnee_home.core.views.permission_denied"
handler404 = "returnee_home.core.views.page_not_found"
handler500 = "returnee_home.core.views.server_error"
