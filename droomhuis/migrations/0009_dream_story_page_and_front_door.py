"""A realised dream's story gets its own public address (a new uid per dream, never the follow code), and staff
can feature it on the neighbourhood's front door. Existing dreams each get their own uid before it is unique."""

import uuid

from django.db import migrations, models


def give_each_dream_a_story_uid(apps, schema_editor):
    Dream = apps.get_model("droomhuis", "Dream")
    for pk in Dream.objects.values_list("pk", flat=True):
        Dream.objects.filter(pk=pk).update(story_uid=uuid.uuid4())


class Migration(migrations.Migration):
    dependencies = [
        ("droomhuis", "0008_match_dream_partner_or_pearl"),
    ]

    operations = [
        migrations.AddField(
            model_name="dream",
            name="on_front_door",
            field=models.BooleanField(
                default=False,
                help_text="Alleen zolang de droom op de dromenmuur staat en de bewoner toestemming geeft.",
                verbose_name="uitgelicht op de pagina van de wijk",
            ),
        ),
        migrations.AddField(
            model_name="dream",
            name="story_uid",
            field=models.UUIDField(null=True, editable=False, verbose_name="kenmerk van het verhaal"),
        ),
        migrations.RunPython(give_each_dream_a_story_uid, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="dream",
            name="story_uid",
            field=models.UUIDField(
                default=uuid.uuid4, editable=False, unique=True, verbose_name="kenmerk van het verhaal"
            ),
        ),
    ]
