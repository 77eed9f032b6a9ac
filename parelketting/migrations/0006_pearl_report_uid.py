# A report is addressed by a random uid, never by a counting number (no guessing the next one).

import uuid

from django.db import migrations, models


def fill_uids(apps, schema_editor):
    PearlReport = apps.get_model("parelketting", "PearlReport")
    for report in PearlReport.objects.filter(uid__isnull=True).only("pk"):
        report.uid = uuid.uuid4()
        report.save(update_fields=["uid"])


class Migration(migrations.Migration):
    dependencies = [
        ("parelketting", "0005_pearl_report_reply_phone"),
    ]

    operations = [
        migrations.AddField(
            model_name="pearlreport",
            name="uid",
            field=models.UUIDField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name="historicalpearlreport",
            name="uid",
            field=models.UUIDField(db_index=True, default=uuid.uuid4, editable=False),
        ),
        migrations.RunPython(fill_uids, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="pearlreport",
            name="uid",
            field=models.UUIDField(default=uuid.uuid4, editable=False, unique=True),
        ),
    ]
