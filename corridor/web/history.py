"""A record's history on its page — who changed what, when, from which value to which — and restoring an
earlier version, which saves it as a new version (history is never rewritten).

Each version whose whole state was kept (`core.Snapshot`) is compared with the one before it; changes made
before versions were kept whole are listed from the record's audit trail (who, when, which fields).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from corridor.accounts.access import may_change
from corridor.core.exceptions import ConcurrentUpdate, PermissionDenied, ValidationFailed
from corridor.core.merge import ROWS, changed_parts
from corridor.core.versions import part_labels, snapshots_of
from corridor.web.edit_flow import EditSpec, require_may_change, who_saved


@dataclass(frozen=True)
class Change:
    label: str
    before: str
    after: str


@dataclass(frozen=True)
class Version:
    number: int
    saved_at: Any
    saved_by: str
    reason: str
    changes: list[Change]
    restorable: bool


def _changes(
    spec: EditSpec, request: HttpRequest, before: dict[str, Any], after: dict[str, Any]
) -> list[Change]:
    names = changed_parts(spec.kind.shape, before, after)
    labels = part_labels(spec.kind, names)
    found = []
    for name, label in zip(names, labels, strict=True):
        if spec.kind.shape[name] == ROWS:
            old = [spec.describe(request, name, row) for row in before.get(name) or []]
            new = [spec.describe(request, name, row) for row in after.get(name) or []]
            found.append(Change(label, "; ".join(old) or "—", "; ".join(new) or "—"))
        else:
            found.append(
                Change(
                    label,
                    spec.describe(request, name, before.get(name)),
                    spec.describe(request, name, after.get(name)),
                )
            )
    return found


def history_context(request: HttpRequest, spec: EditSpec, record: Any) -> dict[str, Any]:
    """The versions of `record`, newest first, each with what changed and whether it may be restored."""
    snapshots = snapshots_of(record)
    editable = may_change(request.user, classification=record.classification, owner_id=record.owner_id)
    versions: list[Version] = []
    previous: dict[str, Any] | None = None
    for snapshot in snapshots:
        changes = _changes(spec, request, previous, snapshot.state) if previous is not None else []
        versions.append(
            Version(
                number=snapshot.version,
                saved_at=snapshot.saved_at,
                saved_by=who_saved(request.user, snapshot.saved_by, record),
                reason=snapshot.reason,
                changes=changes,
                restorable=editable and snapshot.version != record.version,
            )
        )
        previous = snapshot.state
    kept_from = snapshots[0].version if snapshots else record.version + 1
    earlier = [
        {
            "date": entry.history_date,
            "who": who_saved(request.user, entry.history_user, record),
            "reason": entry.history_change_reason or "",
        }
        for entry in record.history.filter(version__lt=kept_from).order_by("-history_date")[:50]
    ]
    return {
        "versions": list(reversed(versions)),
        "earlier": earlier,
        "restore_view": RESTORE_VIEWS[record._meta.model_name],
    }


RESTORE_VIEWS = {
    "monitoringvisit": "web:visit_restore",
    "event": "web:event_restore",
    "activity": "web:activity_restore",
    "meeting": "web:meeting_restore",
}
"""The page that restores a version of each kind of record with a history on its page."""


def restore_page(request: HttpRequest, spec: EditSpec, record: Any, version: int) -> HttpResponse:
    """GET: what restoring `version` would change; POST: save it as a new version."""
    require_may_change(request, record, owner=record.owner, noun=spec.noun)
    wanted = next((snapshot for snapshot in snapshots_of(record) if snapshot.version == version), None)
    if wanted is None or version == record.version:
        raise Http404("no such version")
    current = spec.kind.state_of(record)
    changes = _changes(spec, request, current, wanted.state)
    if request.method == "POST":
        try:
            saved = spec.save(request, record, record.version, spec.kind.changes_to(current, wanted.state))
        except ConcurrentUpdate:
            messages.error(request, "Someone saved this record meanwhile: look at its history again.")
        except (ValidationFailed, PermissionDenied) as refused:
            messages.error(request, f"Version {version} could not be restored: {refused}")
        else:
            messages.success(request, f"Version {version} restored as version {saved.version}.")
            return spec.done(saved)
        return spec.done(record)
    return render(
        request,
        "web/restore.html",
        {
            "title": f"Restore version {version}",
            "record": record,
            "version": version,
            "changes": changes,
            "cancel_url": spec.cancel_url(record),
        },
    )
