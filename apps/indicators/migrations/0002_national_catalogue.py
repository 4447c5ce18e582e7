from django.db import migrations


def seed(apps, schema_editor):  # type: ignore[no-untyped-def]
    from apps.indicators.catalogue.national import seed as seed_catalogue

    seed_catalogue(
        apps.get_model("indicators", "Indicator"),
        apps.get_model("indicators", "ReportForm"),
        apps.get_model("indicators", "FormIndicator"),
    )


class Migration(migrations.Migration):
    dependencies = [("indicators", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
