"""Data: the demo walk's description counted its stops by hand ("langs zes fijne plekken"); the page counts
the visible stops itself, so the count goes out of the text."""

from django.db import migrations

OLD = "langs zes fijne plekken."
NEW = "langs fijne plekken in de wijk."


def forwards(apps, schema_editor):
    Route = apps.get_model("parelketting", "Route")
    for route in Route.objects.filter(description__contains=OLD):
        route.description = route.description.replace(OLD, NEW)
        route.save(update_fields=["description"])


class Migration(migrations.Migration):
    dependencies = [("parelketting", "0003_pearl_report_reasons_and_queue")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
