"""Searching: Preševo found as "presevo", case and accents folded, ranking, marked passages, the syntax,
and each filter. Run on SQLite (FTS5) and PostgreSQL (tsvector) alike."""

from __future__ import annotations

from datetime import date

import pytest
from django.db.models import Q

from corridor.actors.models import Organisation
from corridor.geo.models import Place
from corridor.knowledge.models import Commitment, MandateClause
from corridor.monitoring.models import MonitoringVisit
from corridor.operations.models import Activity
from corridor.search.selectors import SearchFilters, search
from corridor.timeline.models import Event

PRESEVO = Q(title__icontains="Preševo") | Q(title__icontains="Presevo")


def _keys(query: str, **options: object) -> list[str]:
    return [hit.key for hit in search(None, query, limit=200, **options)]  # type: ignore[arg-type]


def _preševo_records() -> set[str]:
    """Every public record of the case study that names Preševo or is linked to the Preševo centre."""
    place = Place.objects.get(slug="presevo")
    named = (
        set(
            Event.objects.filter(PRESEVO | Q(description__icontains="Preševo") | Q(places=place)).values_list(
                "slug", flat=True
            )
        )
        | set(
            Activity.objects.filter(
                PRESEVO | Q(description__icontains="Preševo") | Q(places=place)
            ).values_list("slug", flat=True)
        )
        | set(MonitoringVisit.objects.filter(places=place).values_list("slug", flat=True))
        | set(Organisation.objects.filter(name__icontains="Preševo").values_list("slug", flat=True))
        | {"presevo"}
    )
    return named


@pytest.mark.django_db
def test_presevo_finds_the_case_study_s_preševo_records() -> None:
    expected = _preševo_records()

    found = set(_keys("presevo"))

    assert expected <= found
    assert {
        "presevo",
        "presevo-youth-office",
        "joint-visit-presevo-tabanovce-2015-11",
        "serbia-presevo-youth-office-cooperation",
        "inter-mission-informal-cooperation",
    } <= found


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["presevo", "Preševo", "PREŠEVO", "PRESEVO", "preševo"])
def test_case_and_accents_are_folded(query: str) -> None:
    assert set(_keys(query)) == set(_keys("presevo"))


@pytest.mark.django_db
def test_letters_that_are_not_accented_forms_fold_too(make_event, skopje) -> None:
    event = make_event(skopje, title="Đorđević and Łódź and Straße")

    for query in ("dordevic", "Đorđević", "lodz", "strasse"):
        assert event.slug in _keys(query), query


@pytest.mark.django_db
def test_english_word_forms_match(make_event, skopje) -> None:
    event = make_event(skopje, title="Quillomorph trainings for officers")

    assert event.slug in _keys("quillomorph training")
    assert event.slug in _keys("quillomorph officer")


@pytest.mark.django_db
def test_a_title_match_ranks_above_a_match_in_the_text(make_event, skopje) -> None:
    in_text = make_event(skopje, title="A meeting", description="It was held near the Quillomorph crossing.")
    in_title = make_event(skopje, title="Quillomorph crossing closed", description="The crossing was closed.")

    ranked = _keys("quillomorph")

    assert ranked.index(in_title.slug) < ranked.index(in_text.slug)


@pytest.mark.django_db
def test_a_record_holding_more_of_the_words_ranks_higher(make_event, skopje) -> None:
    one = make_event(skopje, title="Quillomorph crossing", description="A crossing on the route.")
    both = make_event(
        skopje, title="Quillomorph and Zentabrix crossing", description="A crossing on the route."
    )

    ranked = _keys("quillomorph OR zentabrix")

    assert ranked.index(both.slug) < ranked.index(one.slug)


@pytest.mark.django_db
def test_all_words_are_needed() -> None:
    assert set(_keys("presevo tabanovce")) >= {"joint-visit-presevo-tabanovce-2015-11"}
    assert "presevo-youth-office" not in _keys("presevo tabanovce")


@pytest.mark.django_db
def test_the_passage_marks_the_match_and_escapes_the_text(make_event, skopje) -> None:
    event = make_event(skopje, title="Quillomorph: arrivals < 100 & departures > 50")

    hit = next(hit for hit in search(None, "quillomorph") if hit.key == event.slug)

    assert "<mark>Quillomorph</mark>" in hit.snippet
    assert "arrivals &lt; 100 &amp; departures" in hit.snippet


@pytest.mark.django_db
def test_markup_in_a_record_never_reaches_the_passage_as_markup(make_event, skopje) -> None:
    event = make_event(skopje, title="<script>alert('x')</script> Quillomorph <img src=x onerror=alert(1)>")

    hit = next(hit for hit in search(None, "quillomorph") if hit.key == event.slug)

    assert "<mark>Quillomorph</mark>" in hit.snippet
    assert "<script" not in hit.snippet and "<img" not in hit.snippet
    assert hit.snippet.replace("<mark>", "").replace("</mark>", "").count("<") == 0


@pytest.mark.django_db
def test_the_passage_of_a_preševo_record_marks_preševo_as_written() -> None:
    hit = next(hit for hit in search(None, "presevo") if hit.key == "presevo-youth-office")

    assert "<mark>Preševo</mark>" in hit.snippet


@pytest.mark.django_db
def test_a_phrase_needs_its_words_together(make_event, skopje) -> None:
    together = make_event(skopje, title="Quillomorph border crossing")
    apart = make_event(skopje, title="Border of Quillomorph, far from any crossing")

    found = _keys('"quillomorph border crossing"')

    assert together.slug in found and apart.slug not in found


@pytest.mark.django_db
def test_or_exclusion_and_prefix(make_event, skopje) -> None:
    first = make_event(skopje, title="Quillomorph arrivals")
    second = make_event(skopje, title="Zentabrix departures")

    assert {first.slug, second.slug} <= set(_keys("quillomorph OR zentabrix"))
    assert first.slug not in _keys("quillomorph -arrivals")
    assert first.slug in _keys("quillo*")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    [
        "",
        "   ",
        "-presevo",
        "OR",
        '""',
        "*",
        "'; DROP TABLE search_searchentry; --",
        'a"b(c)d:e^f',
        "NEAR(a b)",
    ],
)
def test_no_input_breaks_the_engine(query: str) -> None:
    hits = search(None, query)

    assert isinstance(hits, list)
    if query.strip() in {"", "-presevo", "OR", '""', "*"}:
        assert hits == []


@pytest.mark.django_db
def test_the_kind_filter_keeps_only_those_kinds() -> None:
    hits = search(None, "presevo", filters=SearchFilters(kinds=("event", "visit")))

    assert {hit.kind for hit in hits} == {"event", "visit"}


@pytest.mark.django_db
def test_the_theme_filter_keeps_commitments_of_the_theme_and_activities_linked_to_them() -> None:
    labour = Commitment.objects.filter(theme="labour").first()
    activity = Activity.objects.get(slug="serbia-presevo-youth-office-cooperation")
    activity.commitments.add(labour)

    hits = search(None, "migrants OR migration OR presevo", filters=SearchFilters(theme="labour"), limit=200)

    assert {hit.kind for hit in hits} == {"commitment", "activity"}
    themes = dict(Commitment.objects.values_list("slug", "theme"))
    assert all(themes[hit.key] == "labour" for hit in hits if hit.kind == "commitment")
    assert [hit.key for hit in hits if hit.kind == "activity"] == [activity.slug]


@pytest.mark.django_db
def test_the_dimension_filter_keeps_commitments_clauses_and_activities_linked_to_the_dimension() -> None:
    hits = search(
        None, "border OR borders OR security", filters=SearchFilters(dimension="politico_military"), limit=200
    )

    assert hits and {hit.kind for hit in hits} == {"commitment", "mandate_clause", "activity"}
    clause = MandateClause.objects.select_related("mandate__operation").get(ref="monitor-borders")
    assert f"{clause.mandate.operation.slug}:monitor-borders" in {hit.key for hit in hits}
    dimensions = dict(Commitment.objects.values_list("slug", "dimension"))
    assert all(dimensions[hit.key] == "politico_military" for hit in hits if hit.kind == "commitment")
    for hit in hits:
        if hit.kind == "activity":
            activity = Activity.objects.get(slug=hit.key)
            linked = {c.dimension for c in activity.mandate_clauses.all()} | {
                c.dimension for c in activity.commitments.all()
            }
            assert "politico_military" in linked


@pytest.mark.django_db
def test_the_operation_filter_keeps_its_work_and_the_events_it_took_part_in(serbia) -> None:
    hits = search(None, "presevo OR migration", filters=SearchFilters(operation=serbia), limit=200)

    assert hits
    for hit in hits:
        if hit.kind == "activity":
            assert Activity.objects.get(slug=hit.key).lead_id == serbia.pk
        elif hit.kind == "event":
            assert Event.objects.get(slug=hit.key).actors.filter(pk=serbia.pk).exists()
        elif hit.kind == "visit":
            assert MonitoringVisit.objects.get(slug=hit.key).operation_id == serbia.pk
    assert "joint-visit-presevo-tabanovce-2015-11" in {hit.key for hit in hits}


@pytest.mark.django_db
def test_the_date_filter_keeps_dated_records_that_overlap_the_range() -> None:
    hits = search(None, "presevo", filters=SearchFilters(start=date(2015, 11, 10), end=date(2015, 11, 20)))

    assert {(hit.kind, hit.key) for hit in hits} >= {
        ("event", "joint-visit-presevo-tabanovce-2015-11"),
        ("visit", "joint-visit-presevo-tabanovce-2015-11"),
    }
    assert all(hit.date is not None and hit.date <= date(2015, 11, 20) for hit in hits)
    assert "presevo-youth-office" not in {hit.key for hit in hits}


@pytest.mark.django_db
def test_a_very_broad_query_is_ranked_among_its_newest_readable_matches(make_event, skopje) -> None:
    older = [make_event(skopje, title=f"Quillomorph report {n}") for n in range(3)]
    newer = [
        make_event(skopje, title=f"Quillomorph report {n}", classification="restricted") for n in range(3)
    ]

    capped = {hit.key for hit in search(None, "quillomorph", candidates=2)}
    exact = {hit.key for hit in search(None, "quillomorph", candidates=None)}

    assert capped == {event.slug for event in older[1:]}
    assert exact == {event.slug for event in older}
    assert not capped & {event.slug for event in newer}
