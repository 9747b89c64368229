"""Install the search index's triggers (and FTS5 table or tsvector column) for this database's vendor,
and fill the index from the rows already stored. See corridor/search/triggers.py."""

from django.db import migrations

from corridor.search.triggers import install_sql, remove_sql


def install(apps, schema_editor):  # type: ignore[no-untyped-def]
    for statement in install_sql(schema_editor.connection.vendor):
        schema_editor.execute(statement, params=None)


def remove(apps, schema_editor):  # type: ignore[no-untyped-def]
    for statement in remove_sql(schema_editor.connection.vendor):
        schema_editor.execute(statement, params=None)


class Migration(migrations.Migration):

    dependencies = [
        ("search", "0001_initial"),
        ("actors", "0002_initial"),
        ("geo", "0001_initial"),
        ("knowledge", "0001_initial"),
        ("monitoring", "0001_initial"),
        ("operations", "0001_initial"),
        ("timeline", "0001_initial"),
    ]

    operations = [migrations.RunPython(install, remove)]
