"""Routes are data: a route's folder of files is imported whole (or not at all, every problem named with
its file, line and column), exported to the same files, and read only by those who may read it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from corridor.core.exceptions import NotFound
from corridor.exchange.acting import PLATFORM
from corridor.exchange.real_data import ROUTES_DIR, load_shipped_routes
from corridor.exchange.route_files import RouteFilesRefused, export_route_folder, import_route_folder
from corridor.geo.models import Route, RouteLeg, RouteNode, RouteSeries
from corridor.geo.selectors import get_route_for_user, routes_visible_to

BALKANS = ROUTES_DIR / "western-balkans-2015-16"
pytestmark = pytest.mark.django_db


COPY = "copied-route"


def _copy(tmp_path: Path) -> Path:
    """The shipped route's folder under another slug: a new route (the test database has the shipped one)."""
    folder = tmp_path / "route"
    shutil.copytree(BALKANS, folder)
    route = folder / "route.csv"
    route.write_text(
        route.read_text(encoding="utf-8").replace("western-balkans-2015-16,", f"{COPY},"), "utf-8"
    )
    return folder


def test_the_shipped_route_loads_from_its_files_and_a_second_load_writes_nothing() -> None:
    first = dict((folder.name, outcome) for folder, outcome in load_shipped_routes())
    second = dict((folder.name, outcome) for folder, outcome in load_shipped_routes())

    route = Route.objects.get(slug="western-balkans-2015-16")
    assert first["western-balkans-2015-16"] in {"created", "unchanged"}
    assert set(second.values()) == {"unchanged"}
    assert (route.nodes.count(), route.legs.count(), route.series.count(), route.closures.count()) == (
        20,
        26,
        7,
        2,
    )
    assert RouteNode.objects.get(route=route, key="gevgelija").place.slug == "gevgelija"  # type: ignore[union-attr]
    assert (
        RouteLeg.objects.get(route=route, origin__key="idomeni", destination__key="gevgelija").capacity
        == 11600
    )


def test_an_exported_route_imports_again_unchanged(tmp_path: Path) -> None:
    import_route_folder(BALKANS)
    route = Route.objects.get(slug="western-balkans-2015-16")

    export_route_folder(route, tmp_path / "out", actor=PLATFORM)
    outcome = import_route_folder(tmp_path / "out")

    assert outcome.outcome == "unchanged"


def _replace(path: Path, old: str, new: str) -> None:
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


def test_every_problem_is_named_with_file_line_and_column_and_nothing_is_written(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    links = (folder / "links.csv").read_text(encoding="utf-8").splitlines()
    links[1] = links[1].replace("greek-islands,piraeus,1,", "greek-islands,piraeus,one,")
    links.append("piraeus,atlantis,1,,0,0,editorial,")
    (folder / "links.csv").write_text("\n".join(links) + "\n", encoding="utf-8")
    series = (
        (folder / "series.csv")
        .read_text(encoding="utf-8")
        .replace(",mk,arrivals,day,", ",mk,arrivals,daily,")
    )
    (folder / "series.csv").write_text(series, encoding="utf-8")
    nodes = (
        (folder / "nodes.csv")
        .read_text(encoding="utf-8")
        .replace("piraeus,Piraeus,GR,", "piraeus,Piraeus,Q1,")
    )
    (folder / "nodes.csv").write_text(nodes, encoding="utf-8")

    with pytest.raises(RouteFilesRefused) as refused:
        import_route_folder(folder)

    found = {(e.file, e.line, e.column) for e in refused.value.errors}
    assert ("links.csv", 2, "transit_days") in found
    assert ("series.csv", 4, "frequency") in found
    assert ("nodes.csv", 3, "country") in found
    assert not Route.objects.filter(slug=COPY).exists()


def test_a_graph_whose_shares_do_not_add_up_is_refused_at_the_line_of_the_leg(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    links = (folder / "links.csv").read_text(encoding="utf-8").splitlines()
    links.append("piraeus,atlantis,1,,0.5,0,editorial,")
    (folder / "links.csv").write_text("\n".join(links) + "\n", encoding="utf-8")

    with pytest.raises(RouteFilesRefused) as refused:
        import_route_folder(folder)

    messages = {(e.file, e.line, e.column): e.reason for e in refused.value.errors}
    assert "unknown node 'atlantis'" in messages[("links.csv", len(links), "to")]
    assert "add up to 1.5, not 1" in messages[("links.csv", 3, "share")]
    assert not Route.objects.filter(slug=COPY).exists()


def test_a_missing_file_and_an_unknown_column_are_named(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    (folder / "series.csv").unlink()
    text = (folder / "nodes.csv").read_text(encoding="utf-8").replace("leave_rate,", "leaving,", 1)
    (folder / "nodes.csv").write_text(text, encoding="utf-8")

    with pytest.raises(RouteFilesRefused) as refused:
        import_route_folder(folder)

    found = {(e.file, e.line, e.column, e.reason) for e in refused.value.errors}
    assert ("series.csv", None, "", "is missing from the route's folder") in found
    assert ("nodes.csv", 1, "leave_rate", "this required column is missing") in found


def test_a_restricted_route_is_not_found_by_those_who_may_not_read_it(  # type: ignore[no-untyped-def]
    tmp_path: Path, outsider, vienna_analyst
) -> None:
    folder = _copy(tmp_path)
    text = (folder / "route.csv").read_text(encoding="utf-8").replace(",public,", ",restricted,")
    (folder / "route.csv").write_text(text, encoding="utf-8")
    import_route_folder(folder)

    assert not routes_visible_to(outsider).filter(slug=COPY).exists()
    with pytest.raises(NotFound):
        get_route_for_user(outsider, slug=COPY)
    with pytest.raises(NotFound):
        export_route_folder(Route.objects.get(slug=COPY), tmp_path / "out", actor=outsider)
    assert get_route_for_user(vienna_analyst, slug=COPY).series.count() == 7


def test_a_user_imports_a_route_only_for_an_organisation_they_edit_for(  # type: ignore[no-untyped-def]
    tmp_path: Path, skopje_focal_point
) -> None:
    from corridor.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        import_route_folder(_copy(tmp_path), actor=skopje_focal_point)
    assert not Route.objects.filter(slug=COPY).exists()
    assert not RouteSeries.objects.filter(route__slug=COPY).exists()


def test_a_forecast_of_a_series_that_is_not_daily_is_refused_by_name() -> None:
    from corridor.core.exceptions import ValidationFailed
    from corridor.forecasting.services import run_forecast

    RouteSeries.objects.filter(key="serbia").update(frequency="week")

    with pytest.raises(
        ValidationFailed, match="'serbia' is a weekly series: forecasts read daily series only"
    ):
        run_forecast(reader=None, place="serbia", route="western-balkans-2015-16")


def test_a_node_names_its_place_only_to_those_who_may_read_the_place(outsider, vienna_analyst) -> None:  # type: ignore[no-untyped-def]
    from corridor.forecasting.routes import route_model_for
    from corridor.geo.models import Place

    Place.objects.filter(slug="gevgelija").update(classification="restricted")

    assert route_model_for(outsider, "western-balkans-2015-16").points["gevgelija"].slug == ""
    assert route_model_for(vienna_analyst, "western-balkans-2015-16").points["gevgelija"].slug == "gevgelija"
