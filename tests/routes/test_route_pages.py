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


def _zip(folder_files: dict[str, str]) -> io.BytesIO:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in folder_files.items():
            archive.writestr(f"my-route/{name}", text)
    buffer.seek(0)
    buffer.name = "my-route.zip"  # type: ignore[attr-defined]
    return buffer


def _shipped_files(slug: str) -> dict[str, str]:
    from corridor.exchange.real_data import ROUTES_DIR

    files = {p.name: p.read_text(encoding="utf-8") for p in (ROUTES_DIR / SLUG).glob("*.csv")}
    files["route.csv"] = files["route.csv"].replace(f"{SLUG},", f"{slug},")
    return files


def test_a_focal_point_of_the_owner_creates_a_public_route_from_a_zip_of_its_files(make_user, cpc) -> None:  # type: ignore[no-untyped-def]
    from corridor.accounts.choices import Role

    client = Client()
    client.force_login(make_user("cpc.routes", cpc, Role.FOCAL_POINT))

    response = client.post("/routes/import/", {"archive": _zip(_shipped_files("uploaded-route"))})

    assert response.status_code == 302 and response["Location"] == "/routes/uploaded-route/"
    assert Route.objects.get(slug="uploaded-route").series.count() == 7


def test_a_zip_with_problems_lists_them_by_file_line_and_column_and_writes_nothing(  # type: ignore[no-untyped-def]
    make_user, cpc
) -> None:
    from corridor.accounts.choices import Role

    client = Client()
    client.force_login(make_user("cpc.routes", cpc, Role.EDITOR))
    files = _shipped_files("broken-route")
    files["links.csv"] = files["links.csv"].replace("greek-islands,piraeus,1,", "greek-islands,piraeus,one,")

    response = client.post("/routes/import/", {"archive": _zip(files)})

    page = response.content.decode()
    assert response.status_code == 400
    assert (
        "<td>links.csv</td><td>2</td><td>transit_days</td><td>one</td><td>is not a whole number</td>" in page
    )
    assert not Route.objects.filter(slug="broken-route").exists()


def test_someone_outside_the_owner_is_refused_and_nothing_is_written(skopje_focal_point) -> None:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(skopje_focal_point)

    response = client.post("/routes/import/", {"archive": _zip(_shipped_files("their-route"))})

    assert response.status_code == 400 and "your own organisation" in response.content.decode()
    assert not Route.objects.filter(slug="their-route").exists()


def test_an_editor_may_not_publish_a_route_and_nothing_is_written(make_user, cpc) -> None:  # type: ignore[no-untyped-def]
    from corridor.accounts.choices import Role

    client = Client()
    client.force_login(make_user("cpc.routes", cpc, Role.EDITOR))

    response = client.post("/routes/import/", {"archive": _zip(_shipped_files("public-route"))})

    assert response.status_code == 400
    assert not Route.objects.filter(slug="public-route").exists()
