"""Places are written like every other record: rights, validation, version, history."""

from __future__ import annotations

from decimal import Decimal

import pytest

from corridor.core.exceptions import ConcurrentUpdate, NotFound, PermissionDenied, ValidationFailed
from corridor.geo.models import Country, Place
from corridor.geo.services import record_place, update_place


def _fields(**overrides: object) -> dict[str, object]:
    fields: dict[str, object] = {
        "name": "Tabanovce transit centre",
        "kind": "transit_centre",
        "country": Country.objects.get(code="MK"),
        "latitude": Decimal("42.2100"),
        "longitude": Decimal("21.7000"),
        "classification": "internal",
    }
    return fields | overrides


@pytest.mark.django_db
def test_an_editor_of_the_owner_records_a_place_with_its_history(skopje_focal_point, skopje) -> None:
    place = record_place(actor=skopje_focal_point, slug="tabanovce-tc-test", owner=skopje, **_fields())

    assert place.version == 1
    change = Place.history.get(id=place.pk)
    assert change.history_user == skopje_focal_point
    assert change.history_change_reason == "recorded"


@pytest.mark.django_db
def test_another_organisation_may_not_record_a_place_for_the_owner(outsider, skopje) -> None:
    with pytest.raises(PermissionDenied):
        record_place(actor=outsider, slug="tabanovce-tc-test", owner=skopje, **_fields())

    assert not Place.objects.filter(slug="tabanovce-tc-test").exists()


@pytest.mark.django_db
def test_an_operator_records_without_a_user_and_history_names_none(skopje) -> None:
    place = record_place(actor=None, slug="tabanovce-tc-test", owner=skopje, as_operator=True, **_fields())

    assert Place.history.get(id=place.pk).history_user is None


@pytest.mark.django_db
def test_a_bad_value_is_refused_naming_the_field(skopje_focal_point, skopje) -> None:
    with pytest.raises(ValidationFailed) as refused:
        record_place(
            actor=skopje_focal_point, slug="tabanovce-tc-test", owner=skopje, **_fields(kind="castle")
        )

    assert "kind" in refused.value.errors
    assert not Place.objects.filter(slug="tabanovce-tc-test").exists()


@pytest.mark.django_db
def test_a_change_bumps_the_version_and_no_change_leaves_it(skopje_focal_point, skopje) -> None:
    place = record_place(actor=skopje_focal_point, slug="tabanovce-tc-test", owner=skopje, **_fields())

    same = update_place(actor=skopje_focal_point, place=place, expected_version=1, **_fields())
    renamed = update_place(actor=skopje_focal_point, place=place, expected_version=1, name="Tabanovce TC")

    assert same.version == 1
    assert renamed.version == 2
    assert Place.history.filter(id=place.pk).latest("history_date").history_change_reason == "changed: name"


@pytest.mark.django_db
def test_a_change_on_an_older_version_is_refused(skopje_focal_point, skopje) -> None:
    place = record_place(actor=skopje_focal_point, slug="tabanovce-tc-test", owner=skopje, **_fields())
    update_place(actor=skopje_focal_point, place=place, expected_version=1, name="Tabanovce TC")

    with pytest.raises(ConcurrentUpdate):
        update_place(actor=skopje_focal_point, place=place, expected_version=1, name="Tabanovce")

    assert Place.objects.get(pk=place.pk).name == "Tabanovce TC"


@pytest.mark.django_db
def test_a_place_the_actor_may_not_read_does_not_exist_for_them(make_user, serbia, skopje) -> None:
    reader = make_user("belgrade.viewer", serbia)
    place = record_place(
        actor=None,
        slug="tabanovce-tc-test",
        owner=skopje,
        as_operator=True,
        **_fields(classification="restricted"),
    )

    with pytest.raises(NotFound):
        update_place(actor=reader, place=place, expected_version=None, name="x")
