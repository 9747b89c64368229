"""Which recorded observations make each of the engine's series, and which places the engine covers.

The engine names UNHCR's route series as the shipped file does (`fyrom`, `mainland_greece_departures`, …).
In the database they are country-level flow observations from UNHCR (`corridor realdata load`, mapping in
`casestudy/real/wb-route-daily-unhcr/mapping.yaml`): a country place and a metric. "Departures to mainland
Greece" is the metric `departures` at the place `greek-islands`.
"""

from __future__ import annotations

from dataclasses import dataclass

SOURCE = "unhcr"


@dataclass(frozen=True)
class SeriesKey:
    """The observations of one engine series: place slug and metric (source: UNHCR)."""

    place: str
    metric: str
    label: str


SERIES_KEYS: dict[str, SeriesKey] = {
    "greek_islands": SeriesKey("greek-islands", "arrivals", "Sea arrivals on the Greek islands"),
    "mainland_greece_departures": SeriesKey(
        "greek-islands", "departures", "Departures from the Greek islands to mainland Greece"
    ),
    "fyrom": SeriesKey("mk", "arrivals", "Arrivals in North Macedonia"),
    "serbia": SeriesKey("rs", "arrivals", "Arrivals in Serbia"),
    "croatia": SeriesKey("hr", "arrivals", "Arrivals in Croatia"),
    "slovenia": SeriesKey("si", "arrivals", "Arrivals in Slovenia"),
    "austria": SeriesKey("at", "arrivals", "Arrivals in Austria"),
}

# The six countries the British Red Cross forecast, downstream first (as the error table lists them).
MONITORED = ("austria", "slovenia", "croatia", "serbia", "fyrom", "mainland_greece_departures")


def series_for_place(place_slug: str) -> str | None:
    """The engine series of a place's arrivals (`mk` → `fyrom`), or None if the engine does not cover it."""
    for name, key in SERIES_KEYS.items():
        if key.place == place_slug and key.metric == "arrivals":
            return name
    return None


def series_named(text: str) -> str | None:
    """An engine series from its own name or from a place slug (`fyrom`, `mk`); None if neither."""
    if text in SERIES_KEYS:
        return text
    return series_for_place(text)
