"""The open JSON API under /api/v1/ (OpenAPI 3 at /api/v1/openapi.json, docs at /api/v1/docs)."""

from ninja import NinjaAPI

api = NinjaAPI(
    title="Returnee Home API",
    version="1.0.0",
    urls_namespace="api-v1",
    description="Open API of the Jiangsu Home for Returned Overseas Students.",
)
