"""Every ISO 3166 country and Kosovo, with its UN M49 regions (decision 0014)."""

from typing import Any

from django.db import migrations


def add_every_country(apps: Any, schema_editor: Any) -> None:
    from corridor.geo.services import sync_iso_countries

    sync_iso_countries(apps.get_model("geo", "Country"))


class Migration(migrations.Migration):
    dependencies = [("geo", "0002_country_m49_regions")]

    operations = [migrations.RunPython(add_every_country, migrations.RunPython.noop)]
