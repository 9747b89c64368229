"""The route pages: the list and a route's graph for whoever may read it, its files for download, and a
hidden route not found."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.test import Client

from corridor.geo.models import Route

pytestmark = pytest.mark.django_db
SLUG = "western-balkans-2015-16"


def test_anyone_sees_a_public_route_with_its_series_nodes_legs_and_closures() -> None:
    listing = Client().get("/routes/").content.decode()
    page = Client().get(f"/routes/{SLUG}/").content.decode()

    assert f'href="/routes/{SLUG}/"' in listing
    assert "Arrivals in Serbia" in page and "<code>fyrom</code>" in page
    assert "Tabanovce" in page and "unlimited" in page
    assert "Hungary closes its border with Croatia" in page


def test_the_route_files_download_is_the_folder_the_import_reads() -> None:
    response = Client().get(f"/routes/{SLUG}/files.zip")

    names = zipfile.ZipFile(io.BytesIO(response.content)).namelist()
    assert response["Content-Type"] == "application/zip"
    assert sorted(names) == sorted(
        f"{SLUG}/{name}" for name in ("route.csv", "nodes.csv", "links.csv", "series.csv", "closures.csv")
    )


def test_a_restricted_route_is_not_found_and_not_listed_for_a_visitor() -> None:
    Route.objects.filter(slug=SLUG).update(classification="restricted")

    assert Client().get(f"/routes/{SLUG}/").status_code == 404
    assert Client().get(f"/routes/{SLUG}/files.zip").status_code == 404
    assert SLUG not in Client().get("/routes/").content.decode()
