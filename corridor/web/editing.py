"""What the recording views share: which organisations a user records for, errors at the field, conflicts."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django import forms
from django.db.models import QuerySet

from corridor.accounts.access import access_for
from corridor.actors.models import Organisation
from corridor.actors.selectors import organisations_visible_to
from corridor.core.exceptions import ConcurrentUpdate, PermissionDenied, ValidationFailed
from corridor.geo.selectors import places_visible_to


def organisations_user_records_for(user: Any) -> QuerySet[Organisation]:
    """The organisations whose records the user may write (editor, focal point, analyst or admin there)."""
    access = access_for(user)
    organisations = organisations_visible_to(user)
    if access.superuser:
        return organisations.filter(kind__startswith="osce")
    return organisations.filter(pk__in=sorted(access.editing_organisation_ids))


def recordable_places(user: Any) -> QuerySet[Any]:
    return places_visible_to(user).exclude(kind="region").order_by("name")


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
) -> tuple[T | None, dict[str, Any] | None]:
    """Like `submitted`, for an edit: when someone saved first, return the differences instead.

    `saved` reads the record as it now is: (its fields, its version).
    """
    try:
        return submitted(form, call), None
    except ConcurrentUpdate:
        theirs, version = saved()
        return None, {"rows": differences(mine, theirs), "version": version}
