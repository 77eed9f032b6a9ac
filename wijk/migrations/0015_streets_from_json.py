"""Every street name in a neighbourhood's old JSON list becomes a Street row (without a point yet)."""

from django.db import migrations


def streets_from_json(apps, schema_editor):
    Neighbourhood = apps.get_model("wijk", "Neighbourhood")
    Street = apps.get_model("wijk", "Street")
    for hood in Neighbourhood.objects.all():
        seen = set(Street.objects.filter(neighbourhood=hood).values_list("name", flat=True))
        for name in hood.streets or []:
            name = str(name).strip()[:120]
            if name and name not in seen:
                Street.objects.create(neighbourhood=hood, name=name)
                seen.add(name)


def streets_to_json(apps, schema_editor):
    Neighbourhood = apps.get_model("wijk", "Neighbourhood")
    Street = apps.get_model("wijk", "Street")
    for hood in Neighbourhood.objects.all():
        hood.streets = list(Street.objects.filter(neighbourhood=hood).order_by("name").values_list("name", flat=True))
        hood.save(update_fields=["streets"])


class Migration(migrations.Migration):
    dependencies = [
        ("wijk", "0014_street_model"),
    ]

    operations = [
        migrations.RunPython(streets_from_json, streets_to_json),
    ]
