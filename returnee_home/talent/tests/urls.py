"""Test URLconf: the project's URLs plus the talent pages, until config/urls.py mounts them."""

from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path

from config import urls as project_urls

urlpatterns = [
    *i18n_patterns(
        path("talent/", include("returnee_home.talent.urls")),
        prefix_default_language=False,
    ),
    *project_urls.urlpatterns,
]

handler400 = project_urls.handler400
handler403 = project_urls.handler403
handler404 = project_urls.handler404
handler500 = project_urls.handler500
