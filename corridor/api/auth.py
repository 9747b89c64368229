"""Who is calling: a personal token (Bearer), else the browser session, else an anonymous reader.

A request that sends a token must send a valid one (401 otherwise, never a silent fall-back to anonymous).
Session-authenticated writes must carry Django's CSRF token, as any form would.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import CsrfViewMiddleware
from ninja.security import HttpBearer

from corridor.accounts.services import user_for_token

if TYPE_CHECKING:
    from corridor.accounts.access import Reader

SAFE_METHODS = {"GET", "HEAD", "OPTIONS", "TRACE"}


def caller(request: HttpRequest) -> Reader:
    """Who `CorridorAuth` found: a User or an AnonymousUser."""
    user: Reader = getattr(request, "auth", None)
    return user


def _never_called(request: HttpRequest) -> HttpResponse:
    return HttpResponse(status=500)


def _csrf_rejected(request: HttpRequest) -> bool:
    """Whether Django's CSRF check refuses this request (the API views are exempt from the middleware)."""
    check = CsrfViewMiddleware(_never_called)
    check.process_request(request)
    return check.process_view(request, _never_called, (), {}) is not None


class CorridorAuth(HttpBearer):
    """Token, session or anonymous; the value becomes `request.auth` (a User or AnonymousUser)."""

    def __call__(self, request: HttpRequest) -> Any:
        header = request.headers.get("Authorization", "")
        if header:
            scheme, _, secret = header.partition(" ")
            if scheme.lower() != "bearer" or not secret.strip():
                return None
            return self.authenticate(request, secret.strip())
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            if request.method not in SAFE_METHODS and _csrf_rejected(request):
                return None
            return user
        return AnonymousUser()

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = user_for_token(token)
        if user is not None:
            request.user = user
        return user
