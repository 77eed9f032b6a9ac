from django.db import migrations

KNOWN = {"zuidwijk": "parelketting", "hagedoorn": "droomhuis"}


def set_experiments(apps, schema_editor):
    Neighbourhood = apps.get_model("wijk", "Neighbourhood")
    for slug, experiment in KNOWN.items():
        Neighbourhood.objects.filter(slug=slug, experiment="").update(experiment=experiment)


class Migration(migrations.Migration):
    dependencies = [("wijk", "0011_neighbourhood_experiment")]

    operations = [migrations.RunPython(set_experiments, migrations.RunPython.noop)]
