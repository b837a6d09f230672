from django.db import migrations

from maillage.partnerships.reference_data import load_practical_sheets


def load(apps, schema_editor):
    load_practical_sheets(apps)


class Migration(migrations.Migration):
    dependencies = [("partnerships", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
