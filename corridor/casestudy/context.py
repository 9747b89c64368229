"""What the kind loaders share in one load: problems, the syncer, and lookups of what is loaded."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import models

from corridor.casestudy.precision import finer_than_quotes
from corridor.casestudy.problems import Problems
from corridor.casestudy.quotes import is_in_study
from corridor.casestudy.reading import RawRecord
from corridor.casestudy.sync import Syncer
from corridor.core.choices import Classification
from corridor.core.dates import DateSpan, DateSpanError
from corridor.core.models import Source

STUDY_SOURCE = "study-2016"
DEFAULT_OWNER = "osce-secretariat-cpc"
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MAX_QUOTE = 400
SOURCE_FIELDS = frozenset({"section", "quote", "source", "locator"})
# Fields allowed inside nested blocks, by the kind and field that holds them.
NESTED_FIELDS: dict[str, dict[str, frozenset[str]]] = {
    "countries": {"names": frozenset({"name", "audience", "period"})},
    "organisations": {
        "field_operation": frozenset(
            {"headquarters", "offices", "interviewed", "interviewees", "engagement_note"}
        )
    },
    "mandates": {"clauses": frozenset({"ref", "text", "dimension", "topics", "sources"})},
    "recommendations": {"follow_ups": frozenset({"date", "text", "sources"})},
    "observations": {"breakdown": frozenset({"sex", "age_group", "nationality"})},
    "activities": {
        "quantities": frozenset({"name", "value", "unit", "qualifier"}),
        "training": frozenset({"audience", "participants", "target_total"}),
    },
    "meetings": {"action_points": frozenset({"text", "owner", "due", "status"})},
    "visits": {"findings": frozenset({"aspect", "concern", "text"})},
}
NESTED_BLOCKS: dict[str, frozenset[str]] = {
    "participants": frozenset({"institution", "total", "female", "male", "sex_not_recorded"}),
    "sources": SOURCE_FIELDS,
}


@dataclass
class LoadContext:
    problems: Problems = field(default_factory=Problems)
    syncer: Syncer = field(default_factory=Syncer)
    registry: dict[str, dict[str, Any]] = field(default_factory=dict)

    # -- registry of loaded records, by kind and natural key -----------------------------------------
    def register(self, kind: str, key: str, instance: Any) -> None:
        self.registry.setdefault(kind, {})[key] = instance

    def lookup(self, record: RawRecord, field_name: str, kind: str, key: Any) -> Any | None:
        """The loaded `kind` record with `key`, or a problem naming the unknown key and close matches."""
        known = self.registry.get(kind, {})
        if isinstance(key, str) and key in known:
            return known[key]
        close = _close_matches(str(key), known)
        hint = f" (did you mean {', '.join(close)}?)" if close else ""
        self.problem(record, field_name, f"unknown {kind} {key!r}{hint}")
        return None

    def lookup_many(self, record: RawRecord, field_name: str, kind: str) -> list[Any]:
        keys = record.get(field_name) or []
        if not isinstance(keys, list):
            self.problem(record, field_name, "must be a list")
            return []
        found = [self.lookup(record, f"{field_name}[{index}]", kind, key) for index, key in enumerate(keys)]
        return [item for item in found if item is not None]

    # -- problems -------------------------------------------------------------------------------------
    def problem(self, record: RawRecord, field_name: str, message: str) -> None:
        self.problems.add(record.file, record.line, field_name, message)

    # -- field readers -------------------------------------------------------------------------------
    def required(self, record: RawRecord, field_name: str) -> Any:
        value = record.get(field_name)
        if value is None or value == "" or value == []:
            self.problem(record, field_name, "is required")
            return None
        return value

    def text(self, record: RawRecord, field_name: str, *, required: bool = False, default: str = "") -> str:
        value = self.required(record, field_name) if required else record.get(field_name, default)
        if value is None:
            return default
        if not isinstance(value, str | int | float):
            self.problem(record, field_name, "must be text")
            return default
        return " ".join(str(value).split())

    def slug(self, record: RawRecord, field_name: str = "slug") -> str | None:
        value = self.required(record, field_name)
        if value is None:
            return None
        if not isinstance(value, str) or not SLUG.match(value):
            self.problem(record, field_name, f"{value!r} is not a slug (lower-case letters, digits, hyphens)")
            return None
        return value

    def choice(
        self,
        record: RawRecord,
        field_name: str,
        choices: type[models.TextChoices],
        *,
        default: str | None = None,
    ) -> str | None:
        value = record.get(field_name, default)
        if value is None:
            self.problem(record, field_name, "is required")
            return None
        if value not in choices.values:
            self.problem(record, field_name, f"{value!r} is not one of: {', '.join(choices.values)}")
            return None
        return str(value)

    def span(self, record: RawRecord, field_name: str, *, required: bool = True) -> DateSpan | None:
        value = record.get(field_name)
        if value is None or value == "":
            if required:
                self.problem(record, field_name, "is required")
            return None
        try:
            span = DateSpan.parse(str(value))
        except DateSpanError as error:
            self.problem(record, field_name, str(error))
            return None
        if (excess := finer_than_quotes(span, _quotes(record))) is not None:
            self.problem(record, field_name, excess)
        return span

    def classification(self, record: RawRecord) -> str:
        return (
            self.choice(record, "classification", Classification, default=Classification.PUBLIC) or "public"
        )

    def owner(self, record: RawRecord, default: Any = None) -> Any:
        """The owning organisation: the record's `owner`, else `default`, else the case study's maintainer."""
        if record.get("owner"):
            return self.lookup(record, "owner", "organisation", record.get("owner"))
        if default is not None and getattr(default, "is_osce", False):
            return default
        return self.registry["organisation"].get(DEFAULT_OWNER)

    def handling(self, record: RawRecord, lead: Any = None) -> dict[str, Any]:
        """The fields every classified record carries: classification, owner, editorial note."""
        return {
            "classification": self.classification(record),
            "owner": self.owner(record, lead),
            "note": self.text(record, "note"),
        }

    def check_fields(self, records: list[RawRecord], allowed: frozenset[str]) -> None:
        """A field the schema does not know is a problem, never silently dropped."""
        for record in records:
            for name in record.data:
                if name not in allowed:
                    close = _close_matches(name, dict.fromkeys(allowed))
                    hint = f" (did you mean {', '.join(close)}?)" if close else ""
                    self.problem(record, name, f"unknown field for {record.kind}{hint}")
            for index, entry in enumerate(record.get("sources") or []):
                self._check_nested(record, f"sources[{index}]", entry, SOURCE_FIELDS)
            for name, fields in NESTED_FIELDS.get(record.kind, {}).items():
                value = record.get(name)
                entries = value if isinstance(value, list) else [value] if isinstance(value, dict) else []
                for index, entry in enumerate(entries):
                    where = f"{name}[{index}]" if isinstance(value, list) else name
                    self._check_nested(record, where, entry, fields)

    def _check_nested(self, record: RawRecord, where: str, entry: Any, allowed: frozenset[str]) -> None:
        if not isinstance(entry, dict):
            return
        for name, value in entry.items():
            if name not in allowed:
                self.problem(
                    record, f"{where}.{name}", f"unknown field (expected: {', '.join(sorted(allowed))})"
                )
            elif name in NESTED_BLOCKS and isinstance(value, dict):
                self._check_nested(record, f"{where}.{name}", value, NESTED_BLOCKS[name])
            elif name in NESTED_BLOCKS and isinstance(value, list):
                for index, item in enumerate(value):
                    self._check_nested(record, f"{where}.{name}[{index}]", item, NESTED_BLOCKS[name])

    def citations(self, record: RawRecord, field_name: str = "sources") -> list[tuple[Source, str, str]]:
        """The record's sources as (source, locator, quote); every study quote must be in the study."""
        entries = record.get(field_name)
        if not entries:
            self.problem(record, field_name, "every record must cite at least one source")
            return []
        if not isinstance(entries, list):
            self.problem(record, field_name, "must be a list of {section, quote}")
            return []
        citations = []
        for index, entry in enumerate(entries):
            where = f"{field_name}[{index}]"
            if not isinstance(entry, dict):
                self.problem(record, where, "must be a mapping {section, quote}")
                continue
            source_slug = entry.get("source", STUDY_SOURCE)
            source = self.registry.get("source", {}).get(source_slug)
            if source is None:
                self.problem(record, f"{where}.source", f"unknown source {source_slug!r}")
                continue
            locator = str(entry.get("section", entry.get("locator", ""))).strip()
            quote = " ".join(str(entry.get("quote", "")).split())
            if not locator:
                self.problem(record, f"{where}.section", "is required")
                continue
            if source_slug == STUDY_SOURCE:
                if not quote:
                    self.problem(record, f"{where}.quote", "a study citation needs a quote")
                    continue
                if len(quote) > MAX_QUOTE:
                    self.problem(
                        record, f"{where}.quote", f"is {len(quote)} characters; keep it under {MAX_QUOTE}"
                    )
                if not is_in_study(quote):
                    self.problem(record, f"{where}.quote", f"not found in the study: {quote[:80]!r}")
            citations.append((source, locator, quote))
        return citations

    def each(self, records: list[RawRecord], load: Callable[[RawRecord], None]) -> None:
        """Load each record; a record's own problems do not stop the others from being checked."""
        from corridor.casestudy.sync import RecordInvalid

        for record in records:
            try:
                load(record)
            except RecordInvalid as error:
                for name, messages in error.messages.items():
                    self.problem(record, name, " ".join(messages))


def _quotes(record: RawRecord) -> list[str]:
    """The quotes of a record's sources (a nested entry's own, else its record's)."""
    entries = record.get("sources")
    if not isinstance(entries, list):
        return []
    return [str(entry.get("quote", "")) for entry in entries if isinstance(entry, dict)]


def _close_matches(key: str, known: dict[str, Any]) -> list[str]:
    from difflib import get_close_matches

    return get_close_matches(key, list(known), n=3, cutoff=0.75)


def unique_slugs(ctx: LoadContext, records: list[RawRecord], kind: str, key: str = "slug") -> list[RawRecord]:
    """Records whose key is valid and first of its name; duplicates become problems."""
    seen: dict[str, RawRecord] = {}
    kept = []
    for record in records:
        value = ctx.slug(record, key)
        if value is None:
            continue
        if value in seen:
            first = seen[value]
            ctx.problem(record, key, f"{kind} {value!r} is already defined at {first.file}:{first.line}")
            continue
        seen[value] = record
        kept.append(record)
    return kept
