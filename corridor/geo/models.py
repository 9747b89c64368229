"""Countries and territories, places (from regions down to sites) and the route graph that links them."""

from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from corridor.core.models import ClassifiedRecord
from corridor.geo.choices import (
    LegBasis,
    LinkMode,
    NameAudience,
    OsceStatus,
    PlaceKind,
    RouteNodeKind,
    SeriesFrequency,
)


class Country(models.Model):
    """A country or territory by ISO 3166 code. Kosovo is `XK`/`XKX` (user-assigned), never part of RS."""

    code = models.CharField(
        max_length=2, unique=True, validators=[RegexValidator(r"^[A-Z]{2}$", "two capital letters")]
    )
    alpha3 = models.CharField(
        max_length=3, unique=True, validators=[RegexValidator(r"^[A-Z]{3}$", "three capital letters")]
    )
    name = models.CharField(max_length=120, help_text="Today's neutral English name.")
    osce_status = models.CharField(max_length=32, choices=OsceStatus.choices, default=OsceStatus.NONE)
    m49_region = models.CharField(max_length=40, blank=True, help_text="UN M49 region (Europe, Americas…).")
    m49_subregion = models.CharField(max_length=60, blank=True, help_text="UN M49 sub-region.")
    m49_intermediate_region = models.CharField(
        max_length=60, blank=True, help_text="UN M49 intermediate region, where M49 gives one."
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "countries"
        constraints = [
            models.CheckConstraint(condition=Q(code__regex=r"^[A-Z]{2}$"), name="geo_country_code_alpha2"),
            models.CheckConstraint(condition=Q(alpha3__regex=r"^[A-Z]{3}$"), name="geo_country_code_alpha3"),
        ]

    def __str__(self) -> str:
        return self.name


class CountryName(models.Model):
    """A name a country was or is called by for an audience, over a period (open ends allowed)."""

    country = models.ForeignKey(Country, on_delete=models.CASCADE, related_name="names")
    name = models.CharField(max_length=160)
    audience = models.CharField(max_length=32, choices=NameAudience.choices)
    valid_from = models.DateField(null=True, blank=True)
    valid_to = models.DateField(null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["country__name", "audience", "valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gte=F("valid_from")),
                name="geo_countryname_period_ordered",
            ),
            models.UniqueConstraint(fields=["country", "audience", "name"], name="geo_countryname_unique"),
        ]

    def __str__(self) -> str:
        return self.name


class Place(ClassifiedRecord):
    """A region, country, admin area, city or site, with coordinates where it is a point on the map."""

    slug = models.SlugField(max_length=80, unique=True)
    name = models.CharField(max_length=160)
    alternative_names = models.JSONField(default=list, blank=True)
    kind = models.CharField(max_length=24, choices=PlaceKind.choices, db_index=True)
    country = models.ForeignKey(
        Country, on_delete=models.PROTECT, null=True, blank=True, related_name="places"
    )
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )
    latitude = models.DecimalField(
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    coordinates_source = models.CharField(max_length=120, blank=True)
    opened_on = models.DateField(null=True, blank=True, help_text="First day the site operated, if known.")
    closed_on = models.DateField(null=True, blank=True, help_text="Last day the site operated, if known.")

    class Meta:
        ordering = ["name", "slug"]
        constraints = [
            models.CheckConstraint(
                condition=Q(latitude__isnull=True, longitude__isnull=True)
                | Q(latitude__isnull=False, longitude__isnull=False),
                name="geo_place_coordinates_both_or_neither",
            ),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True) | Q(latitude__gte=-90, latitude__lte=90),
                name="geo_place_latitude_range",
            ),
            models.CheckConstraint(
                condition=Q(longitude__isnull=True) | Q(longitude__gte=-180, longitude__lte=180),
                name="geo_place_longitude_range",
            ),
            models.CheckConstraint(
                condition=Q(kind="region") | Q(country__isnull=False), name="geo_place_country_unless_region"
            ),
            models.CheckConstraint(
                condition=Q(closed_on__isnull=True)
                | Q(opened_on__isnull=True)
                | Q(closed_on__gte=F("opened_on")),
                name="geo_place_life_ordered",
            ),
            models.CheckConstraint(condition=~Q(parent=F("id")), name="geo_place_not_own_parent"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def has_coordinates(self) -> bool:
        return self.latitude is not None and self.longitude is not None


class RouteLink(ClassifiedRecord):
    """A directed leg of the route between two places; the links make the route graph."""

    origin = models.ForeignKey(Place, on_delete=models.PROTECT, related_name="links_out")
    destination = models.ForeignKey(Place, on_delete=models.PROTECT, related_name="links_in")
    mode = models.CharField(max_length=8, choices=LinkMode.choices, default=LinkMode.LAND)
    distance_km = models.DecimalField(max_digits=7, decimal_places=1, null=True, blank=True)

    class Meta:
        ordering = ["origin__name", "destination__name", "mode"]
        constraints = [
            models.CheckConstraint(condition=~Q(origin=F("destination")), name="geo_routelink_distinct_ends"),
            models.CheckConstraint(
                condition=Q(distance_km__isnull=True) | Q(distance_km__gt=0),
                name="geo_routelink_distance_positive",
            ),
            models.UniqueConstraint(fields=["origin", "destination", "mode"], name="geo_routelink_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.origin} → {self.destination} ({self.mode})"


class Route(ClassifiedRecord):
    """A migration route as data: its nodes, the legs between them, the series that count flows along it
    and the closures in force. The forecasting and scenario engines read routes only from here."""

    slug = models.SlugField(max_length=80, unique=True)
    name = models.CharField(max_length=160)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["name", "slug"]

    def __str__(self) -> str:
        return self.name


class RouteNode(models.Model):
    """A point of a route's graph: where people are, with the daily share of them who set off.

    `key` names the node in the route's files and scenarios (`gevgelija`); `place` is the Corridor place it
    stands for, when there is one. Read through its route (not classified itself)."""

    route = models.ForeignKey(Route, on_delete=models.CASCADE, related_name="nodes")
    key = models.SlugField(max_length=80)
    label = models.CharField(max_length=160)
    country = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="route_nodes")
    place = models.ForeignKey(
        Place, on_delete=models.PROTECT, null=True, blank=True, related_name="route_nodes"
    )
    kind = models.CharField(max_length=16, choices=RouteNodeKind.choices, default=RouteNodeKind.TRANSIT)
    leave_rate = models.DecimalField(
        max_digits=5, decimal_places=4, validators=[MinValueValidator(0), MaxValueValidator(1)]
    )
    latitude = models.DecimalField(
        max_digits=8, decimal_places=5, validators=[MinValueValidator(-90), MaxValueValidator(90)]
    )
    longitude = models.DecimalField(
        max_digits=8, decimal_places=5, validators=[MinValueValidator(-180), MaxValueValidator(180)]
    )
    note = models.TextField(blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["route_id", "position", "key"]
        constraints = [
            models.UniqueConstraint(fields=["route", "key"], name="geo_routenode_unique_key"),
            models.CheckConstraint(
                condition=Q(leave_rate__gte=0, leave_rate__lte=1), name="geo_routenode_leave_rate_share"
            ),
        ]

    def __str__(self) -> str:
        return self.label


class RouteLeg(models.Model):
    """A directed leg between two nodes of one route: transit time, capacity (None: unlimited), the share of
    those leaving the origin who take it, and the weight it gets when a sibling leg closes."""

    route = models.ForeignKey(Route, on_delete=models.CASCADE, related_name="legs")
    origin = models.ForeignKey(RouteNode, on_delete=models.CASCADE, related_name="legs_out")
    destination = models.ForeignKey(RouteNode, on_delete=models.CASCADE, related_name="legs_in")
    transit_days = models.PositiveIntegerField(validators=[MinValueValidator(1)])
    capacity = models.PositiveIntegerField(
        null=True, blank=True, help_text="People per day; empty: unlimited."
    )
    share = models.DecimalField(max_digits=6, decimal_places=4, validators=[MinValueValidator(0)])
    divert_weight = models.DecimalField(max_digits=8, decimal_places=4, validators=[MinValueValidator(0)])
    basis = models.CharField(max_length=12, choices=LegBasis.choices, default=LegBasis.EDITORIAL)
    note = models.TextField(blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["route_id", "position"]
        constraints = [
            models.UniqueConstraint(fields=["origin", "destination"], name="geo_routeleg_unique"),
            models.CheckConstraint(condition=~Q(origin=F("destination")), name="geo_routeleg_distinct_ends"),
            models.CheckConstraint(condition=Q(transit_days__gte=1), name="geo_routeleg_transit_positive"),
            models.CheckConstraint(
                condition=Q(share__gte=0, divert_weight__gte=0), name="geo_routeleg_weights_nonnegative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.origin} → {self.destination}"


class RouteSeries(models.Model):
    """A series that counts flows along a route: the observations of one place and metric, from one source
    organisation, at one frequency. `key` names it in forecasts and alerts; `monitored` series are scanned
    for alerts. The node is where the scenario engine compares the series with its flows, if anywhere."""

    route = models.ForeignKey(Route, on_delete=models.CASCADE, related_name="series")
    key = models.SlugField(max_length=80)
    label = models.CharField(max_length=200)
    place = models.ForeignKey(Place, on_delete=models.PROTECT, related_name="route_series")
    metric = models.CharField(max_length=24)
    frequency = models.CharField(max_length=8, choices=SeriesFrequency.choices, default=SeriesFrequency.DAY)
    source_organisation = models.ForeignKey(
        "actors.Organisation", on_delete=models.PROTECT, related_name="route_series"
    )
    node = models.ForeignKey(
        RouteNode, on_delete=models.SET_NULL, null=True, blank=True, related_name="series"
    )
    monitored = models.BooleanField(default=False)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["route_id", "position"]
        verbose_name_plural = "route series"
        constraints = [
            models.UniqueConstraint(fields=["route", "key"], name="geo_routeseries_unique_key"),
            models.UniqueConstraint(fields=["route", "place", "metric"], name="geo_routeseries_unique_count"),
        ]

    def __str__(self) -> str:
        return self.label


class RouteClosure(models.Model):
    """A leg of a route closed from `start` to `end` inclusive (None: open-ended), as it happened."""

    route = models.ForeignKey(Route, on_delete=models.CASCADE, related_name="closures")
    leg = models.ForeignKey(RouteLeg, on_delete=models.CASCADE, related_name="closures")
    start = models.DateField()
    end = models.DateField(null=True, blank=True)
    label = models.CharField(max_length=300)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["route_id", "position"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=F("start")), name="geo_routeclosure_ordered"
            ),
        ]

    def __str__(self) -> str:
        return self.label
