"""What the pages offer a user: a Record entry, imports, edit links — only what the user may then save —
and, when they reach something they may not do, why and whom to ask."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext

from corridor.accounts.access.records import access_for, can_edit, can_read

if TYPE_CHECKING:
    from corridor.accounts.access.records import Reader


def may_record(user: Reader) -> bool:
    """Whether `user` records anything at all: an editor, focal point, analyst or admin somewhere."""
    access = access_for(user)
    return access.superuser or bool(access.editing_organisation_ids)


def recording_organisation_ids(user: Reader) -> frozenset[int] | None:
    """The organisations `user` records for; None means any (a superuser)."""
    access = access_for(user)
    return None if access.superuser else access.editing_organisation_ids


def member_organisation_ids(user: Reader) -> frozenset[int]:
    """The organisations `user` is an active member of, whatever their role (none when signed out)."""
    return access_for(user).organisation_ids


def may_share_mapping(user: Reader) -> bool:
    """Whether `user` may save a column mapping shared by everyone (no owner): platform administrators."""
    return access_for(user).superuser


def may_import(user: Reader) -> bool:
    """Imports write records, so they are offered to those who record."""
    return may_record(user)


def may_change(user: Reader, *, classification: str, owner_id: int | None) -> bool:
    """Whether `user` may open a record's edit form and save it."""
    return can_read(user, classification=classification, owner_id=owner_id) and can_edit(
        user, owner_id=owner_id
    )


def refusal_reason(*, owner_name: str, action: str) -> str:
    """Why a change was refused and whom to ask, for the 403 page."""
    return gettext(
        "Only editors, focal points and administrators of %(owner)s may %(action)s. Ask a focal point or "
        "an administrator of %(owner)s to make the change, or to give you an editor's role."
    ) % {"owner": owner_name, "action": action}
