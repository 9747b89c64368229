"""Files rendered before reports stopped printing the requesting user's name are dropped; each is rendered
again from its run's stored data the next time it is asked for (`ensure_output`)."""

from django.db import migrations


def drop_rendered_files(apps, schema_editor):  # type: ignore[no-untyped-def]
    apps.get_model("reports", "ReportOutput").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("reports", "0001_initial")]

    operations = [migrations.RunPython(drop_rendered_files, migrations.RunPython.noop)]
