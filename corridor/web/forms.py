"""Forms for the daily records. They parse and check input; the services decide and write."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.forms import formset_factory
from django.forms.models import ModelChoiceIterator
from django.utils import timezone

from corridor.accounts.access import can_approve, default_classification
from corridor.actors.models import Organisation
from corridor.core.choices import Classification
from corridor.core.dates import DatePrecision, DateSpan, DateSpanError
from corridor.core.typed_dates import example, read_date
from corridor.geo.choices import SITE_KINDS, PlaceKind
from corridor.geo.models import Place
from corridor.monitoring.choices import AgeGroup, Concern, FindingAspect, Metric, Sex, ValueStatus
from corridor.monitoring.services import Breakdown, TallyLine
from corridor.operations.choices import ActionPointStatus, ActivityCategory, Funding, Recurrence
from corridor.timeline.choices import EventKind

# Empty rows offered under a record's findings, participants or action points; unfilled ones are left out.
ROWS_OFFERED = 3
SEVERAL_HELP = "Hold Ctrl (or ⌘) to choose several."
DATE_HELP = (
    "As precise as you know it: a day (7.12.2026 or 2026-12-07, “today”), a month (December 2026), "
    "early 2016, summer 2015, or a range: 2015-06/2015-07."
)


def typed_date(text: str) -> DateSpan:
    """A date as the user typed it, read in their organisation's order (see `core.typed_dates`)."""
    return read_date(text, today=timezone.localdate())


class DateSpanField(forms.Field):
    """A date with its precision, typed as people write dates (`core.typed_dates`).

    `day=True` asks for one day: the browser's own date picker, "today" by default where the form sets it,
    and a plain refusal of a month or a season."""

    widget = forms.TextInput

    def __init__(self, *, day: bool = False, **kwargs: Any) -> None:
        self.day = day
        if day:
            kwargs.setdefault("widget", forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
            kwargs.setdefault("help_text", "The day: pick it, or type 7.12.2026, “today” or “yesterday”.")
        kwargs.setdefault("help_text", DATE_HELP)
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> DateSpan | None:
        text = str(value or "").strip()
        if not text:
            return None
        if len(text) > 60:
            raise forms.ValidationError("Keep the date to 60 characters, e.g. 2015-06/2015-07.")
        try:
            span = typed_date(text)
        except DateSpanError as error:
            raise forms.ValidationError(str(error)) from None
        if self.day and span.precision != DatePrecision.DAY:
            today = timezone.localdate()
            raise forms.ValidationError(
                f"“{text}” is {span.text()}; give one day, e.g. {example(today)} or “today”."
            )
        return span

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, DateSpan):
            return (
                value.start.isoformat() if self.day and value.precision == DatePrecision.DAY else value.code
            )
        if isinstance(value, date):
            return value.isoformat()
        return value


PLACE_GROUPS = (
    ("Sites", tuple(SITE_KINDS)),
    ("Cities and areas", (PlaceKind.CITY, PlaceKind.ADMIN_AREA)),
    ("Countries and territories", (PlaceKind.COUNTRY,)),
    ("Regions", (PlaceKind.REGION,)),
)


class PlacesByKind(ModelChoiceIterator):
    """A place menu in groups: the user's own places first (`field.yours`, where their operation works),
    then sites (where a visit or a count is), cities, countries, regions, each by the queryset's order;
    places of any other kind come last, under "Other"."""

    def __iter__(self) -> Any:
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        places = list(self.queryset)
        yours: set[int] = getattr(self.field, "yours", set())
        if yours:
            rank = {kind: index for index, (_, kinds) in enumerate(PLACE_GROUPS) for kind in kinds}
            mine = sorted((p for p in places if p.pk in yours), key=lambda p: rank.get(p.kind, len(rank)))
            first = [self.choice(place) for place in mine]
            if first:
                yield ("Where your operation works", first)
            places = [place for place in places if place.pk not in yours]
        grouped = {kind for _, kinds in PLACE_GROUPS for kind in kinds}
        for label, kinds in (*PLACE_GROUPS, ("Other", ())):
            members = [
                self.choice(place)
                for place in places
                if (place.kind in kinds if kinds else place.kind not in grouped)
            ]
            if members:
                yield (label, members)


def _other_names(option: dict[str, Any], value: Any) -> dict[str, Any]:
    """Give an option the record's other names (a place's names in other languages and spellings), which
    the combobox searches beside its label."""
    names = getattr(getattr(value, "instance", None), "alternative_names", None)
    if names:
        option["attrs"]["data-names"] = " ".join(str(name) for name in names)
    return option


class SearchableSelect(forms.Select):
    """A menu of records that becomes a type-ahead combobox when long (corridor.js); a plain menu without
    JavaScript."""

    def __init__(self, attrs: Any = None, choices: Any = ()) -> None:
        super().__init__({"data-combobox": "", **(attrs or {})}, choices)

    def create_option(self, name: str, value: Any, *args: Any, **kwargs: Any) -> dict[str, Any]:
        return _other_names(super().create_option(name, value, *args, **kwargs), value)


class SearchableSelectMultiple(forms.SelectMultiple):
    """Several records chosen from a long list: a combobox with the chosen ones listed, each removable."""

    def __init__(self, attrs: Any = None, choices: Any = ()) -> None:
        super().__init__({"data-combobox": "", **(attrs or {})}, choices)

    def create_option(self, name: str, value: Any, *args: Any, **kwargs: Any) -> dict[str, Any]:
        return _other_names(super().create_option(name, value, *args, **kwargs), value)


class PlaceChoiceField(forms.ModelChoiceField):
    iterator = PlacesByKind
    widget = SearchableSelect


class PlacesChoiceField(forms.ModelMultipleChoiceField):
    iterator = PlacesByKind
    widget = SearchableSelectMultiple


class RecentFirst(ModelChoiceIterator):
    """An organisation menu with the ones used lately first (`field.recent`, in that order), then all."""

    def __iter__(self) -> Any:
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        records = list(self.queryset)
        recent = list(getattr(self.field, "recent", ()))
        if not recent:
            yield from (self.choice(record) for record in records)
            return
        by_pk = {record.pk: record for record in records}
        yield ("Used lately", [self.choice(by_pk[pk]) for pk in recent if pk in by_pk])
        yield ("All organisations", [self.choice(record) for record in records if record.pk not in recent])


class OrganisationChoiceField(forms.ModelChoiceField):
    iterator = RecentFirst
    widget = SearchableSelect


class OrganisationsChoiceField(forms.ModelMultipleChoiceField):
    widget = SearchableSelectMultiple


def preselect_only_choice(form: forms.Form, name: str) -> None:
    """Choose `name`'s one choice for a new, unfilled form: a focal point of one operation records for it."""
    field = form.fields[name]
    if form.is_bound or form.initial.get(name):
        return
    choices = list(field.queryset[:2])  # type: ignore[attr-defined]
    if len(choices) == 1:
        form.initial[name] = getattr(choices[0], field.to_field_name or "pk")  # type: ignore[attr-defined]


READERS = {
    Classification.PUBLIC: "Public — anyone, also without signing in, and partners through the API",
    Classification.INTERNAL: "Internal — members of OSCE structures and field operations, cleared analysts",
    Classification.RESTRICTED: "Restricted — only your organisation, and analysts cleared to restricted",
}
"""Who will see a record at each classification, as the form's choices say it."""


class ClassificationField(forms.ChoiceField):
    """Who may read the record, chosen among the levels with whom each reaches; no level is implied."""

    widget = forms.RadioSelect

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("label", "Who may read it")
        kwargs.setdefault("choices", list(READERS.items()))
        super().__init__(**kwargs)


def offer_classification(
    form: forms.Form, *, user: Any, owners: Any, kind: str, current: str = "", default_owner: Any = None
) -> None:
    """Fit the form's classification to the writer: `public` is offered only to those who may publish for
    one of `owners` (the service refuses it for any other owner, at the field); a new record starts at the
    owner's default for `kind` (`default_owner`, else the first of `owners`), which the user sees chosen."""
    field = form.fields["classification"]
    owners = list(owners)
    publishes = any(can_approve(user, owner_id=owner.pk) for owner in owners)
    if not publishes and current != Classification.PUBLIC:
        field.choices = [(value, label) for value, label in READERS.items() if value != Classification.PUBLIC]  # type: ignore[attr-defined]
        field.help_text = "A focal point or an administrator of your organisation makes records public."
    if not form.is_bound and not form.initial.get("classification"):
        owner = default_owner if default_owner is not None else (owners[0] if owners else None)
        default = default_classification(owner.pk if owner is not None else None, kind)
        if default == Classification.PUBLIC and not can_approve(user, owner_id=owner.pk if owner else None):
            default = Classification.INTERNAL
        form.initial["classification"] = default


class VersionedForm(forms.Form):
    """A form that edits a record: `version` is the version the user started from."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class OvernightSelect(forms.NullBooleanSelect):
    """Yes / no / not recorded; a saved True or False shows as chosen (the values are Django's own)."""

    def __init__(self, attrs: Any = None) -> None:
        super().__init__(attrs)
        self.choices = [("unknown", "Not recorded"), ("true", "Yes, stayed overnight"), ("false", "No")]


class VisitForm(VersionedForm):
    operation = OrganisationChoiceField(queryset=Organisation.objects.none(), to_field_name="slug")
    places = PlacesChoiceField(
        queryset=Place.objects.none(), to_field_name="slug", help_text="Hold Ctrl (or ⌘) to choose several."
    )
    date = DateSpanField(label="When")
    team = forms.CharField(max_length=160, required=False)
    overnight = forms.NullBooleanField(required=False, widget=OvernightSelect)
    purpose = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)
    follow_up = forms.CharField(label="Follow-up", widget=forms.Textarea(attrs={"rows": 2}), required=False)
    classification = ClassificationField()

    def __init__(self, *args: Any, operations: Any, places: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["operation"].queryset = operations  # type: ignore[attr-defined]
        self.fields["places"].queryset = places  # type: ignore[attr-defined]
        preselect_only_choice(self, "operation")


class RowForm(forms.Form):
    """A row of a record (a finding, a participant, an action point): `uid` names a saved row."""

    uid = forms.CharField(widget=forms.HiddenInput, required=False)


class FindingForm(RowForm):
    # The menus' first choices as initial values: a row left as it was shown is unchanged, so left out.
    aspect = forms.ChoiceField(choices=FindingAspect.choices, initial=FindingAspect.choices[0][0])
    concern = forms.ChoiceField(choices=Concern.choices, initial=Concern.choices[0][0])
    text = forms.CharField(label="What was seen", widget=forms.Textarea(attrs={"rows": 2}))


FindingFormSet = formset_factory(FindingForm, extra=ROWS_OFFERED, can_delete=True)


class EventForm(VersionedForm):
    """An event to record (with `owners` to choose from) or to edit (`owners=None`: the owner stays)."""

    owner = OrganisationChoiceField(
        queryset=Organisation.objects.none(), to_field_name="slug", label="Recorded for"
    )
    kind = forms.ChoiceField(choices=[("", "Choose what kind of event"), *EventKind.choices], label="Kind")
    title = forms.CharField(max_length=200)
    date = DateSpanField(label="When")
    places = PlacesChoiceField(
        queryset=Place.objects.none(), to_field_name="slug", required=False, help_text=SEVERAL_HELP
    )
    actors = OrganisationsChoiceField(
        queryset=Organisation.objects.none(),
        to_field_name="slug",
        required=False,
        label="Who acted",
        help_text=SEVERAL_HELP,
    )
    description = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)
    classification = ClassificationField()

    def __init__(
        self, *args: Any, owners: Any = None, places: Any, organisations: Any = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        if owners is None:
            del self.fields["owner"]
        else:
            self.fields["owner"].queryset = owners  # type: ignore[attr-defined]
            preselect_only_choice(self, "owner")
        self.fields["places"].queryset = places  # type: ignore[attr-defined]
        if organisations is None:
            del self.fields["actors"]
        else:
            self.fields["actors"].queryset = organisations  # type: ignore[attr-defined]


class ActivityForm(VersionedForm):
    lead = OrganisationChoiceField(
        queryset=Organisation.objects.none(), to_field_name="slug", label="Lead operation"
    )
    title = forms.CharField(max_length=200)
    category = forms.ChoiceField(choices=ActivityCategory.choices)
    date = DateSpanField(label="When")
    places = PlacesChoiceField(queryset=Place.objects.none(), to_field_name="slug", required=False)
    partners = OrganisationsChoiceField(
        queryset=Organisation.objects.none(), to_field_name="slug", required=False
    )
    funding = forms.ChoiceField(choices=Funding.choices, initial=Funding.UNKNOWN)
    description = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)
    classification = ClassificationField()
    training_audience = forms.CharField(
        max_length=300,
        required=False,
        label="Training: who it is for",
        help_text="Fill in for a training; participants below.",
    )
    training_target = forms.IntegerField(
        min_value=0, required=False, label="Training: how many it aims to reach"
    )

    def __init__(self, *args: Any, leads: Any, places: Any, partners: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["lead"].queryset = leads  # type: ignore[attr-defined]
        preselect_only_choice(self, "lead")
        self.fields["places"].queryset = places  # type: ignore[attr-defined]
        self.fields["partners"].queryset = partners  # type: ignore[attr-defined]


class ParticipationForm(RowForm):
    institution_name = forms.CharField(max_length=200, label="Institution")
    total = forms.IntegerField(min_value=0)
    female = forms.IntegerField(min_value=0, required=False)
    male = forms.IntegerField(min_value=0, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        by_sex = (data.get("female") or 0) + (data.get("male") or 0)
        if data.get("total") is not None and by_sex > data["total"]:
            self.add_error("total", "Female and male counted add up to more than the total.")
        return data


ParticipationFormSet = formset_factory(ParticipationForm, extra=ROWS_OFFERED, can_delete=True)


class MeetingForm(VersionedForm):
    """A meeting to record (with `owners` to choose from) or to edit (`owners=None`: the owner stays)."""

    owner = OrganisationChoiceField(
        queryset=Organisation.objects.none(), to_field_name="slug", label="Recorded for"
    )
    title = forms.CharField(max_length=200)
    date = DateSpanField(label="When")
    place = PlaceChoiceField(
        queryset=Place.objects.none(), to_field_name="slug", required=False, label="Where"
    )
    convenor = OrganisationChoiceField(
        queryset=Organisation.objects.none(), to_field_name="slug", required=False
    )
    participants = OrganisationsChoiceField(
        queryset=Organisation.objects.none(), to_field_name="slug", required=False, help_text=SEVERAL_HELP
    )
    recurrence = forms.ChoiceField(choices=Recurrence.choices)
    agenda = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False)
    decisions = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), required=False, help_text="One decision per line."
    )
    classification = ClassificationField()

    def __init__(
        self, *args: Any, owners: Any = None, organisations: Any, places: Any = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        if owners is None:
            del self.fields["owner"]
        else:
            self.fields["owner"].queryset = owners  # type: ignore[attr-defined]
            preselect_only_choice(self, "owner")
        if places is None:
            del self.fields["place"]
        else:
            self.fields["place"].queryset = places  # type: ignore[attr-defined]
        self.fields["convenor"].queryset = organisations  # type: ignore[attr-defined]
        self.fields["participants"].queryset = organisations  # type: ignore[attr-defined]

    def decision_texts(self) -> list[str]:
        """The decisions typed, one per non-empty line, in order."""
        return [line.strip() for line in self.cleaned_data["decisions"].splitlines() if line.strip()]


class ActionPointForm(forms.Form):
    text = forms.CharField(label="Action", max_length=500)
    responsible = OrganisationChoiceField(
        queryset=Organisation.objects.none(), to_field_name="slug", required=False
    )
    due = DateSpanField(required=False, help_text="e.g. 2016-03-11")
    status = forms.ChoiceField(choices=ActionPointStatus.choices, initial=ActionPointStatus.OPEN)

    def __init__(self, *args: Any, organisations: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if organisations is not None:
            self.fields["responsible"].queryset = organisations  # type: ignore[attr-defined]


ActionPointFormSet = formset_factory(ActionPointForm, extra=ROWS_OFFERED, can_delete=True)


class ActionPointEditForm(VersionedForm, ActionPointForm):
    """One action point on its own: add it to a meeting, or change it from the version it started from."""


TALLY_PARTS: tuple[tuple[str, str, Breakdown], ...] = (
    ("female", "Female", Breakdown(sex=Sex.FEMALE)),
    ("male", "Male", Breakdown(sex=Sex.MALE)),
    ("children", "Children (under 18)", Breakdown(age_group=AgeGroup.CHILDREN)),
    ("adults", "Adults (18 and over)", Breakdown(age_group=AgeGroup.ADULTS)),
)
"""The parts of a metric a tally sheet asks for, beside its total: by sex first, then by age."""

TALLY_OPEN = (Metric.ARRIVALS, Metric.DEPARTURES, Metric.TRANSITS, Metric.PRESENT)
"""The metrics a site's day shows open; the others are a tap away, under "More figures"."""

NATIONALITY_ROWS = 3


class TallySheetForm(forms.Form):
    """A site's day at once: each metric's total, its parts by sex and age, and figures by nationality.

    Fields per metric: `<metric>` (the total), `<metric>_<part>` for each of `TALLY_PARTS`, `<metric>_na`
    (the source said "not available"); nationality rows are `nationality_<n>_metric|code|value`."""

    owner = OrganisationChoiceField(
        queryset=Organisation.objects.none(), to_field_name="slug", label="Recorded for"
    )
    place = PlaceChoiceField(queryset=Place.objects.none(), to_field_name="slug", label="Site")
    date = DateSpanField(day=True, label="Day")
    source_organisation = OrganisationChoiceField(
        queryset=Organisation.objects.none(), to_field_name="slug", label="Source of the figures"
    )
    classification = ClassificationField()
    note = forms.CharField(
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Optional: how the figures were given (e.g. “police, 18:00”).",
    )

    def __init__(
        self, *args: Any, owners: Any, places: Any, sources: Any, nationalities: Any, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners  # type: ignore[attr-defined]
        preselect_only_choice(self, "owner")
        self.fields["place"].queryset = places  # type: ignore[attr-defined]
        self.fields["source_organisation"].queryset = sources  # type: ignore[attr-defined]
        for metric, label in Metric.choices:
            self.fields[metric] = forms.IntegerField(min_value=0, required=False, label=f"{label}: total")
            for part, part_label, _ in TALLY_PARTS:
                self.fields[f"{metric}_{part}"] = forms.IntegerField(
                    min_value=0, required=False, label=f"{label}: {part_label.lower()}"
                )
            self.fields[f"{metric}_na"] = forms.BooleanField(
                required=False, label=f"{label}: the source said “not available”"
            )
        nationality_choices = [("", "—"), *((country.code, country.name) for country in nationalities)]
        metric_choices = [("", "—"), *Metric.choices]
        for row in range(NATIONALITY_ROWS):
            self.fields[f"nationality_{row}_metric"] = forms.ChoiceField(
                choices=metric_choices, required=False, label="Figure"
            )
            self.fields[f"nationality_{row}_code"] = forms.ChoiceField(
                choices=nationality_choices, required=False, label="Nationality", widget=SearchableSelect
            )
            self.fields[f"nationality_{row}_value"] = forms.IntegerField(
                min_value=0, required=False, label="Count"
            )

    def metric_groups(self) -> list[dict[str, Any]]:
        """Per metric, its fields as the page lays them out (open ones first)."""
        return [
            {
                "metric": metric,
                "label": label,
                "open": metric in TALLY_OPEN,
                "total": self[metric],
                "parts": [self[f"{metric}_{part}"] for part, _, _ in TALLY_PARTS],
                "not_available": self[f"{metric}_na"],
            }
            for metric, label in Metric.choices
        ]

    def nationality_rows(self) -> list[tuple[Any, Any, Any]]:
        return [
            (
                self[f"nationality_{row}_metric"],
                self[f"nationality_{row}_code"],
                self[f"nationality_{row}_value"],
            )
            for row in range(NATIONALITY_ROWS)
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for metric, label in Metric.choices:
            given = [data.get(f"{metric}_{part}") for part, _, _ in TALLY_PARTS]
            if data.get(f"{metric}_na") and (
                data.get(metric) is not None or any(v is not None for v in given)
            ):
                self.add_error(f"{metric}_na", f"{label}: either figures or “not available”, not both.")
        for row in range(NATIONALITY_ROWS):
            chosen, code, value = (
                data.get(f"nationality_{row}_{name}") for name in ("metric", "code", "value")
            )
            filled = [bool(chosen), bool(code), value is not None]
            if any(filled) and not all(filled):
                self.add_error(
                    f"nationality_{row}_value"
                    if value is None
                    else f"nationality_{row}_metric"
                    if not chosen
                    else f"nationality_{row}_code",
                    "A figure by nationality needs the figure, the nationality and the count.",
                )
        if not self.lines() and not self.errors:
            raise forms.ValidationError(
                "Give at least one figure, or tick “not available” where the source said so."
            )
        return data

    def lines(self) -> list[TallyLine]:
        """The figures typed, as the lines of one day (empty fields are left out)."""
        return [line for line, _ in self.lines_with_fields()]

    def lines_with_fields(self) -> list[tuple[TallyLine, str]]:
        """Each line typed and the field it came from (where a refusal of that line is shown)."""
        data = self.cleaned_data
        lines: list[tuple[TallyLine, str]] = []
        for metric, _ in Metric.choices:
            if data.get(f"{metric}_na"):
                lines.append(
                    (TallyLine(metric, None, value_status=ValueStatus.NOT_AVAILABLE), f"{metric}_na")
                )
                continue
            if data.get(metric) is not None:
                lines.append((TallyLine(metric, data[metric]), metric))
            for part, _, breakdown in TALLY_PARTS:
                if data.get(f"{metric}_{part}") is not None:
                    lines.append((TallyLine(metric, data[f"{metric}_{part}"], breakdown), f"{metric}_{part}"))
        for row in range(NATIONALITY_ROWS):
            chosen, code, value = (
                data.get(f"nationality_{row}_{name}") for name in ("metric", "code", "value")
            )
            if chosen and code and value is not None:
                lines.append(
                    (TallyLine(chosen, value, Breakdown(nationality=code)), f"nationality_{row}_value")
                )
        return lines
