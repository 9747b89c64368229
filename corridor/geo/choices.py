from django.db import models


class OsceStatus(models.TextChoices):
    PARTICIPATING_STATE = "participating_state", "OSCE participating State"
    PARTNER_FOR_COOPERATION = "partner_for_cooperation", "OSCE Partner for Co-operation"
    NONE = "none", "Neither"


class NameAudience(models.TextChoices):
    """Who a name is written for. The neutral name is today's; others are kept for their period."""

    NEUTRAL = "neutral", "Neutral (today)"
    OSCE_OFFICIAL = "osce_official", "OSCE official usage"
    UN_OFFICIAL = "un_official", "UN official usage"
    LOCAL = "local", "Local usage"
    STATUS_NEUTRAL = "status_neutral", "Status-neutral"


class PlaceKind(models.TextChoices):
    REGION = "region", "Region"
    COUNTRY = "country", "Country or territory"
    ADMIN_AREA = "admin_area", "Administrative area"
    CITY = "city", "City or town"
    BORDER_CROSSING = "border_crossing", "Border crossing point"
    TRANSIT_CENTRE = "transit_centre", "Transit centre"
    RECEPTION_CENTRE = "reception_centre", "Reception centre"
    ONE_STOP_CENTRE = "one_stop_centre", "One-stop centre"
    CAMP = "camp", "Camp"
    FIELD_OFFICE = "field_office", "Field office"
    OTHER = "other", "Other"


SITE_KINDS = (
    PlaceKind.BORDER_CROSSING,
    PlaceKind.TRANSIT_CENTRE,
    PlaceKind.RECEPTION_CENTRE,
    PlaceKind.ONE_STOP_CENTRE,
    PlaceKind.CAMP,
    PlaceKind.FIELD_OFFICE,
)


class LinkMode(models.TextChoices):
    LAND = "land", "Land"
    SEA = "sea", "Sea"
    RAIL = "rail", "Rail"


class RouteNodeKind(models.TextChoices):
    SOURCE = "source", "Where people enter the route"
    TRANSIT = "transit", "Transit"
    BORDER = "border", "Border crossing"
    TOWN = "town", "Town or city"
    ALTERNATIVE = "alternative", "Alternative path"
    DESTINATION = "destination", "Destination"


class SeriesFrequency(models.TextChoices):
    """How often a route's series is counted; a monthly count is kept at month precision, never as a day."""

    DAY = "day", "Daily"
    WEEK = "week", "Weekly"
    MONTH = "month", "Monthly"


class LegBasis(models.TextChoices):
    DATA = "data", "From data"
    EDITORIAL = "editorial", "Editorial assumption"
