"""What the recording views share: which organisations a user records for, errors at the field, conflicts."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from django import forms
from django.core.exceptions import PermissionDenied as Forbidden
from django.db.models import Model, QuerySet
from django.http import QueryDict

from corridor.accounts.access import may_import, may_record, recording_organisation_ids
from corridor.actors.models import Organisation
from corridor.actors.selectors import organisations_visible_to
from corridor.core.exceptions import ConcurrentUpdate, PermissionDenied, ValidationFailed
from corridor.geo.selectors import places_visible_to

M = TypeVar("M", bound=Model)


def organisations_user_records_for(user: Any) -> QuerySet[Organisation]:
    """The organisations whose records the user may write (editor, focal point, analyst or admin there)."""
    organisations = organisations_visible_to(user)
    recording = recording_organisation_ids(user)
    if recording is None:
        return organisations.filter(kind__startswith="osce")
    return organisations.filter(pk__in=sorted(recording))


def require_may_record(request: Any) -> None:
    """403, saying why, unless the user records for an organisation (editor, focal point, analyst, admin)."""
    if not may_record(request.user):
        raise Forbidden(
            "Recording needs an editor's, focal point's, analyst's or administrator's role in an "
            "organisation; yours reads only. Ask a focal point or an administrator of your organisation."
        )


def require_may_import(request: Any) -> None:
    """403, saying why, unless the user may import (imports write records, as recording does)."""
    if not may_import(request.user):
        raise Forbidden(
            "Importing writes records, so it needs an editor's, focal point's, analyst's or administrator's "
            "role in an organisation; yours reads only. You may still export what you may read."
        )


def slugs_of(model: type[Model], pks: Iterable[int]) -> list[str]:
    """The slugs of `model`'s rows with these keys, in their order (for a form's initial choices)."""
    found = dict(model._default_manager.filter(pk__in=list(pks)).values_list("pk", "slug"))
    return [found[pk] for pk in pks if pk in found]


def recordable_places(user: Any) -> QuerySet[Any]:
    return places_visible_to(user).exclude(kind="region").order_by("name")


def event_places(user: Any) -> QuerySet[Any]:
    """Where an event or a meeting can be: any visible place, regions too."""
    return places_visible_to(user).order_by("name")


def with_hidden(chosen: Iterable[M], current: Iterable[M], visible: QuerySet[M]) -> list[M]:
    """The links chosen in a form plus the current ones the user cannot see (a form cannot drop those)."""
    seen = set(visible.values_list("pk", flat=True))
    return list(dict.fromkeys([*chosen, *(item for item in current if item.pk not in seen)]))


def as_text(value: Any) -> str:
    """A field's value as the conflict view shows it; several values are sorted and joined."""
    if isinstance(value, list | tuple):
        return ", ".join(sorted(str(item) for item in value))
    return "" if value is None else str(value).strip()


def posted(data: QueryDict, names: Iterable[str], *, several: Iterable[str] = ()) -> dict[str, str]:
    """What the user submitted for `names`, as text comparable with `as_text` of the saved record."""
    many = set(several)
    return {name: as_text(data.getlist(name) if name in many else data.get(name)) for name in names}


def show_service_errors(
    form: forms.Form, error: ValidationFailed, aliases: dict[str, str] | None = None
) -> None:
    """Put each service error on its form field (or on the form when it names none)."""
    for path, messages in error.errors.items():
        name = (aliases or {}).get(path, path.split(".")[0])
        for message in messages:
            form.add_error(name if name in form.fields else None, message)


def differences(mine: dict[str, Any], theirs: dict[str, Any]) -> list[tuple[str, Any, Any]]:
    """The fields where the user's edit and the saved version differ: (field, yours, saved)."""
    return [
        (name, mine.get(name), theirs.get(name))
        for name in mine
        if str(mine.get(name)) != str(theirs.get(name))
    ]


T = TypeVar("T")


def submitted(
    form: forms.Form,
    call: Callable[[], T],
    *,
    refused_field: str | None = None,
    aliases: dict[str, str] | None = None,
) -> T | None:
    """Run a service call for a valid form; put its refusals on the form and return None when it refused."""
    try:
        return call()
    except ValidationFailed as error:
        show_service_errors(form, error, aliases)
    except PermissionDenied as error:
        form.add_error(refused_field, str(error))
    return None


def submitted_change(
    form: forms.Form,
    call: Callable[[], T],
    *,
    mine: dict[str, Any],
    saved: Callable[[], tuple[dict[str, Any], int]],
    aliases: dict[str, str] | None = None,
) -> tuple[T | None, dict[str, Any] | None]:
    """Like `submitted`, for an edit: when someone saved first, return the differences instead.

    `saved` reads the record as it now is: (its fields, its version).
    """
    try:
        return submitted(form, call, aliases=aliases), None
    except ConcurrentUpdate:
        theirs, version = saved()
        return None, {"rows": differences(mine, theirs), "version": version}


def kept_rows(formset: Any) -> list[dict[str, Any]]:
    """The cleaned rows of a formset that the user filled in and did not mark for deletion."""
    return [f.cleaned_data for f in formset.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")]
