"""Import and export: the entry points every interface (CLI, page, API, job) calls.

    report = import_file(actor=request.user, source=upload, file_name=upload.name, kind="observations",
                         mapping="unhcr-daily", mode="valid_rows_only", dry_run=True)
    export_records(user=request.user, kind="observations", format="hxl", stream=response)

`import_file` never raises for a bad file or mapping: every problem is in `report.errors` (row, column,
value, reason), and nothing is written unless the file is valid — or, in valid-rows-only mode, each row is
written whole or not at all. An import that writes records is recorded as an `ImportRun`.
"""

from __future__ import annotations

import hashlib
import tempfile
import uuid
from datetime import datetime
from pathlib import Path
from typing import IO, TYPE_CHECKING, BinaryIO, TextIO

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from corridor.accounts.access import may_share_mapping, recording_organisation_ids
from corridor.exchange.acting import PLATFORM, Actor, Platform, history_user
from corridor.exchange.choices import ImportKind, ImportMode, RunStatus
from corridor.exchange.exporting import ExportFilters, export_records
from corridor.exchange.import_observations import import_observations
from corridor.exchange.import_records import import_records
from corridor.exchange.limits import ImportLimits, LimitExceeded
from corridor.exchange.mapping import MappingInvalid, MappingSpec, load_mapping_file, parse_mapping
from corridor.exchange.models import ColumnMapping, ImportRun
from corridor.exchange.pipeline import ProgressCallback, Run
from corridor.exchange.report import ErrorSink, ImportReport, RowError
from corridor.exchange.selectors import get_column_mapping_for_user

if TYPE_CHECKING:
    from corridor.jobs.models import Job

__all__ = [
    "PLATFORM",
    "ExportFilters",
    "ImportLimits",
    "UploadTooLarge",
    "export_records",
    "import_file",
    "save_column_mapping",
    "stage_upload",
    "upload_limit_bytes",
]

_OWNER_FIELD: dict[str, str] = {ImportKind.ACTIVITIES: "lead"}
IMPORT_JOB_THRESHOLD_BYTES = 2 * 1024 * 1024
"""Interfaces run larger uploads as jobs (`jobs.import_job_params`) rather than inside the request."""


def import_file(
    *,
    actor: Actor,
    source: Path | BinaryIO,
    kind: str,
    file_name: str | None = None,
    mapping: MappingSpec | Path | str | dict | None = None,
    mode: str = ImportMode.ALL_OR_NOTHING,
    dry_run: bool = False,
    progress: ProgressCallback | None = None,
    error_report: TextIO | None = None,
    job: Job | None = None,
    limits: ImportLimits | None = None,
) -> ImportReport:
    """Import `source` (a path or a seekable byte stream) as records of `kind`; see the module docstring.

    `mapping` is a parsed spec, a mapping file, a mapping as a dict, or the slug of a saved
    `ColumnMapping`. `error_report`, when given, receives every error as CSV as it is found (the report
    keeps the first 10,000). `limits` (else the settings' `EXCHANGE_IMPORT_MAX_*`) bound the file: one
    beyond them is refused before it is parsed, or as soon as a row shows it (`limits.ImportLimits`).
    """
    if kind not in ImportKind.values:
        raise ValueError(f"unknown kind {kind!r}: one of {', '.join(ImportKind.values)}")
    if mode not in ImportMode.values:
        raise ValueError(f"unknown mode {mode!r}: one of {', '.join(ImportMode.values)}")
    name = file_name or (source.name if isinstance(source, Path) else "upload")
    report = ImportReport(kind=kind, file_name=Path(name).name, mode=mode, dry_run=dry_run)
    sink = ErrorSink(error_report)
    started = timezone.now()
    limits = limits or ImportLimits.from_settings()
    spec = _resolve_mapping(actor, mapping, kind, sink)
    refusal = _refusal(actor, kind)
    if refusal:
        sink.add(RowError(None, "", "", refusal))
    size, digest = 0, ""
    try:
        with _OpenedSource(source, limits) as (binary, size, digest):
            if spec is not None and not refusal:
                run = Run(
                    actor,
                    kind,
                    report.file_name,
                    spec,
                    mode,
                    dry_run,
                    report,
                    sink,
                    progress,
                    _defaults(actor, kind),
                    limits,
                )
                importer = import_observations if kind == ImportKind.OBSERVATIONS else import_records
                importer(run, binary, size)
    except LimitExceeded as too_large:  # raised on opening, before a byte is hashed or parsed
        sink.add(RowError(None, "", "", f"{report.file_name} {too_large}"))
    report.error_count = sink.count
    report.errors = sink.kept
    if report.written and report.created + report.revised + report.updated:
        report.run_uid = str(_record_run(actor, report, spec, size, digest, started, job).uid)
    if progress is not None:
        progress(1.0, "done")
    return report


def _refusal(actor: Actor, kind: str) -> str:
    if isinstance(actor, Platform):
        # `record_activity` has no operator mode: the platform writes observations, events and places only.
        if kind == ImportKind.ACTIVITIES:
            return f"importing {kind} needs a user to act for: name one (corridor import --user)"
        return ""
    if actor is None or not actor.is_authenticated:
        return "sign in to import records"
    return ""


def _defaults(actor: Actor, kind: str) -> dict[str, str]:
    """The owner of imported records, when the user edits for exactly one organisation."""
    if isinstance(actor, Platform) or actor is None:
        return {}
    from corridor.actors.models import Organisation

    editing = recording_organisation_ids(actor) or frozenset()
    if len(editing) != 1:
        return {}
    slug = Organisation.objects.filter(pk__in=editing).values_list("slug", flat=True).first()
    return {_OWNER_FIELD.get(kind, "owner"): slug} if slug else {}


def _resolve_mapping(
    actor: Actor, mapping: MappingSpec | Path | str | dict | None, kind: str, sink: ErrorSink
) -> MappingSpec | None:
    try:
        if mapping is None:
            return MappingSpec(kind=kind)
        if isinstance(mapping, MappingSpec):
            if mapping.kind not in (None, kind):
                raise MappingInvalid(
                    mapping.name or "mapping", [f"kind: the mapping is for {mapping.kind}, not {kind}"]
                )
            return mapping
        if isinstance(mapping, Path):
            return load_mapping_file(mapping, kind=kind)
        if isinstance(mapping, dict):
            return parse_mapping(mapping, origin="mapping", kind=kind)
        saved = get_column_mapping_for_user(actor, slug=mapping)
        if saved is None:
            raise MappingInvalid(mapping, ["no saved mapping has this name"])
        return parse_mapping(saved.spec, origin=saved.slug, kind=kind, default_name=saved.name)
    except MappingInvalid as invalid:
        for problem in invalid.problems:
            sink.add(RowError(None, f"mapping {invalid.origin}", "", problem))
        return None


class _OpenedSource:
    """The source as a seekable byte stream, with its size and SHA-256; `LimitExceeded` on entering for a
    source over the size limit, found before a byte of it is hashed or parsed."""

    def __init__(self, source: Path | BinaryIO, limits: ImportLimits) -> None:
        self.source = source
        self.limits = limits
        self.owned: IO[bytes] | None = None

    def __enter__(self) -> tuple[BinaryIO, int, str]:
        binary: BinaryIO
        if isinstance(self.source, Path):
            self.limits.check_size(self.source.stat().st_size)
            binary = self.source.open("rb")
            self.owned = binary
        elif self.source.seekable():
            binary = self.source
            binary.seek(0, 2)
            self.limits.check_size(binary.tell())
        else:
            binary = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)  # type: ignore[assignment]
            self.owned = binary
            try:
                _copy_at_most(self.source, binary, self.limits.max_bytes)
            except LimitExceeded:
                binary.close()
                raise
        binary.seek(0)
        digest = hashlib.sha256()
        size = 0
        while block := binary.read(1 << 20):
            digest.update(block)
            size += len(block)
        binary.seek(0)
        return binary, size, digest.hexdigest()

    def __exit__(self, *exc: object) -> None:
        if self.owned is not None:
            self.owned.close()


def _copy_at_most(source: IO[bytes], target: IO[bytes], limit: int) -> int:
    """Copy `source` to `target`; `LimitExceeded` as soon as it passes `limit` bytes."""
    copied = 0
    while block := source.read(1 << 20):
        copied += len(block)
        if copied > limit:
            ImportLimits(max_bytes=limit).check_size(copied)
        target.write(block)
    return copied


def _record_run(
    actor: Actor,
    report: ImportReport,
    spec: MappingSpec | None,
    size: int,
    digest: str,
    started: datetime,
    job: Job | None,
) -> ImportRun:
    return ImportRun.objects.create(
        uid=uuid.uuid4(),
        kind=report.kind,
        file_name=report.file_name[:255],
        file_sha256=digest,
        file_size=size,
        file_format=report.file_format,
        encoding=report.encoding[:32],
        mapping_name=(spec.name if spec else "")[:160],
        mode=report.mode,
        status=RunStatus.PARTIAL if report.error_count else RunStatus.SUCCEEDED,
        rows_read=report.rows_read,
        created=report.created,
        revised=report.revised,
        updated=report.updated,
        unchanged=report.unchanged,
        skipped=report.skipped,
        error_count=report.error_count,
        errors=[list(error.as_row()) for error in report.errors[: ImportRun.KEPT_ERRORS]],
        submitted_by=history_user(actor),
        job=job,
        started_at=started,
        finished_at=timezone.now(),
    )


@transaction.atomic
def save_column_mapping(
    *, actor: Actor, slug: str, name: str, kind: str, spec: dict, owner_id: int | None, description: str = ""
) -> ColumnMapping:
    """Save (or replace) a named mapping after checking it; `MappingInvalid` names what is wrong."""
    from corridor.core.services import require_can_write

    parse_mapping(spec, origin=slug, kind=kind)
    if not isinstance(actor, Platform):
        if owner_id is None and not may_share_mapping(actor):
            raise MappingInvalid(slug, ["owner: only an administrator saves a mapping shared by everyone"])
        if owner_id is not None:
            require_can_write(actor, owner_id=owner_id)
    mapping, _ = ColumnMapping.objects.update_or_create(
        slug=slug,
        defaults={
            "name": name,
            "kind": kind,
            "spec": spec,
            "description": description,
            "owner_id": owner_id,
            "created_by": history_user(actor),
        },
    )
    return mapping


class UploadTooLarge(ValueError):
    """An upload over the import size limit (`upload_limit_bytes`); the message names it."""


def upload_limit_bytes() -> int:
    """The largest file an import accepts (`EXCHANGE_IMPORT_MAX_BYTES`): interfaces refuse larger uploads."""
    return ImportLimits.from_settings().max_bytes


def stage_upload(*, stream: IO[bytes], file_name: str) -> Path:
    """Keep an uploaded file where a job worker can read it (see `corridor.exchange.jobs`).

    `UploadTooLarge` for a file over the import size limit, found while copying: nothing is kept.
    """
    folder = Path(getattr(settings, "EXCHANGE_UPLOAD_DIR", settings.VAR_DIR / "uploads"))
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{uuid.uuid4().hex}{Path(file_name).suffix.lower()[:10]}"
    try:
        with path.open("wb") as target:
            _copy_at_most(stream, target, upload_limit_bytes())
    except LimitExceeded as too_large:
        path.unlink(missing_ok=True)
        raise UploadTooLarge(f"{Path(file_name).name} {too_large}") from None
    return path
