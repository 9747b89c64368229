"""`corridor report …` writes the file and says what it wrote; by default for the anonymous public reader."""

from __future__ import annotations

import io

import docx
import pytest

from corridor.cli.main import build_parser, main
from corridor.reports.models import ReportRun
from tests.reports.conftest import SECRET, text_of


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("arguments", "output_format", "first_bytes"),
    [
        (["regional", "--from", "2015-10-01", "--to", "2016-03-31", "--format", "pdf"], "pdf", b"%PDF"),
        (
            [
                "mission",
                "--operation",
                "osce-mission-to-serbia",
                "--from",
                "2015-10-01",
                "--to",
                "2016-03-31",
            ],
            "docx",
            b"PK",
        ),
        (
            ["update", "--operation", "osce-mission-to-skopje", "--from", "2015-10-01", "--to", "2016-03-31"],
            "html",
            b"<!DOCTYPE html>",
        ),
        (["spot", "--event", "joint-visit-presevo-tabanovce-2015-11", "--window", "10"], "docx", b"PK"),
    ],
    ids=["regional", "mission", "update", "spot"],
)
def test_each_report_kind_is_written_to_the_named_file(
    tmp_path, capsys, arguments, output_format, first_bytes
) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / f"report.{output_format}"

    code = main(["report", *arguments, "-o", str(target)])

    assert code == 0
    assert target.read_bytes().startswith(first_bytes)
    run = ReportRun.objects.get()
    out = capsys.readouterr().out
    assert f"Wrote {target}" in out and run.reference in out and "anonymous public reader" in out


@pytest.mark.django_db
def test_the_reader_defaults_to_the_anonymous_public_and_user_names_another(
    tmp_path, secrets, vienna_analyst
) -> None:  # type: ignore[no-untyped-def]
    public, cleared = tmp_path / "public.docx", tmp_path / "cleared.docx"
    common = ["report", "regional", "--from", "2015-10-01", "--to", "2016-03-31"]

    assert main([*common, "-o", str(public)]) == 0
    assert main([*common, "--user", "vienna.analyst", "-o", str(cleared)]) == 0

    assert SECRET not in text_of(public.read_bytes(), "docx")
    assert SECRET in text_of(cleared.read_bytes(), "docx")
    assert (
        "RESTRICTED" in docx.Document(io.BytesIO(cleared.read_bytes())).sections[0].header.paragraphs[0].text
    )


def test_the_help_says_who_the_default_reader_is(capsys) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(SystemExit):
        build_parser().parse_args(["report", "regional", "--help"])

    assert "anonymous public reader" in " ".join(capsys.readouterr().out.split())


@pytest.mark.django_db
def test_the_distribution_and_marking_can_be_given(tmp_path) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "r.html"

    code = main(
        [
            "report",
            "regional",
            "--from",
            "2015-10-01",
            "--to",
            "2016-03-31",
            "--classification",
            "internal",
            "--distribution",
            "CPC",
            "--distribution",
            "Chairmanship",
            "-o",
            str(target),
        ]
    )

    assert code == 0
    text = text_of(target.read_bytes(), "html")
    assert "CPC; Chairmanship" in text and "INTERNAL" in text


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("arguments", "code", "message"),
    [
        (
            ["regional", "--from", "2016-03-31", "--to", "2015-10-01"],
            2,
            "--to: the period ends before it starts",
        ),
        (["regional", "--from", "March", "--to", "2015-10-01"], 2, "--from:"),
        (
            ["mission", "--operation", "nope", "--from", "2015-10-01", "--to", "2016-03-31"],
            2,
            "--operation: no field operation 'nope'",
        ),
        (
            ["regional", "--from", "2015-10-01", "--to", "2016-03-31", "--user", "nobody"],
            1,
            "no active user 'nobody'",
        ),
    ],
)
def test_bad_input_is_refused_with_the_option_named(tmp_path, capsys, arguments, code, message) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "r.pdf"

    assert main(["report", *arguments, "-o", str(target)]) == code

    assert message in capsys.readouterr().err
    assert not target.exists()
