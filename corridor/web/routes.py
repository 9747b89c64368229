"""The route pages: the routes a reader may read, one route's graph, series and closures, and an upload of
a route's files that creates or changes it.

Routes are created and changed from their files (docs/routes.md): the upload page takes them as a zip, as
`corridor route import FOLDER` takes a folder, and a route's page offers the same files for download.
"""

from __future__ import annotations

import io
import tempfile
import zipfile
from pathlib import Path

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.files.uploadedfile import UploadedFile
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from corridor.core.exceptions import NotFound, PermissionDenied
from corridor.exchange.route_files import (
    FILES,
    RouteFileError,
    RouteFilesRefused,
    export_route_folder,
    import_route_folder,
)
from corridor.exchange.services import upload_limit_bytes
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


class RouteUploadForm(forms.Form):
    archive = forms.FileField(
        label="The route's files (zip)",
        help_text="A zip of route.csv, nodes.csv, links.csv, series.csv and closures.csv.",
    )


@login_required
def route_upload(request: HttpRequest) -> HttpResponse:
    """Create or change a route from a zip of its files, as the signed-in user (all or nothing)."""
    form = RouteUploadForm(request.POST or None, request.FILES or None)
    problems: list[RouteFileError] = []
    refusal = ""
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["archive"]
        try:
            with tempfile.TemporaryDirectory() as folder:
                _unpack(upload, Path(folder))
                outcome = import_route_folder(Path(folder), actor=request.user)
            return redirect("web:route", outcome.route.slug)
        except RouteFilesRefused as refused:
            problems = refused.errors
        except PermissionDenied as denied:
            refusal = str(denied)
        except zipfile.BadZipFile:
            form.add_error("archive", "is not a zip file")
    context = {"form": form, "problems": problems, "refusal": refusal}
    return render(request, "web/route_upload.html", context, status=400 if problems or refusal else 200)


def _unpack(upload: UploadedFile, folder: Path) -> None:
    """Write the route's files from the zip into `folder`; anything else in it is ignored, never extracted
    (no path from the archive is trusted), and the whole is bounded by the upload limit."""
    limit = upload_limit_bytes()
    with zipfile.ZipFile(upload.file) as archive:  # type: ignore[arg-type]
        for entry in archive.infolist():
            name = Path(entry.filename).name
            if name not in FILES or entry.is_dir():
                continue
            if entry.file_size > limit:
                raise RouteFilesRefused(
                    [RouteFileError(name, None, "", "", "is larger than the upload limit")]
                )
            (folder / name).write_bytes(archive.read(entry))
