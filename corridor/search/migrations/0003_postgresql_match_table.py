"""PostgreSQL: move the tsvector from the entries to the narrow match table `search_match` (see
corridor/search/index_postgresql.py), by removing the index machinery and installing it again, which
fills it from the indexed tables. SQLite's index is unchanged, so nothing runs there.

On a database created after this change, 0002 installs the match table already and this reinstalls it
(an empty index on a fresh database: nothing to fill). Reversing leaves the match table: 0002's own
reverse removes it."""

from django.db import migrations

from corridor.search.triggers import install_sql, remove_sql


def reinstall(apps, schema_editor):  # type: ignore[no-untyped-def]
    vendor = schema_editor.connection.vendor
    if vendor != "postgresql":
        return
    for statement in remove_sql(vendor) + install_sql(vendor):
        schema_editor.execute(statement, params=None)


class Migration(migrations.Migration):

    dependencies = [("search", "0002_index_triggers")]

    operations = [migrations.RunPython(reinstall, migrations.RunPython.noop)]
