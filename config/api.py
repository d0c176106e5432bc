"""The REST API at /api/v1/: mounts each app's router. OpenAPI at /api/v1/openapi.json."""

from ninja import NinjaAPI

api = NinjaAPI(
    title="phoihop API",
    version="1",
    description="API của phoihop — quản lý chương trình phối hợp.",
    urls_namespace="api",
)
