"""Test URLconf: the product's URLs plus the API token pages, until config/urls.py mounts them."""

from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path

from config.urls import urlpatterns as product_urlpatterns

urlpatterns = [
    *i18n_patterns(
        path("api-tokens/", include("returnee_home.api.urls")), prefix_default_language=False
    ),
    *product_urlpatterns,
]
