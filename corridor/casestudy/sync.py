"""Idempotent writes: a record is saved only when what the files say differs from what is stored.

A second load of unchanged files therefore writes nothing: no new history rows, no version bumps, no
changed timestamps. Every write goes through `full_clean()` so model and database rules both hold.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, TypeVar

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db.models import DecimalField, Field, Model

from corridor.core.models import Citation, Source

M = TypeVar("M", bound=Model)

CHANGE_REASON = "case study load"


@dataclass
class SyncCounts:
    """How many rows each model gained, changed, kept and lost in one load."""

    created: Counter[str] = field(default_factory=Counter)
    updated: Counter[str] = field(default_factory=Counter)
    unchanged: Counter[str] = field(default_factory=Counter)
    deleted: Counter[str] = field(default_factory=Counter)

    @property
    def writes(self) -> int:
        return sum(self.created.values()) + sum(self.updated.values()) + sum(self.deleted.values())


class RecordInvalid(Exception):
    """A record broke a model rule; `messages` maps field names to what is wrong."""

    def __init__(self, messages: dict[str, list[str]]) -> None:
        self.messages = messages
        super().__init__("; ".join(f"{name}: {' '.join(texts)}" for name, texts in messages.items()))


def _concrete_field(instance: Model, name: str) -> Field:
    model_field = instance._meta.get_field(name)
    assert isinstance(model_field, Field), f"{name} is not a concrete field"
    return model_field


def _stored(instance: Model, name: str) -> Any:
    model_field = _concrete_field(instance, name)
    if model_field.many_to_one or model_field.one_to_one:
        return getattr(instance, model_field.attname)
    return getattr(instance, name)


def _wanted(instance: Model, name: str, value: Any) -> Any:
    if isinstance(value, Model):
        return value.pk
    model_field = _concrete_field(instance, name)
    if value is not None and isinstance(model_field, DecimalField):
        return Decimal(str(value)).quantize(Decimal(1).scaleb(-model_field.decimal_places))
    return value


def _differs(instance: Model, name: str, value: Any) -> bool:
    stored, wanted = _stored(instance, name), _wanted(instance, name, value)
    if isinstance(stored, Decimal) and wanted is not None:
        return stored != Decimal(str(wanted))
    return stored != wanted


def _save(instance: Model, reason: str) -> None:
    try:
        instance.full_clean()
    except ValidationError as error:
        raise RecordInvalid(
            error.message_dict if hasattr(error, "error_dict") else {"": error.messages}
        ) from None
    instance._change_reason = reason  # type: ignore[attr-defined]
    instance.save()


class Syncer:
    """Upserts records by natural key, keeping counts; one instance per load."""

    def __init__(self) -> None:
        self.counts = SyncCounts()
        self._citations: dict[type[Model], dict[int, list[tuple[int, str, str]]]] = {}

    def upsert(
        self,
        model: type[M],
        *,
        key: dict[str, Any],
        values: dict[str, Any],
        m2m: dict[str, Iterable[Model]] | None = None,
        existing: M | None = None,
    ) -> M:
        """Create or update the row matching `key` so it holds `values` and the `m2m` sets."""
        label = model._meta.label
        instance = existing if existing is not None else model._default_manager.filter(**key).first()
        saved = False
        if instance is None:
            instance = model(**key, **values)
            _save(instance, CHANGE_REASON)
            self.counts.created[label] += 1
            saved = True
        else:
            changed = [name for name, value in values.items() if _differs(instance, name, value)]
            if changed:
                for name in changed:
                    setattr(instance, name, values[name])
                if hasattr(instance, "version"):
                    instance.version += 1
                _save(instance, f"{CHANGE_REASON}: {', '.join(sorted(changed))}")
                self.counts.updated[label] += 1
                saved = True
        m2m_changed = []
        for name, targets in (m2m or {}).items():
            wanted = {target.pk for target in targets}
            manager = getattr(instance, name)
            if set(manager.values_list("pk", flat=True)) != wanted:
                manager.set(sorted(wanted))
                m2m_changed.append(name)
        if m2m_changed and not saved:
            if hasattr(instance, "version"):
                instance.version += 1
            _save(instance, f"{CHANGE_REASON}: {', '.join(m2m_changed)}")
            self.counts.updated[label] += 1
            saved = True
        if not saved:
            self.counts.unchanged[label] += 1
        return instance

    def replace_children(
        self,
        model: type[M],
        *,
        parent_field: str,
        parent: Model,
        rows: Sequence[dict[str, Any]],
        compare: Sequence[str],
    ) -> list[M]:
        """Make the parent's children equal `rows` (in order); untouched when they already are."""
        label = model._meta.label
        current = list(model._default_manager.filter(**{parent_field: parent}).order_by("position", "pk"))
        stored = [tuple(_stored(child, name) for name in compare) for child in current]
        probe = model(**{parent_field: parent})
        wanted = [tuple(_wanted(probe, name, row.get(name)) for name in compare) for row in rows]
        positions = [getattr(child, "position") for child in current]  # noqa: B009 - every child model orders by it
        if stored == wanted and positions == list(range(len(current))):
            self.counts.unchanged[label] += len(current)
            return current
        for child in current:
            child._change_reason = CHANGE_REASON  # type: ignore[attr-defined]
            child.delete()
        self.counts.deleted[label] += len(current)
        created = []
        for index, row in enumerate(rows):
            child = model(**{parent_field: parent}, position=index, **row)
            _save(child, CHANGE_REASON)
            created.append(child)
        self.counts.created[label] += len(created)
        return created

    def cite(self, instance: Model, citations: Sequence[tuple[Source, str, str]]) -> None:
        """Make `instance`'s citations exactly `citations` ((source, locator, quote) in order)."""
        model = type(instance)
        if model not in self._citations:
            content_type = ContentType.objects.get_for_model(model)
            by_object: dict[int, list[tuple[int, str, str]]] = {}
            for row in Citation.objects.filter(content_type=content_type).order_by("object_id", "position"):
                by_object.setdefault(row.object_id, []).append((row.source_id, row.locator, row.quote))
            self._citations[model] = by_object
        wanted = [(source.pk, locator, quote) for source, locator, quote in citations]
        if self._citations[model].get(instance.pk, []) == wanted:
            self.counts.unchanged["core.Citation"] += len(wanted)
            return
        content_type = ContentType.objects.get_for_model(model)
        stale = Citation.objects.filter(content_type=content_type, object_id=instance.pk)
        self.counts.deleted["core.Citation"] += len(self._citations[model].get(instance.pk, []))
        for row in stale:
            row.delete()
        for position, (source, locator, quote) in enumerate(citations):
            citation = Citation(
                source=source,
                locator=locator,
                quote=quote,
                position=position,
                content_type=content_type,
                object_id=instance.pk,
            )
            _save(citation, CHANGE_REASON)
        self.counts.created["core.Citation"] += len(citations)
        self._citations[model][instance.pk] = wanted
