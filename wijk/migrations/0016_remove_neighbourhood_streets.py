"""The old JSON list of street names goes; ``neighbourhood.streets`` now means the Street rows."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("wijk", "0015_streets_from_json"),
    ]

    operations = [
        migrations.RemoveField(
            model_name="neighbourhood",
            name="streets",
        ),
        migrations.AlterField(
            model_name="street",
            name="neighbourhood",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="streets",
                to="wijk.neighbourhood",
                verbose_name="wijk",
            ),
        ),
    ]
