"""The index follows every write to an indexed table, whoever makes it: no application code is involved
(the tests write with the ORM's create, QuerySet.update and delete, which no service sees)."""

from __future__ import annotations

from typing import Any

import pytest

from corridor.actors.models import Organisation
from corridor.core.choices import Classification
from corridor.geo.models import Place
from corridor.knowledge.models import Mandate
from corridor.monitoring.models import MonitoringVisit
from corridor.operations.models import Activity
from corridor.search.kinds import KIND_NAMES
from corridor.search.models import SearchEntry
from corridor.search.selectors import search
from corridor.search.triggers import INDEXED_KINDS
from corridor.timeline.models import Event
from tests.search.conftest import LEVELS, THROUGH_PARENT, key_of

TITLE_FIELD = {
    "place": "name",
    "organisation": "name",
    "document": "title",
    "commitment": "text",
    "mandate_clause": "text",
    "recommendation": "text",
    "event": "title",
    "activity": "title",
    "visit": "purpose",
    "field_operation": "engagement_note",
    "interview": "positions",
    "focal_point": "topic",
    "working_group": "topic",
    "mandate": "breadth_quote",
}


def _keys(user: Any, query: str, kind: str) -> set[str]:
    return {hit.key for hit in search(user, query, kinds=[kind], limit=200)}


def test_every_indexed_kind_is_searchable_and_every_searchable_kind_is_indexed() -> None:
    assert {kind.name for kind in INDEXED_KINDS} == set(KIND_NAMES) == set(TITLE_FIELD)


@pytest.mark.django_db
@pytest.mark.parametrize("kind", KIND_NAMES)
def test_a_created_record_gets_an_entry_with_its_classification_and_owner(kind, zorkavian, skopje) -> None:
    for level in LEVELS:
        record = zorkavian[kind][level]

        entry = SearchEntry.objects.get(kind=kind, object_id=record.pk)

        assert entry.classification == level
        assert entry.owner_id == skopje.pk
        assert "Zorkavian" in entry.title + entry.body


@pytest.mark.django_db
@pytest.mark.parametrize("kind", KIND_NAMES)
def test_an_update_through_the_orm_alone_is_searchable_at_once(kind, zorkavian, vienna_analyst) -> None:
    record = zorkavian[kind]["public"]
    field = TITLE_FIELD[kind]

    type(record).objects.filter(pk=record.pk).update(**{field: "Quillomorph renamed record"})

    assert _keys(vienna_analyst, "quillomorph", kind) == {key_of(kind, record)}
    assert key_of(kind, record) not in _keys(vienna_analyst, "zorkavian", kind)


@pytest.mark.django_db
@pytest.mark.parametrize("kind", KIND_NAMES)
def test_a_deleted_record_leaves_the_index(kind, zorkavian, vienna_analyst) -> None:
    record = zorkavian[kind]["internal"]
    key, pk = key_of(kind, record), record.pk

    type(record).objects.filter(pk=pk).delete()

    assert key not in _keys(vienna_analyst, "zorkavian", kind)
    assert not SearchEntry.objects.filter(kind=kind, object_id=pk).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("kind", [kind for kind in KIND_NAMES if kind not in THROUGH_PARENT])
def test_a_reclassified_record_is_hidden_at_once(kind, zorkavian) -> None:
    record = zorkavian[kind]["public"]

    type(record).objects.filter(pk=record.pk).update(classification=Classification.RESTRICTED)

    assert key_of(kind, record) not in _keys(None, "zorkavian", kind)


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["field_operation", "interview"])
def test_an_organisation_s_engagement_and_interviews_follow_its_classification(kind, zorkavian) -> None:
    record = zorkavian[kind]["public"]
    assert key_of(kind, record) in _keys(None, "zorkavian", kind)

    Organisation.objects.filter(pk=record.organisation_id).update(classification=Classification.INTERNAL)

    assert key_of(kind, record) not in _keys(None, "zorkavian", kind)
    assert SearchEntry.objects.get(kind=kind, object_id=record.pk).classification == "internal"


@pytest.mark.django_db
def test_a_clause_follows_its_mandate_s_classification(zorkavian) -> None:
    clause = zorkavian["mandate_clause"]["public"]
    assert key_of("mandate_clause", clause) in _keys(None, "zorkavian", "mandate_clause")

    Mandate.objects.filter(pk=clause.mandate_id).update(classification=Classification.INTERNAL)

    assert key_of("mandate_clause", clause) not in _keys(None, "zorkavian", "mandate_clause")
    assert SearchEntry.objects.get(kind="mandate_clause", object_id=clause.pk).classification == "internal"


@pytest.mark.django_db
@pytest.mark.parametrize("model", [Event, Activity, MonitoringVisit])
def test_linking_a_public_place_makes_the_record_findable_by_the_place_s_name(model, zorkavian) -> None:
    kind = {Event: "event", Activity: "activity", MonitoringVisit: "visit"}[model]
    record = zorkavian[kind]["public"]
    place = Place.objects.get(slug="presevo")
    assert record.slug not in _keys(None, "presevo", kind)

    record.places.add(place)
    assert record.slug in _keys(None, "presevo", kind)

    Place.objects.filter(pk=place.pk).update(name="Quillomorph centre")
    assert record.slug in _keys(None, "quillomorph", kind)

    record.places.remove(place)
    assert record.slug not in _keys(None, "quillomorph", kind)


@pytest.mark.django_db
def test_a_restricted_place_s_name_is_not_indexed_with_the_records_linked_to_it(zorkavian) -> None:
    event = zorkavian["event"]["public"]
    hidden_place = zorkavian["place"]["restricted"]

    event.places.add(hidden_place)

    assert "Zorkavian" not in SearchEntry.objects.get(kind="event", object_id=event.pk).places
    Place.objects.filter(pk=hidden_place.pk).update(classification="public")
    assert "Zorkavian restricted place" in SearchEntry.objects.get(kind="event", object_id=event.pk).places


@pytest.mark.django_db
def test_alternative_names_and_topics_are_indexed_as_words() -> None:
    place = SearchEntry.objects.get(kind="place", object_id=Place.objects.get(slug="presevo").pk)

    assert "[" not in place.body and '"' not in place.body
    assert "Presevo one-stop centre" in place.body


@pytest.mark.django_db
def test_rebuilding_the_index_gives_the_same_entries() -> None:
    from corridor.search.services import rebuild_index

    before = set(
        SearchEntry.objects.values_list("kind", "object_id", "title", "body", "places", "classification")
    )

    count = rebuild_index()

    assert count == len(before)
    assert (
        set(SearchEntry.objects.values_list("kind", "object_id", "title", "body", "places", "classification"))
        == before
    )
    assert {hit.key for hit in search(None, "presevo")} >= {
        "presevo",
        "joint-visit-presevo-tabanovce-2015-11",
    }
