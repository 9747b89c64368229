"""Places sit where they should: inside their own country's outline, Kosovo its own territory."""

import pytest

from corridor.geo.models import Place
from corridor.geo.outlines import contains, distance_to_border_km, outlines

# The outlines are Natural Earth 1:10m: a village on the border (Idomeni) can fall a few hundred metres out.
BORDER_TOLERANCE_KM = 1.0


@pytest.mark.django_db
def test_every_place_on_the_route_lies_inside_its_own_country() -> None:
    covered = Place.objects.filter(latitude__isnull=False, country__code__in=list(outlines()))
    misplaced = []
    for place in covered.select_related("country"):
        latitude, longitude = float(place.latitude), float(place.longitude)
        code = place.country.code
        if not contains(code, latitude=latitude, longitude=longitude):
            off_by = distance_to_border_km(code, latitude=latitude, longitude=longitude)
            if off_by > BORDER_TOLERANCE_KM:
                misplaced.append((place.slug, code, round(off_by, 1)))

    assert covered.count() >= 12
    assert misplaced == []


def test_the_outline_check_tells_skopje_from_belgrade() -> None:
    assert contains("MK", latitude=41.9981, longitude=21.4254)
    assert not contains("RS", latitude=41.9981, longitude=21.4254)
    assert contains("XK", latitude=42.6629, longitude=21.1655)
    assert not contains("RS", latitude=42.6629, longitude=21.1655)
