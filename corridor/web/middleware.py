"""Per-request settings of the signed-in user, activated like a language."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from corridor.accounts.services import date_order_of
from corridor.core.typed_dates import use_date_order


class DateOrderMiddleware:
    """Read numeric dates in the order the user's organisation writes them (day first unless it says
    otherwise) for the whole request: forms, filters and searches alike."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return self.get_response(request)
        with use_date_order(lambda: date_order_of(user)):
            return self.get_response(request)
