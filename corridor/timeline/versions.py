"""The editable state of a timeline event, kept whole at each version (`core.versions`)."""

from __future__ import annotations

from corridor.actors.models import Organisation
from corridor.core.versions import Versioned, links, plain, span, text
from corridor.geo.models import Country, Place
from corridor.knowledge.models import Document
from corridor.timeline.models import Event

EVENTS = Versioned(
    Event,
    (
        plain("kind", "Kind"),
        text("title", "Title"),
        span("date", "When"),
        links("places", Place, "Places"),
        links("countries", Country, "Countries"),
        links("actors", Organisation, "Who acted"),
        links("documents", Document, "Documents"),
        text("description", "Description"),
        plain("classification", "Who may read it"),
        text("note", "Note"),
    ),
)
