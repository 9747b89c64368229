"""PostgreSQL's match table stays in step with the entries through every kind of write, and the two plans
that find a query's pool find the same one (the plan is chosen by the estimated number of matches)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.db import connection

from corridor.actors.models import Organisation
from corridor.core.choices import Classification
from corridor.geo.models import Place
from corridor.knowledge.models import Document, Mandate
from corridor.search import pool_postgresql
from corridor.search.index_postgresql import MATCH_COLUMNS, document_expression
from corridor.search.index_spec import ENTRY_TABLE, MATCH_TABLE, TEXT_COLUMNS
from corridor.search.models import SearchEntry
from corridor.search.query import parse
from corridor.search.selectors import search
from corridor.timeline.models import Event

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the match table exists on PostgreSQL only"
)


def _out_of_step() -> list[tuple[Any, ...]]:
    """Entries whose match row is missing or differs from them, and match rows with no entry."""
    columns = ", ".join(f"e.{column}" for column in MATCH_COLUMNS)
    copies = ", ".join(f"m.{column}" for column in MATCH_COLUMNS)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT e.id, m.id FROM {ENTRY_TABLE} e FULL JOIN {MATCH_TABLE} m ON m.id = e.id "
            f"WHERE e.id IS NULL OR m.id IS NULL OR ({columns}) IS DISTINCT FROM ({copies}) "
            f"OR m.document IS DISTINCT FROM ({document_expression('e')})"
        )
        return cursor.fetchall()


def _match_row(kind: str, object_id: int) -> tuple[str, str]:
    """The classification and the lexemes (as text) of a record's match row."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT classification, document::text FROM {MATCH_TABLE} WHERE kind = %s AND object_id = %s",
            [kind, object_id],
        )
        row = cursor.fetchone()
    assert row is not None, f"no match row for {kind} {object_id}"
    return row[0], row[1]


def _count(table: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {table}")
        return int(cursor.fetchone()[0])


@pytest.mark.django_db
def test_the_match_table_copies_every_entry_column_but_the_text() -> None:
    """A condition the ORM compiles on entries is read on the match table: every column must be there."""
    entry_columns = {field.column for field in SearchEntry._meta.concrete_fields}

    assert set(MATCH_COLUMNS) == entry_columns - set(TEXT_COLUMNS)
    with connection.cursor() as cursor:
        held = {column.name for column in connection.introspection.get_table_description(cursor, MATCH_TABLE)}
    assert held == set(MATCH_COLUMNS) | {"document"}


@pytest.mark.django_db
def test_the_case_study_s_entries_are_all_in_the_match_table() -> None:
    assert _count(MATCH_TABLE) == _count(ENTRY_TABLE) > 500
    assert _out_of_step() == []


@pytest.mark.django_db
def test_a_record_s_match_row_follows_its_creation_edits_reclassification_and_deletion(
    skopje: Organisation,
) -> None:
    document = Document.objects.create(
        slug="quillomorph-note",
        title="Quillomorph note",
        kind="report",
        owner=skopje,
        classification="public",
    )
    classification, lexemes = _match_row("document", document.pk)
    assert classification == "public" and "'quillomorph':1A" in lexemes

    Document.objects.filter(pk=document.pk).update(title="Zentrivax note")
    classification, lexemes = _match_row("document", document.pk)
    assert "zentrivax" in lexemes and "quillomorph" not in lexemes
    assert _out_of_step() == []

    Document.objects.filter(pk=document.pk).update(classification=Classification.RESTRICTED)
    classification, lexemes = _match_row("document", document.pk)
    assert classification == "restricted" and "zentrivax" in lexemes
    assert _out_of_step() == []

    Document.objects.filter(pk=document.pk).delete()
    assert not SearchEntry.objects.filter(kind="document", object_id=document.pk).exists()
    assert _out_of_step() == []


@pytest.mark.django_db
def test_a_mandate_s_push_and_a_renamed_place_reach_the_match_table(make_event, skopje) -> None:
    mandate = Mandate.objects.filter(clauses__isnull=False).first()
    assert mandate is not None
    clause = mandate.clauses.first()
    event = make_event(skopje, title="Quillomorph crossing")
    place = Place.objects.get(slug="presevo")
    event.places.add(place)

    Mandate.objects.filter(pk=mandate.pk).update(classification=Classification.RESTRICTED)
    Place.objects.filter(pk=place.pk).update(name="Zentrivax centre")

    assert _match_row("mandate_clause", clause.pk)[0] == "restricted"
    assert "'zentrivax':" in _match_row("event", event.pk)[1]
    assert _out_of_step() == []


@pytest.mark.django_db
def test_truncating_the_entries_empties_the_match_table() -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {ENTRY_TABLE}")

    assert _count(MATCH_TABLE) == 0


@pytest.mark.django_db
def test_a_rebuild_leaves_the_match_table_in_step() -> None:
    from corridor.search.services import rebuild_index

    rebuild_index()

    assert _count(MATCH_TABLE) == _count(ENTRY_TABLE) > 500
    assert _out_of_step() == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    "plan", [*pool_postgresql.Plan, None], ids=lambda plan: plan.name if plan else "planner's choice"
)
@pytest.mark.parametrize("phrase", [False, True], ids=["word", "phrase"])
def test_both_plans_find_the_newest_readable_matches(
    plan: pool_postgresql.Plan | None, phrase: bool, make_event, skopje, monkeypatch
) -> None:
    monkeypatch.setattr(pool_postgresql, "plan_for", lambda *_: plan)
    older = [make_event(skopje, title=f"Quillomorph report {n}") for n in range(4)]
    [make_event(skopje, title=f"Quillomorph report {n}", classification="restricted") for n in range(3)]
    other = make_event(skopje, title="Report on quillomorph")

    typed = '"quillomorph report"' if phrase else "quillomorph"
    found = {hit.key for hit in search(None, typed, candidates=2)}

    assert found == ({older[2].slug, older[3].slug} if phrase else {older[3].slug, other.slug})


def _plans(cursor: Any, words: tuple[str, ...]) -> dict[str, tuple[pool_postgresql.Plan | None, Any]]:
    """For each query: the plan both estimates favour (None: they disagree) and the plan taken."""
    plans = {}
    for words_typed in words:
        query = parse(words_typed)
        estimate = pool_postgresql.estimate_matches(cursor, query, "1 = 1", [])
        assert estimate is not None
        plans[words_typed] = (
            pool_postgresql.choose(estimate, 1000),
            pool_postgresql.plan_for(cursor, query, "1 = 1", [], 1000),
        )
    return plans


@pytest.mark.django_db
def test_the_plan_follows_the_estimates_and_the_probe_settles_words_that_come_together(skopje) -> None:
    """In 1,500 new entries: "quillomorph" in all (walk), "zentrivax" in 15 (GIN index), and "velika
    kladusa" in 500: taking its words as independent the planner expects about 120 in the 2,050 entries
    (too few for walking), each word alone 500 (enough): the estimates disagree, and the newest entries,
    a third of which hold the pair, decide for walking."""
    Event.objects.bulk_create(
        Event(
            slug=f"quillomorph-{n}",
            kind="incident",
            title=" ".join(
                (
                    "Quillomorph",
                    "zentrivax" if n % 100 == 0 else "count",
                    "Velika Kladuša" if n % 3 == 0 else str(n),
                )
            ),
            owner=skopje,
            classification="public",
            date_start=date(2016, 3, 9),
            date_end=date(2016, 3, 9),
            date_precision="day",
        )
        for n in range(1500)
    )
    Plan = pool_postgresql.Plan
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {MATCH_TABLE}")
        plans = _plans(cursor, ("quillomorph", "zentrivax", "velika kladusa"))
        for words, expected in (("quillomorph", 1000), ("zentrivax", 15), ("velika kladusa", 500)):
            pool, arguments = pool_postgresql.pool_sql(cursor, parse(words), "1 = 1", [], 1000)
            cursor.execute(pool, arguments)
            assert len(cursor.fetchall()) == expected

    assert plans == {
        "quillomorph": (Plan.WALK, Plan.WALK),
        "zentrivax": (Plan.INDEX, Plan.INDEX),
        "velika kladusa": (None, Plan.WALK),
    }
