"""Corridor's REST API, version 1: /api/v1/ (schema at /api/v1/openapi.json, docs at /api/v1/docs)."""

from typing import Any

from ninja import NinjaAPI

from corridor.api import errors, openapi
from corridor.api.auth import CorridorAuth
from corridor.api.routers import (
    basis,
    coverage,
    forecasting,
    knowledge,
    monitoring,
    operations,
    reference,
    reports,
    search,
    timeline,
    tracker,
)


class CorridorAPI(NinjaAPI):
    """Ninja's API whose OpenAPI document also tells optional authentication and every error answer."""

    def get_openapi_schema(self, *, path_prefix: str | None = None, path_params: Any = None) -> Any:
        document = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        return openapi.completed(document)


api = CorridorAPI(
    title="Corridor API",
    version="1",
    description=(
        "Flows, monitoring visits, the timeline, activities, meetings and the knowledge base of field "
        "operations working on migration. Every answer holds only what the caller may read; a record the "
        "caller may not read answers 404, like a missing one. Authenticate with a personal token "
        "(`Authorization: Bearer crd_…`) or a browser session; without either, public records are readable. "
        "Updates need `If-Match` with the record's version (its ETag); creations accept `Idempotency-Key`."
    ),
    urls_namespace="api-v1",
    auth=CorridorAuth(),
    parser=errors.StorableTextParser(),
)
errors.install(api)
for module in (
    reference,
    knowledge,
    monitoring,
    timeline,
    operations,
    search,
    reports,
    basis,
    tracker,
    coverage,
    forecasting,
):
    api.add_router("/", module.router)
