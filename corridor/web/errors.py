"""Corridor's own 404 page, also when DEBUG is on: a record that is hidden looks exactly like one that is
missing, in the demo as in production (Django's debug 404 would list the URL map and the lookup)."""

from __future__ import annotations

from collections.abc import Callable

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotFound
from django.template import loader

API_PREFIX = "/api/"


class NotFoundPageMiddleware:
    """Answer any `Http404` raised by a page with the 404 page, whatever DEBUG says.

    The API answers its own JSON 404s (django-ninja handles them before they reach here).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        # An address no page answers raises before any view runs, and DEBUG then answers Django's
        # technical page; the API keeps its own JSON answers.
        replace = (
            response.status_code == 404
            and not getattr(response, "corridor_page", False)
            and not request.path.startswith(API_PREFIX)
            and "text/html" in response.get("Content-Type", "")
        )
        return not_found_page(request) if replace else response

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, Http404):
            return None
        return not_found_page(request)


def not_found_page(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """The 404 page (also `handler404`)."""
    response = HttpResponseNotFound(loader.render_to_string("404.html", request=request))
    response.corridor_page = True  # type: ignore[attr-defined]
    return response
