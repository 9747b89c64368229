"""Domain exceptions as HTTP answers. A hidden record is a 404, exactly like a missing one."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import HttpRequest, HttpResponse

from corridor.api.conflicts import conflict_body
from corridor.core.exceptions import ConcurrentUpdate, NotFound, PermissionDenied, ValidationFailed

if TYPE_CHECKING:
    from ninja import NinjaAPI


class PreconditionRequired(Exception):
    """An update came without If-Match."""


def install(api: NinjaAPI) -> None:
    def not_found(request: HttpRequest, error: NotFound) -> HttpResponse:
        return api.create_response(request, {"detail": "Not found."}, status=404)

    def refused(request: HttpRequest, error: PermissionDenied) -> HttpResponse:
        user = getattr(request, "auth", None)  # set by CorridorAuth before any handler runs
        status = 401 if user is None or not user.is_authenticated else 403
        return api.create_response(request, {"detail": str(error)}, status=status)

    def invalid(request: HttpRequest, error: ValidationFailed) -> HttpResponse:
        detail = [
            {"loc": ["body", *path.split(".")], "msg": message, "type": "value_error"}
            for path, messages in error.errors.items()
            for message in messages
        ]
        return api.create_response(request, {"detail": detail}, status=422)

    def conflict(request: HttpRequest, error: ConcurrentUpdate) -> HttpResponse:
        # The three-way detail (base, theirs, mine, merged, conflicts), as the caller may read it.
        body = conflict_body(getattr(request, "auth", None), error)
        response = api.create_response(request, body, status=412)
        response["ETag"] = f'"{error.current}"'
        return response

    def precondition(request: HttpRequest, error: PreconditionRequired) -> HttpResponse:
        return api.create_response(
            request, {"detail": 'send If-Match with the version you edited, e.g. If-Match: "3"'}, status=428
        )

    api.add_exception_handler(NotFound, not_found)  # type: ignore[arg-type]
    api.add_exception_handler(PermissionDenied, refused)  # type: ignore[arg-type]
    api.add_exception_handler(ValidationFailed, invalid)  # type: ignore[arg-type]
    api.add_exception_handler(ConcurrentUpdate, conflict)  # type: ignore[arg-type]
    api.add_exception_handler(PreconditionRequired, precondition)  # type: ignore[arg-type]
