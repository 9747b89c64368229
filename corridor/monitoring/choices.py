from django.db import models


class Metric(models.TextChoices):
    ARRIVALS = "arrivals", "Arrivals"
    DEPARTURES = "departures", "Departures"
    TRANSITS = "transits", "Transits"
    PRESENT = "present", "Present (stock at a date)"
    REFUGEES_ABROAD = "refugees_abroad", "Refugees from here living abroad (stock at a date)"
    REGISTERED = "registered", "Registered"
    ASYLUM_APPLICATIONS = "asylum_applications", "Asylum applications"
    DEATHS = "deaths", "Deaths"


STOCKS = frozenset({Metric.PRESENT, Metric.REFUGEES_ABROAD})
"""Metrics that count people at a date (a stock); every other metric counts people over a period (a flow)."""


class ValueStatus(models.TextChoices):
    """A reported figure (zero included) is distinct from a source's explicit 'not available'."""

    REPORTED = "reported", "Reported"
    NOT_AVAILABLE = "not_available", "Not available (stated by the source)"


class ValueQualifier(models.TextChoices):
    EXACT = "exact", "exactly"
    ABOUT = "about", "about"
    MORE_THAN = "more_than", "more than"
    NEARLY = "nearly", "nearly"
    TARGET = "target", "target"


class Reliability(models.TextChoices):
    OFFICIAL = "official", "Official count"
    ESTIMATE = "estimate", "Estimate"
    UNVERIFIED = "unverified", "Unverified"


class Sex(models.TextChoices):
    ALL = "", "All"
    FEMALE = "female", "Female"
    MALE = "male", "Male"


class FindingAspect(models.TextChoices):
    STAFFING = "staffing", "Staffing"
    EQUIPMENT = "equipment", "Equipment"
    CORRUPTION_RISK = "corruption_risk", "Corruption risk"
    HUMANITARIAN_CONDITIONS = "humanitarian_conditions", "Humanitarian conditions"
    PREPAREDNESS = "preparedness", "Preparedness of authorities"
    OTHER = "other", "Other"


class Concern(models.TextChoices):
    NONE = "none", "No concern"
    MINOR = "minor", "Minor concern"
    SERIOUS = "serious", "Serious concern"
    CRITICAL = "critical", "Critical"
    NOT_ASSESSED = "not_assessed", "Not assessed"


class AgeGroup(models.TextChoices):
    """Age groups a count may be broken down by, as flow-monitoring forms ask (children and adults)."""

    ALL = "", "All ages"
    CHILDREN = "0-17", "Children (under 18)"
    ADULTS = "18+", "Adults (18 and over)"
