from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from corridor.actors.selectors import field_operations_visible_to
from corridor.core.selectors import holdings_visible_to


def home(request: HttpRequest) -> HttpResponse:
    """What the platform holds, counted as the signed-in user may see it."""
    return render(
        request,
        "web/home.html",
        {
            "holdings": holdings_visible_to(request.user),
            "operations": field_operations_visible_to(request.user),
        },
    )
