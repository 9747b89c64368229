"""Request limits and error bodies that hold for every page and API operation.

- A body longer than the limit is refused before anything reads it: 413, as JSON under /api/ and as a
  plain page elsewhere (Django alone would answer 400, and only once a view reads the body).
- Under /api/, every error answers JSON `{"detail": …}` like the operations' own: an unknown path (404),
  a method the path does not take (405), a server error (500) — never Django's HTML pages.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from http import HTTPStatus

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

API_PREFIX = "/api/"


def is_api(request: HttpRequest) -> bool:
    return request.path.startswith(API_PREFIX)


def _limit_for(request: HttpRequest) -> int:
    if request.content_type == "multipart/form-data":
        return int(settings.CORRIDOR_MAX_UPLOAD_BYTES)
    return int(settings.DATA_UPLOAD_MAX_MEMORY_SIZE)


class BodyLimitMiddleware:
    """Answer 413 to a request whose declared body is longer than the limit for its kind."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        limit = _limit_for(request)
        if length > limit:
            detail = f"the request body is {length} bytes; at most {limit} are accepted"
            if is_api(request):
                return JsonResponse({"detail": detail}, status=413)
            return render(request, "web/too_large.html", {"limit": limit}, status=413)
        return self.get_response(request)


class ApiErrorsAsJsonMiddleware:
    """Turn any non-JSON error answer under /api/ into `{"detail": <reason>}` with the same status."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not is_api(request) or response.status_code < 400:
            return response
        if response.get("Content-Type", "").startswith("application/json"):
            return response
        replaced = HttpResponse(
            json.dumps({"detail": _reason(response.status_code)}),
            status=response.status_code,
            content_type="application/json",
        )
        for header in ("Allow", "WWW-Authenticate", "Retry-After"):
            if header in response:
                replaced[header] = response[header]
        return replaced


def _reason(status: int) -> str:
    if status == 404:
        return "Not found."
    try:
        return f"{HTTPStatus(status).phrase}."
    except ValueError:
        return "Error."
