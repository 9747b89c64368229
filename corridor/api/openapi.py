"""The OpenAPI document tells what each operation may answer, not only its success.

django-ninja describes each operation's success and the bearer scheme on every operation. Corridor's
reads are open to anonymous callers (public records), so a read's security is "none, or a token"; a write
needs a token (or a browser session with its CSRF token). Each operation then lists the errors it can
answer, all with the same JSON body (`Error`): 401 (a token that is malformed, unknown or revoked — on
any operation — or no caller on a write), 403 (a write the caller may not make), 404 (a path naming
nothing the caller may read), 400/413 (a body that is not JSON, or too long), 422 (a value refused,
`detail` listing each with its `loc`), 428/412 (an update without `If-Match`, or from an old version).
"""

from __future__ import annotations

from typing import Any

READS = {"get", "head"}
UPDATES_BY_VERSION = {("post", "/api/v1/activities/{slug}/basis")}
"""Writes other than PATCH that need If-Match."""

ERROR_SCHEMAS: dict[str, Any] = {
    "ErrorItem": {
        "title": "ErrorItem",
        "type": "object",
        "description": "One refused value: where it was (`loc`: body, query or path, then the field's "
        "path), why (`msg`), and the kind of error (`type`).",
        "properties": {
            "loc": {"type": "array", "items": {"anyOf": [{"type": "string"}, {"type": "integer"}]}},
            "msg": {"type": "string"},
            "type": {"type": "string"},
        },
        "required": ["loc", "msg", "type"],
    },
    "Error": {
        "title": "Error",
        "type": "object",
        "description": "Every error's body. A 422 lists each refused value; a 412 adds the versions.",
        "properties": {
            "detail": {
                "anyOf": [
                    {"type": "string"},
                    {"type": "array", "items": {"$ref": "#/components/schemas/ErrorItem"}},
                ]
            },
            "expected_version": {"type": "integer"},
            "current_version": {"type": "integer"},
        },
        "required": ["detail"],
    },
}

ERRORS = {
    400: "The body is not JSON.",
    401: "A token that is malformed, unknown or revoked; on a write, no signed-in caller.",
    403: "The caller may read the record but not make this change.",
    404: "Nothing the caller may read is there (a hidden record answers as a missing one).",
    412: "Someone saved a newer version first (`current_version`); nothing was overwritten.",
    413: "The body is longer than the limit.",
    422: "A value was refused: `detail` lists each, with its `loc` (body, query or path) and why.",
    428: 'An update must send If-Match with the version it started from, e.g. If-Match: "3".',
}


def completed(schema: dict[str, Any]) -> dict[str, Any]:
    """`schema` with each operation's optional or required authentication and its error answers."""
    components = schema.setdefault("components", {})
    components.setdefault("schemas", {}).update(ERROR_SCHEMAS)
    for path, operations in schema.get("paths", {}).items():
        for method, operation in operations.items():
            if method not in {"get", "head", "post", "put", "patch", "delete"}:
                continue
            _complete(path, method, operation)
    return schema


def _complete(path: str, method: str, operation: dict[str, Any]) -> None:
    read = method in READS
    schemes = [scheme for entry in operation.get("security", []) for scheme in entry]
    if read and schemes:
        operation["security"] = [{}, *({scheme: []} for scheme in schemes)]
    statuses = {401}
    if "{" in path:
        statuses.add(404)
    if operation.get("parameters") or operation.get("requestBody") or "{" in path:
        statuses.add(422)
    if operation.get("requestBody"):
        statuses |= {400, 413}
    if not read:
        statuses.add(403)
    if method == "patch" or (method, path) in UPDATES_BY_VERSION:
        statuses |= {412, 428}
    responses = operation.setdefault("responses", {})
    for status in sorted(statuses):
        if str(status) in responses:
            continue
        responses.setdefault(
            status,
            {
                "description": ERRORS[status],
                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
            },
        )
