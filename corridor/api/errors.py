"""Domain exceptions as HTTP answers. A hidden record is a 404, exactly like a missing one."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.http import HttpRequest, HttpResponse
from django.utils.datastructures import MultiValueDict
from ninja import errors as ninja_errors
from ninja.parser import Parser

from corridor.api.conflicts import conflict_body
from corridor.core.exceptions import ConcurrentUpdate, NotFound, PermissionDenied, ValidationFailed
from corridor.core.text import text_problem

if TYPE_CHECKING:
    from ninja import NinjaAPI


BODILESS = {"GET", "HEAD", "DELETE", "OPTIONS"}


class PreconditionRequired(Exception):
    """An update came without If-Match."""


def location(request: HttpRequest, path: str) -> str:
    """Where the refused value came from, as OpenAPI names it: 'path', 'query' or 'body'.

    A service names a field, not where it came from; the request says: a path parameter of the matched
    URL, else a query parameter (a request without a body has nothing else), else the body.
    """
    name = path.split(".", 1)[0]
    match = request.resolver_match
    if match is not None and name in match.kwargs:
        return "path"
    if request.method in BODILESS or name in request.GET:
        return "query"
    return "body"


def _plain(item: Any) -> Any:
    """A pydantic error as the services' own: `loc` without the body parameter's name, `msg` without
    pydantic's 'Value error, ' prefix."""
    if not isinstance(item, dict):
        return item
    loc = list(item.get("loc", ()))
    if len(loc) > 1 and loc[0] == "body" and loc[1] == "body":
        loc = ["body", *loc[2:]]
    message = str(item.get("msg", ""))
    message = message.removeprefix("Value error, ")
    if item.get("type") == "string_pattern_mismatch" and item.get("ctx", {}).get("pattern") == r"\S":
        message = "may not be blank"
    return {**item, "loc": loc, "msg": message}


class StorableTextParser(Parser):
    """Refuse a query parameter holding a NUL or a lone surrogate, whatever operation reads it."""

    def parse_querydict(self, data: MultiValueDict, list_fields: list[str], request: HttpRequest) -> Any:
        for key, values in data.lists():
            for value in [key, *values]:
                problem = text_problem(value)
                if problem:
                    raise ValidationFailed({key: [problem]})
        return super().parse_querydict(data, list_fields, request)


def install(api: NinjaAPI) -> None:
    def not_found(request: HttpRequest, error: NotFound) -> HttpResponse:
        return api.create_response(request, {"detail": "Not found."}, status=404)

    def refused(request: HttpRequest, error: PermissionDenied) -> HttpResponse:
        user = getattr(request, "auth", None)  # set by CorridorAuth before any handler runs
        status = 401 if user is None or not user.is_authenticated else 403
        return api.create_response(request, {"detail": str(error)}, status=status)

    def invalid(request: HttpRequest, error: ValidationFailed) -> HttpResponse:
        detail = [
            {"loc": [location(request, path), *path.split(".")], "msg": message, "type": "value_error"}
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

    def unreadable(request: HttpRequest, error: ninja_errors.ValidationError) -> HttpResponse:
        return api.create_response(request, {"detail": [_plain(item) for item in error.errors]}, status=422)

    api.add_exception_handler(ninja_errors.ValidationError, unreadable)  # type: ignore[arg-type]
    api.add_exception_handler(NotFound, not_found)  # type: ignore[arg-type]
    api.add_exception_handler(PermissionDenied, refused)  # type: ignore[arg-type]
    api.add_exception_handler(ValidationFailed, invalid)  # type: ignore[arg-type]
    api.add_exception_handler(ConcurrentUpdate, conflict)  # type: ignore[arg-type]
    api.add_exception_handler(PreconditionRequired, precondition)  # type: ignore[arg-type]
