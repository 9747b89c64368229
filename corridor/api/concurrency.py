"""Versions on the wire (ETag / If-Match) and safe retries of creations (Idempotency-Key)."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, transaction
from django.http import HttpRequest, JsonResponse

from corridor.api.errors import PreconditionRequired
from corridor.api.models import IdempotencyKey
from corridor.core.exceptions import ValidationFailed

_IF_MATCH = re.compile(r'^\s*(?:W/)?"?(\d+)"?\s*$')


def etag(version: int) -> str:
    return f'"{version}"'


def expected_version(request: HttpRequest) -> int:
    """The version named by If-Match; an update without it is refused (428)."""
    header = request.headers.get("If-Match")
    if header is None:
        raise PreconditionRequired
    match = _IF_MATCH.match(header)
    if match is None:
        raise ValidationFailed({"If-Match": [f'{header!r} is not a version this API gave out, e.g. "3"']})
    return int(match.group(1))


def created(request: HttpRequest, create: Callable[[], tuple[int, dict[str, Any]]]) -> JsonResponse:
    """Run a creation (once per Idempotency-Key) and answer with its status and body."""
    status, body = idempotent(request, create)
    return JsonResponse(body, status=status, encoder=DjangoJSONEncoder)


def idempotent(
    request: HttpRequest, create: Callable[[], tuple[int, dict[str, Any]]]
) -> tuple[int, dict[str, Any]]:
    """Run `create` once per Idempotency-Key: a retry with the same key and body gets the first answer.

    The key is scoped to the user; the same key with another body is refused rather than guessed at.
    """
    key = request.headers.get("Idempotency-Key")
    user = getattr(request, "auth", None)
    if not key or user is None or not user.is_authenticated:
        return create()
    if len(key) > 200:
        raise ValidationFailed({"Idempotency-Key": ["keep it to 200 characters"]})
    endpoint = f"{request.method} {request.path}"
    digest = hashlib.sha256(request.body).hexdigest()
    stored = IdempotencyKey.objects.filter(user=user, key=key).first()
    if stored is not None:
        return _replay(stored, endpoint, digest)
    try:
        with transaction.atomic():
            status, body = create()
            IdempotencyKey.objects.create(
                user=user,
                key=key,
                endpoint=endpoint,
                request_digest=digest,
                status_code=status,
                response_body=json.loads(json.dumps(body, default=str)),
            )
    except IntegrityError:
        # A concurrent retry stored the key first: answer as it did (its creation won; ours rolled back).
        return _replay(IdempotencyKey.objects.get(user=user, key=key), endpoint, digest)
    return status, body


def _replay(stored: IdempotencyKey, endpoint: str, digest: str) -> tuple[int, dict[str, Any]]:
    if stored.endpoint != endpoint or stored.request_digest != digest:
        raise ValidationFailed({"Idempotency-Key": ["already used for a different request"]})
    return stored.status_code, stored.response_body
