"""The route pages: the routes a reader may read, and one route's graph, series and closures.

Routes are created and changed from their files (`corridor route import FOLDER`, docs/routes.md); a page
offers those files for download, the same files the import reads.
"""

from __future__ import annotations

import io
import tempfile
import zipfile
from pathlib import Path

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from corridor.core.exceptions import NotFound
from corridor.exchange.route_files import export_route_folder
from corridor.geo.selectors import get_route_for_user, places_visible_to, routes_visible_to


def routes(request: HttpRequest) -> HttpResponse:
    """Every route the reader may read, with how many nodes, legs and series it has."""
    found = (
        routes_visible_to(request.user).select_related("owner").prefetch_related("nodes", "legs", "series")
    )
    return render(request, "web/routes.html", {"routes": found.order_by("name", "slug")})


def route(request: HttpRequest, slug: str) -> HttpResponse:
    """One route: its nodes, legs, series and closures (hidden route: not found)."""
    try:
        found = get_route_for_user(request.user, slug=slug)
    except NotFound:
        raise Http404("no such route") from None
    readable = set(places_visible_to(request.user).values_list("pk", flat=True))
    return render(request, "web/route.html", {"route": found, "readable_places": readable})


def route_files(request: HttpRequest, slug: str) -> HttpResponse:
    """The route's folder as a zip of the files `corridor route import` reads."""
    try:
        found = get_route_for_user(request.user, slug=slug)
        with tempfile.TemporaryDirectory() as folder:
            written = export_route_folder(found, Path(folder) / found.slug, actor=request.user)
            buffer = io.BytesIO()
            with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
                for path in written:
                    archive.write(path, f"{found.slug}/{path.name}")
    except NotFound:
        raise Http404("no such route") from None
    response = HttpResponse(buffer.getvalue(), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{found.slug}.zip"'
    return response
