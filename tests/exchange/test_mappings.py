"""Column mappings: files and saved mappings are checked key by key; a file's columns must give every
required field, and a column two fields could claim is named rather than guessed."""

from __future__ import annotations

import pytest

from corridor.exchange.mapping import MappingInvalid, load_mapping_file, parse_mapping
from corridor.exchange.selectors import column_mappings_visible_to
from corridor.exchange.services import import_file, save_column_mapping


def test_a_mapping_names_every_unknown_key_and_field() -> None:
    with pytest.raises(MappingInvalid) as raised:
        parse_mapping(
            {
                "kind": "observations",
                "colums": {},
                "columns": {"vaule": "arrivals", "place": ["a", "b"]},
                "constants": {"metric": "arrivals"},
                "unpivot": {"columns": []},
            },
            origin="daily.yaml",
        )

    assert raised.value.problems == [
        "colums: unknown key (expected one of cite, columns, constants, date_format, delimiter, description, "
        "encoding, header_row, kind, name, sheet, skip, unpivot, values)",
        "columns.vaule: 'vaule' is not a field (fields: place, date, date_start, date_end, date_precision, "
        "metric, value, value_status, value_qualifier, sex, age_group, nationality, source_organisation, "
        "reliability, owner, classification, note)",
        "columns.place: must be text, not list",
        "unpivot: must have exactly columns, header_field, value_field",
    ]


def test_a_mapping_for_another_kind_is_refused() -> None:
    with pytest.raises(MappingInvalid, match="kind: the mapping is for events, not observations"):
        parse_mapping({"kind": "events"}, origin="m.yaml", kind="observations")


def test_a_mapping_file_that_is_not_yaml_is_named(tmp_path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text("columns: [unclosed\n", encoding="utf-8")

    with pytest.raises(MappingInvalid) as raised:
        load_mapping_file(path)

    assert raised.value.origin == "broken.yaml"
    assert raised.value.problems[0].startswith("is not valid YAML")


@pytest.mark.django_db
def test_a_column_the_mapping_names_but_the_file_lacks_is_reported_with_the_files_columns(
    cpc_editor, write_file, database_snapshot
) -> None:
    path = write_file("site,day,count\ngevgelija,2015-11-20,5\n")
    before = database_snapshot()

    report = import_file(
        actor=cpc_editor,
        source=path,
        kind="observations",
        mapping={
            "columns": {"place": "site", "date": "day", "value": "arrivals"},
            "constants": {"metric": "arrivals"},
        },
    )

    assert [error.as_row() for error in report.errors] == [
        ("1", "columns.value", "", "the file has no column 'arrivals' (its columns: 'site', 'day', 'count')"),
        (
            "1",
            "source_organisation",
            "",
            "no column gives it: add a column headed 'source_organisation' or 'source' (in an HXL file, "
            "tagged #org+source), or map it (columns: or constants:)",
        ),
    ]
    assert database_snapshot() == before


@pytest.mark.django_db
def test_two_columns_that_both_look_like_one_field_are_named_not_guessed(cpc_editor, write_file) -> None:
    path = write_file(
        "#loc+code,#date,#affected+arrivals,#affected+departures,#org+source\ngevgelija,2015-11-20,5,3,unhcr\n"
    )

    report = import_file(actor=cpc_editor, source=path, kind="observations")

    assert [error.as_row() for error in report.errors] == [
        (
            "1",
            "value",
            "",
            "columns '#affected+arrivals' and '#affected+departures' both look like value: "
            "name one in the mapping",
        )
    ]


@pytest.mark.django_db
def test_a_saved_mapping_is_used_by_name_and_seen_only_by_its_organisation(
    cpc_editor, cpc, outsider, write_file
) -> None:
    save_column_mapping(
        actor=cpc_editor,
        slug="police-daily",
        name="Police daily sheet",
        kind="observations",
        spec={
            "columns": {"place": "Site", "value": "Count"},
            "constants": {"metric": "arrivals", "source_organisation": "unhcr"},
        },
        owner_id=cpc.pk,
    )
    path = write_file("Site,date,Count\ngevgelija,2015-11-20,77\n")

    report = import_file(actor=cpc_editor, source=path, kind="observations", mapping="police-daily")
    hidden = import_file(actor=outsider, source=path, kind="observations", mapping="police-daily")

    assert (report.errors, report.created) == ([], 1)
    assert [error.as_row() for error in hidden.errors] == [
        ("", "mapping police-daily", "", "no saved mapping has this name")
    ]
    assert list(column_mappings_visible_to(outsider)) == []


@pytest.mark.django_db
def test_a_mapping_is_checked_before_it_is_saved(cpc_editor, cpc) -> None:
    with pytest.raises(MappingInvalid, match=r"constants\.metrc"):
        save_column_mapping(
            actor=cpc_editor,
            slug="x",
            name="x",
            kind="observations",
            spec={"constants": {"metrc": "x"}},
            owner_id=cpc.pk,
        )


@pytest.mark.django_db
def test_a_missing_field_given_several_ways_is_named_with_each_way(cpc_editor, write_file) -> None:  # type: ignore[no-untyped-def]
    path = write_file("site,count,source\ngevgelija,5,unhcr\n")

    report = import_file(
        actor=cpc_editor, source=path, kind="observations", mapping={"constants": {"metric": "arrivals"}}
    )

    assert [error.as_row() for error in report.errors] == [
        (
            "1",
            "date or date_start and date_end",
            "",
            "no column gives it: add the column, or map it (columns: or constants:)",
        )
    ]
