from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, re_path

from returnee_home.api.api import api
from returnee_home.core import views as core_views

urlpatterns = [
    path("api/v1/", api.urls),
    path("_bare/", core_views.bare, name="bare"),
    path("healthz", core_views.healthz, name="healthz"),
    path("django-admin/", admin.site.urls),
]

if getattr(settings, "SERVE_PUBLIC_MEDIA", False):
    urlpatterns += [
        re_path(r"^media/(?P<path>.*)$", core_views.public_media, name="public_media"),
    ]

urlpatterns += i18n_patterns(
    path("accounts/", include("allauth.urls")),
    path("account/", include("returnee_home.accounts.urls")),
    path("workspace/", include("returnee_home.orgs.urls_workspace")),
    path("notifications/", include("returnee_home.notifications.urls")),
    path("audit/", include("returnee_home.core.urls")),
    path("talent/", include("returnee_home.talent.urls")),
    path("api-tokens/", include("returnee_home.api.urls")),
    path("services/", include("returnee_home.services.urls")),
    path("appointments/", include("returnee_home.appointments.urls")),
    path("records/", include("returnee_home.records.urls")),
    path("consultations/", include("returnee_home.consultations.urls")),
    path("naming/", include("returnee_home.naming.urls")),
    path("alliance/", include("returnee_home.alliance.urls")),
    path("events/", include("returnee_home.events.urls")),
    path("policies/", include("returnee_home.policies.urls")),
    path("jobs/", include("returnee_home.jobs.urls")),
    path("matching/", include("returnee_home.matching.urls")),
    path("community/", include("returnee_home.community.urls")),
    path("dashboards/", include("returnee_home.dashboards.urls")),
    path("", include("returnee_home.orgs.urls_public")),
    prefix_default_language=False,
)

handler400 = "returnee_home.core.views.bad_request"
handler403 = "returnee_home.core.views.permission_denied"
handler404 = "returnee_home.core.views.page_not_found"
handler500 = "returnee_home.core.views.server_error"
