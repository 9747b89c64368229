"""Writing places: rights, validation, version and history, as for every other record.

An operator's command (`corridor import` without `--user`) acts with the database in hand and no user:
`as_operator=True` skips the rights check, never the validation, and history names no user.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import transaction

from corridor.accounts.access import new_record_classification, require_may_reclassify
from corridor.accounts.choices import RecordKind
from corridor.actors.models import Organisation
from corridor.core.services import (
    apply_changes,
    check_version,
    require_can_change,
    require_can_write,
    save_attributed,
    validated,
)
from corridor.geo.iso import iso_countries
from corridor.geo.models import Country, Place

if TYPE_CHECKING:
    from corridor.accounts.access import Reader


def record_place(
    *,
    actor: Reader,
    slug: str,
    owner: Organisation,
    as_operator: bool = False,
    reason: str = "recorded",
    **fields: Any,
) -> Place:
    """Create the place `slug` for `owner` with `fields` (name, kind, country, coordinates, life…).

    Without a `classification` in `fields`, the place takes the owner's default for places.
    """
    if not as_operator:
        require_can_write(actor, owner_id=owner.pk)
    fields["classification"] = new_record_classification(
        actor,
        owner_id=owner.pk,
        kind=RecordKind.PLACE,
        chosen=fields.get("classification"),
        as_operator=as_operator,
    )
    place = Place(slug=slug, owner=owner, **fields)
    return save_attributed(validated(place), actor=actor, reason=reason)


@transaction.atomic
def update_place(
    *,
    actor: Reader,
    place: Place,
    expected_version: int | None,
    as_operator: bool = False,
    reason: str = "changed",
    **changes: Any,
) -> Place:
    """Change a place; `expected_version` guards against overwriting someone else's save."""
    place = Place.objects.select_for_update().get(pk=place.pk)
    if not as_operator:
        require_can_change(actor, place)
    check_version(place, expected_version)
    if not as_operator and changes.get("classification"):
        require_may_reclassify(
            actor, owner_id=place.owner_id, old=place.classification, new=changes["classification"]
        )
    changed = apply_changes(place, changes)
    if changed:
        place.version += 1
        save_attributed(validated(place), actor=actor, reason=f"{reason}: {', '.join(sorted(changed))}")
    return place


def sync_iso_countries(country_model: Any = None) -> int:
    """Add every ISO 3166 country (and Kosovo) missing from the countries, and set every country's M49
    regions from the library list; returns how many rows were written.

    Idempotent: a second run writes nothing. A country already kept keeps its name, OSCE status and
    names per audience (the case study's reviewed data); only its M49 regions follow the list.
    `country_model` is the historical model when a migration calls this.
    """
    model = country_model or Country
    kept = {country.code: country for country in model.objects.all()}
    written = 0
    for entry in iso_countries():
        regions = {
            "m49_region": entry.region,
            "m49_subregion": entry.subregion,
            "m49_intermediate_region": entry.intermediate_region,
        }
        country = kept.get(entry.code)
        if country is None:
            model.objects.create(code=entry.code, alpha3=entry.alpha3, name=entry.name, **regions)
            written += 1
        elif any(getattr(country, field) != value for field, value in regions.items()):
            model.objects.filter(pk=country.pk).update(**regions)
            written += 1
    return written
