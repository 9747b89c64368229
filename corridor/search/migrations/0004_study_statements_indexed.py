"""Index what the study says of organisations and field operations: organisations' notes and establishment,
field operations' engagement, the annex interviews, focal points, working groups and mandates (summary,
breadth in the study's words, note), and every indexed record's editorial note. Removes the index machinery and installs it again, on both
databases, which fills the index from the indexed tables."""

from django.db import migrations

from corridor.search.triggers import install_sql, remove_sql


def reinstall(apps, schema_editor):  # type: ignore[no-untyped-def]
    vendor = schema_editor.connection.vendor
    for statement in remove_sql(vendor) + install_sql(vendor):
        schema_editor.execute(statement, params=None)


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0003_postgresql_match_table"),
        ("actors", "0003_date_precision_keeps_range_ends"),
        ("knowledge", "0002_date_precision_keeps_range_ends_and_undated_documents_last"),
    ]

    operations = [migrations.RunPython(reinstall, migrations.RunPython.noop)]
