# A notice's own random id for the Werkplek's links ("gelezen", "openen"), instead of its number. Existing notices
# each get their own: the field is added empty, filled one by one, then made unique.
import uuid

from django.db import migrations, models


def give_each_a_uid(apps, schema_editor):
    StaffNotice = apps.get_model("wijk", "StaffNotice")
    for notice in StaffNotice.objects.filter(uid__isnull=True).only("pk").iterator():
        StaffNotice.objects.filter(pk=notice.pk).update(uid=uuid.uuid4())


class Migration(migrations.Migration):
    dependencies = [
        ("wijk", "0024_two_step_key_in_dutch"),
    ]

    operations = [
        migrations.AddField(
            model_name="staffnotice",
            name="uid",
            field=models.UUIDField(editable=False, null=True),
        ),
        migrations.RunPython(give_each_a_uid, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="staffnotice",
            name="uid",
            field=models.UUIDField(default=uuid.uuid4, editable=False, unique=True),
        ),
    ]
