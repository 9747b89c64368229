"""The pieces without a database: query syntax, safe marking, text analysis, BM25."""

from __future__ import annotations

import math

import pytest

from corridor.knowledge.basis import EXPANSION_WEIGHT, marked_passage, query_weights
from corridor.search.analysis import fold, stem, terms
from corridor.search.bm25 import K1, K3, B, Bm25
from corridor.search.highlight import START, STOP, marked_html
from corridor.search.query import parse, to_fts5, to_tsquery
from corridor.search.thesaurus import related


def test_words_are_all_required_and_quoted_for_each_engine() -> None:
    query = parse("refugees border")

    assert to_fts5(query) == '("refugees") AND ("border")'
    assert to_tsquery(query) == "(('refugees')) & (('border'))"


def test_phrases_or_exclusion_and_prefix_are_understood() -> None:
    query = parse('"one-stop centre" presevo OR tabanovce -smuggling train*')

    assert (
        to_fts5(query)
        == '(("one stop centre") AND ("presevo" OR "tabanovce") AND ("train"*)) NOT "smuggling"'
    )
    assert to_tsquery(query) == (
        "(('one' <-> 'stop' <-> 'centre')) & (('presevo') | ('tabanovce')) & (('train':*)) & !('smuggling')"
    )


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ('"transit centre"', True),
        ('presevo OR "one-stop centre"', True),
        ("transit centre", False),
        ('presevo -"transit centre"', False),
        ("train*", False),
    ],
)
def test_a_query_knows_whether_it_needs_a_phrase(text: str, phrase: bool) -> None:
    assert parse(text).has_phrase is phrase


@pytest.mark.parametrize("text", ["", "-x", "OR", '""', "*", '-"a b"', "!!! ???"])
def test_a_query_with_nothing_to_find_is_empty(text: str) -> None:
    assert parse(text).is_empty


@pytest.mark.parametrize("text", ["'; DROP TABLE x; --", 'a"b', "NEAR(a b) AND c:d", "x' | 'y", "a\\b"])
def test_operators_and_quotes_a_user_types_never_reach_the_engines_as_syntax(text: str) -> None:
    query = parse(text)

    for term in [t for group in query.groups for t in group] + list(query.excluded):
        assert all(word.isalnum() for word in term.words)
    assert to_fts5(query).count('"') % 2 == 0


def test_letters_that_do_not_decompose_are_folded_in_queries() -> None:
    assert to_fts5(parse("Đorđević")) == '("Dordević")'


def test_marks_become_tags_only_after_escaping() -> None:
    assert (
        marked_html(f'a < b & {START}Preševo{STOP} "q"')
        == "a &lt; b &amp; <mark>Preševo</mark> &quot;q&quot;"
    )


def test_unpaired_marks_are_dropped_or_closed() -> None:
    assert marked_html(f"{STOP}x{START}{START}y") == "x<mark>y</mark>"


def test_folding_removes_case_and_accents() -> None:
    assert fold("PREŠEVO") == "presevo"
    assert fold("Đorđević") == "dordevic"
    assert fold("Straße") == "strasse"


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("refugees", "refuge"),
        ("refugee", "refuge"),
        ("activities", "activity"),
        ("trafficking", "traffick"),
        ("trafficked", "traffick"),
        ("trains", "train"),
        ("training", "train"),
        ("promote", "promot"),
        ("promoting", "promot"),
        ("children", "child"),
        ("crisis", "crisis"),
        ("status", "status"),
        ("planning", "plan"),
    ],
)
def test_the_stemmer_joins_word_forms(word: str, expected: str) -> None:
    assert stem(word) == expected


def test_analysis_drops_stop_words_and_numbers_and_joins_compounds() -> None:
    text = "The Mission trained 60 social workers on trafficking in human beings and human rights."

    assert [term.text for term in terms(text)] == ["train", "social_worker", "traffick", "human_right"]


def test_a_term_keeps_the_span_of_its_words() -> None:
    text = "Identification of victims at transit centres"

    spans = [(term.text, text[term.start : term.end]) for term in terms(text)]

    assert spans == [("traffick", "Identification of victims"), ("transit_centre", "transit centres")]


def test_co_operation_is_one_word() -> None:
    assert [term.text for term in terms("co-operation")] == ["cooperation"]


def test_the_thesaurus_relates_victims_to_trafficking_and_not_to_labour() -> None:
    assert "traffick" in related("victim")
    assert "migrant_worker" not in related("social_worker")


def test_query_weights_count_words_and_weigh_related_terms_by_their_source() -> None:
    weights = query_weights("victims victims victims border")

    assert weights["victim"] == 3
    assert weights["traffick"] == pytest.approx(EXPANSION_WEIGHT * 3)
    assert weights["entry_point"] == pytest.approx(EXPANSION_WEIGHT)


def test_bm25_scores_as_its_formula_says() -> None:
    index = Bm25({"a": ["border", "police", "border"], "b": ["refuge"], "c": ["refuge", "camp"]})

    scored = index.score({"border": 1.0})

    idf = math.log(1 + (3 - 1 + 0.5) / (1 + 0.5))
    length_norm = K1 * (1 - B + B * 3 / (6 / 3))
    weight = 1.0 * (K3 + 1) / (1.0 + K3)
    assert [s.key for s in scored] == ["a"]
    assert scored[0].score == pytest.approx(weight * idf * 2 * (K1 + 1) / (2 + length_norm))
    assert scored[0].matched == frozenset({"border"})


def test_bm25_prefers_rarer_terms_and_shorter_documents() -> None:
    index = Bm25(
        {"short": ["refuge", "camp"], "long": ["refuge", "camp", "x", "y", "z", "w"], "other": ["camp"]}
    )

    scored = index.score({"refuge": 1.0, "camp": 1.0})

    assert [s.key for s in scored] == ["short", "long", "other"]


def test_a_passage_marks_the_matched_words_and_escapes_the_rest() -> None:
    text = "Protect <b>migrants</b> & asylum seekers"

    assert (
        marked_passage(text, {"asylum_seeker"})
        == "Protect &lt;b&gt;migrants&lt;/b&gt; &amp; <mark>asylum seekers</mark>"
    )
