"""Loads the 34 province-level and 3,321 commune-level units.

Frozen on purpose: the rows (already normalised, with their search keys) are the ones
vietnam-provinces 2025.10.1 gave when this migration was written, stored beside it, so
that a later change to the package or to apps.geo.loader cannot change what a fresh
database gets. `manage.py load_units` applies later releases of the unit list."""

import csv
import gzip
import io
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent / "data" / "units-vietnam-provinces-2025.10.1.csv.gz"


def load(apps, schema_editor):
    Unit = apps.get_model("geo", "AdministrativeUnit")
    existing = set(Unit.objects.values_list("code", flat=True))
    with gzip.open(DATA, "rb") as handle:
        rows = list(csv.DictReader(io.TextIOWrapper(handle, encoding="utf-8")))
    provinces = {}
    for row in rows:
        if row["level"] != "province":
            continue
        if row["code"] in existing:
            provinces[row["code"]] = Unit.objects.get(code=row["code"])
            continue
        provinces[row["code"]] = Unit.objects.create(
            code=row["code"], path=f"{row['code']}/", parent=None,
            name=row["name"], short_name=row["short_name"], division_type=row["division_type"],
            level="province", name_key=row["name_key"], short_key=row["short_key"],
        )
    communes = []
    for row in rows:
        if row["level"] != "commune" or row["code"] in existing:
            continue
        parent = provinces[row["parent"]]
        communes.append(Unit(
            code=row["code"], path=f"{parent.path}{row['code']}/", parent=parent,
            name=row["name"], short_name=row["short_name"], division_type=row["division_type"],
            level="commune", name_key=row["name_key"], short_key=row["short_key"],
        ))
    Unit.objects.bulk_create(communes, batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("geo", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
