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

    The key's row is claimed before the creation runs, in the same transaction, and holds the answer when
    that transaction commits. A concurrent request with the same key waits on the key's unique index
    until then, and replays the stored answer; if the first transaction rolls back instead (its creation
    failed), the key is free again and the waiting request runs the creation itself. So a replay never
    finds a key without its answer, and no creation runs twice for one key.
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
    with transaction.atomic():
        try:
            with transaction.atomic():
                claim = IdempotencyKey.objects.create(
                    user=user,
                    key=key,
                    endpoint=endpoint,
                    request_digest=digest,
                    status_code=0,
                    response_body={},
                )
        except IntegrityError:
            # Another request with this key committed first (we waited for it): answer as it did.
            return _replay(IdempotencyKey.objects.get(user=user, key=key), endpoint, digest)
        status, body = create()
        claim.status_code = status
        claim.response_body = json.loads(json.dumps(body, cls=DjangoJSONEncoder))
        claim.save(update_fields=["status_code", "response_body"])
        claim.refresh_from_db(fields=["response_body"])  # as a replay reads it: the database's key order
    return claim.status_code, claim.response_body


def _replay(stored: IdempotencyKey, endpoint: str, digest: str) -> tuple[int, dict[str, Any]]:
    if stored.endpoint != endpoint or stored.request_digest != digest:
        raise ValidationFailed({"Idempotency-Key": ["already used for a different request"]})
    return stored.status_code, stored.response_body
