"""The open JSON API under /api/v1/ (OpenAPI 3 at /api/v1/openapi.json, docs at /api/v1/docs)."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from ninja import NinjaAPI
from ninja.openapi.docs import DocsBase
from ninja.throttling import AnonRateThrottle

from returnee_home.api import errors
from returnee_home.api.endpoints import private, public

DESCRIPTION = """Open API of the Jiangsu Home for Returned Overseas Students
(江苏省留学人员之家).

* Public reads (cities, named Homes, verified organisations) need no authentication.
* Partner systems authenticate with a per-organisation token created in the workspace:
  `Authorization: Bearer rh_…`.
* A person's own program authenticates with a personal token (`Authorization: Bearer rhp_…`)
  created under "My API tokens" after signing in. It sees exactly what the person sees in the
  browser (a talent their own requests, appointments and questions; Home staff their Home's);
  scope `read` allows only GET, `write` everything the person may do. Every personal token
  expires (at most a year) and can be revoked at any time; staff need two-factor
  authentication to create one. Operations that act for a person refuse organisation tokens.
* A browser that is signed in to the portal uses its session (send the `X-CSRFToken` header on
  unsafe methods).
* Errors always have the shape `{"code": "...", "message": "...", "fields": {...}}` with a 4xx
  status; `fields` names each invalid input.
* Messages are in Chinese by default; send `Accept-Language: en` or add `?lang=en`.
* Token calls (both kinds) are limited per minute per token (429 with `Retry-After` beyond it).
"""


class PortalSwagger(DocsBase):
    """Swagger UI from the copy vendored in django-ninja, started by a static script, inside a
    page with a language and a title (no CDN, no inline script: the CSP allows it)."""

    def render_page(self, request: HttpRequest, api: "NinjaAPI", **kwargs: Any) -> HttpResponse:
        return render(
            request,
            "api/docs.html",
            {"api": api, "openapi_url": self.get_openapi_url(api, kwargs)},
        )


api = NinjaAPI(
    title="Returnee Home API",
    version="1.0.0",
    urls_namespace="api-v1",
    description=DESCRIPTION,
    docs=PortalSwagger(),
    throttle=[AnonRateThrottle("1200/m")],
)
errors.install(api)
api.add_router("/", public)
api.add_router("/", private)
