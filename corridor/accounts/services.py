"""Writers for accounts: personal API tokens (created, listed, revoked; stored hashed), and the
classification an organisation's new records get by default."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from corridor.accounts.access import can_administer, default_classification
from corridor.accounts.choices import RecordKind
from corridor.accounts.models import ApiToken, ClassificationDefault, DateOrder, OrganisationSetting, User
from corridor.core.choices import Classification
from corridor.core.exceptions import NotFound, PermissionDenied, ValidationFailed

if TYPE_CHECKING:
    from corridor.accounts.access import Reader

TOKEN_PREFIX = "crd_"
_TOUCH_EVERY = timedelta(minutes=5)


@dataclass(frozen=True)
class NewToken:
    """A token just created: `secret` is shown to its owner once and never stored."""

    token: ApiToken
    secret: str


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


@transaction.atomic
def create_token(*, user: User, name: str) -> NewToken:
    """Create a personal API token for `user`."""
    if not name.strip():
        raise ValidationFailed({"name": ["give the token a name, e.g. 'UNHCR data sync'"]})
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user, name=name.strip()[:100], prefix=secret[:12], digest=_digest(secret)
    )
    return NewToken(token=token, secret=secret)


def revoke_token(*, user: User, token_id: int) -> ApiToken:
    """Revoke one of `user`'s tokens; another user's token does not exist for them."""
    token = ApiToken.objects.filter(user=user, pk=token_id).first()
    if token is None:
        raise NotFound("no such token")
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def user_for_token(secret: str) -> User | None:
    """The active user a live token belongs to, or None."""
    if not secret.startswith(TOKEN_PREFIX):
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(digest=_digest(secret), revoked_at__isnull=True)
        .first()
    )
    if token is None or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > _TOUCH_EVERY:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


def tokens_of(user: User) -> list[ApiToken]:
    return list(ApiToken.objects.filter(user=user))


@transaction.atomic
def set_classification_defaults(
    *, actor: Reader, organisation_id: int, defaults: dict[str, str]
) -> list[ClassificationDefault]:
    """Set, per kind of record, the classification `organisation_id`'s new records get when their author
    chooses none. Only the organisation's administrators (and platform administrators) may; history keeps
    who changed what."""
    if not can_administer(actor, owner_id=organisation_id):
        raise PermissionDenied("only an administrator of the organisation sets its defaults")
    problems = {
        kind: [f"{level!r} is not one of {', '.join(Classification.values)}"]
        for kind, level in defaults.items()
        if level not in Classification.values
    }
    problems.update({kind: ["not a kind of record"] for kind in defaults if kind not in RecordKind.values})
    if problems:
        raise ValidationFailed(problems)
    user = actor if actor is not None and actor.is_authenticated else None
    saved = []
    for kind, level in defaults.items():
        row = ClassificationDefault.objects.filter(organisation_id=organisation_id, kind=kind).first()
        if row is None:
            row = ClassificationDefault(organisation_id=organisation_id, kind=kind)
        elif row.classification == level:
            saved.append(row)
            continue
        row.classification, row.changed_by = level, user
        row._history_user = user  # type: ignore[attr-defined]
        row.full_clean()
        row.save()
        saved.append(row)
    return saved


def classification_defaults_of(organisation_id: int) -> dict[str, str]:
    """Each kind's default for the organisation (internal where none is set)."""
    return {kind: default_classification(organisation_id, kind) for kind in RecordKind.values}


def set_date_order(*, actor: Reader, organisation_id: int, order: str) -> OrganisationSetting:
    """Set which of day and month `organisation_id`'s members type first in a numeric date. Only the
    organisation's administrators (and platform administrators) may; history keeps who changed it."""
    if not can_administer(actor, owner_id=organisation_id):
        raise PermissionDenied("only an administrator of the organisation sets how its members write dates")
    if order not in DateOrder.values:
        raise ValidationFailed({"date_order": ["choose day first or month first"]})
    setting = OrganisationSetting.objects.filter(organisation_id=organisation_id).first()
    if setting is None:
        setting = OrganisationSetting(organisation_id=organisation_id)
    elif setting.date_order == order:
        return setting
    setting.date_order = order
    setting.changed_by = actor if actor is not None and actor.is_authenticated else None
    setting._history_user = setting.changed_by  # type: ignore[attr-defined]
    setting.full_clean()
    setting.save()
    return setting


def date_order_of(user: Reader) -> str:
    """The order `user` types numeric dates in: their first organisation's setting, day first otherwise."""
    if user is None or not user.is_authenticated:
        return DateOrder.DAY_FIRST
    order = (
        OrganisationSetting.objects.filter(
            organisation__memberships__user=user, organisation__memberships__is_active=True
        )
        .order_by("organisation__memberships__pk")
        .values_list("date_order", flat=True)
        .first()
    )
    return order or DateOrder.DAY_FIRST
