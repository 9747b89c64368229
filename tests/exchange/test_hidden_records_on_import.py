"""An import finds only the records its user may read: a hidden place answers exactly as an unknown one,
and a place written from a file never updates, links or describes a place the user may not read."""

from __future__ import annotations

import pytest

from corridor.accounts.choices import Role
from corridor.exchange.services import import_file
from corridor.geo.models import Place

SECRET_NAME = "ZZ-SECRET-Shelter"


@pytest.fixture
def shelter(skopje) -> Place:  # type: ignore[no-untyped-def]
    return Place.objects.create(
        slug="zz-secret-shelter", name=SECRET_NAME, kind="reception_centre",
        country=Place.objects.get(slug="mk").country, classification="restricted", owner=skopje,
    )  # fmt: skip


@pytest.fixture
def serbia_editor(make_user, serbia):  # type: ignore[no-untyped-def]
    return make_user("serbia.editor", serbia, Role.EDITOR)


def reasons(report) -> dict[int | None, list[str]]:  # type: ignore[no-untyped-def]
    found: dict[int | None, list[str]] = {}
    for error in report.errors:
        found.setdefault(error.row, []).append(f"{error.column}: {error.reason}")
    return found


@pytest.mark.django_db
@pytest.mark.parametrize(
    "kind,header,row",
    [
        (
            "observations",
            "place,date,metric,value,source_organisation,owner",
            "{place},2016-03-09,present,40,unhcr,",
        ),
        ("events", "date,kind,title,places,owner", "2016-03-09,incident,Visit {n},{place},"),
        (
            "places",
            "slug,name,kind,country,parent,owner",
            "test-annex-{n},Annex,reception_centre,MK,{place},",
        ),
    ],
)
def test_a_hidden_place_is_answered_exactly_as_an_unknown_one(
    kind, header, row, shelter, serbia_editor, write_file
) -> None:
    # Given a restricted shelter of Skopje, which Serbia's editor may not read
    named = ("zz-secret-shelter", "zz-secret-shelte", SECRET_NAME, "zz-never-existed")
    lines = [header, *(
        row.format(place=place, n=n) + "osce-mission-to-serbia" for n, place in enumerate(named)
    )]  # fmt: skip

    # When they name it (by slug, a near slug, its name) beside a place that never existed
    report = import_file(actor=serbia_editor, source=write_file("\n".join(lines) + "\n"), kind=kind)

    # Then each row gets the same answer, and none names or suggests the shelter
    answers = {
        row: [answer.replace(repr(place), "PLACE") for answer in reasons(report)[row]]
        for row, place in zip((2, 3, 4, 5), named, strict=True)
    }
    assert sorted(reasons(report)) == [2, 3, 4, 5]
    assert len({tuple(answer) for answer in answers.values()}) == 1
    assert all("is not a known place" in answer for answer in answers[2])
    assert "secret" not in " ".join(str(error) for error in report.errors if error.value == "").lower()


@pytest.mark.django_db
def test_a_new_place_whose_slug_a_hidden_place_holds_reveals_only_that_the_slug_is_taken(
    shelter, serbia_editor, write_file, database_snapshot
) -> None:
    before = database_snapshot()

    report = import_file(
        actor=serbia_editor,
        source=write_file(
            "slug,name,kind,country,owner\n"
            "zz-secret-shelter,Serbian shelter,reception_centre,RS,osce-mission-to-serbia\n"
        ),
        kind="places",
    )

    shelter.refresh_from_db()
    assert [(error.row, error.reason) for error in report.errors] == [
        (2, "the slug 'zz-secret-shelter' is taken: give the new place another slug")
    ]
    assert (shelter.name, shelter.owner.slug, shelter.version) == (SECRET_NAME, "osce-mission-to-skopje", 1)
    assert database_snapshot() == before


@pytest.mark.django_db
def test_a_parent_defined_in_the_file_never_links_a_hidden_place_of_that_slug(
    shelter, serbia_editor, write_file
) -> None:
    # Given a file whose first row defines a place with the hidden shelter's slug, and whose second row
    # places an annex under it
    path = write_file(
        "slug,name,kind,country,parent,owner\n"
        "zz-secret-shelter,Serbian shelter,reception_centre,RS,,osce-mission-to-serbia\n"
        "test-annex,Annex,reception_centre,RS,zz-secret-shelter,osce-mission-to-serbia\n"
    )

    # When Serbia's editor imports the rows that can be written
    report = import_file(actor=serbia_editor, source=path, kind="places", mode="valid_rows_only")

    # Then neither row reaches the hidden shelter: the annex is not written under it
    assert sorted(error.row for error in report.errors) == [2, 3]
    assert not Place.objects.filter(parent=shelter).exists()
    assert not Place.objects.filter(slug="test-annex").exists()
