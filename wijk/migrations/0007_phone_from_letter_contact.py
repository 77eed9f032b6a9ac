"""The free contact line on letters becomes structured details: a phone number found in it is kept."""

import re

from django.db import migrations

# A Dutch phone number as people write it: 0186 123 456, 0546-000000, +31 546 000 000.
PHONE = re.compile(r"(?:\+31|0)[\d\s-]{8,14}\d")


def phone_from_letter_contact(apps, schema_editor):
    Organisation = apps.get_model("wijk", "Organisation")
    for organisation in Organisation.objects.exclude(letter_contact="").filter(phone=""):
        found = PHONE.search(organisation.letter_contact)
        if found:
            organisation.phone = found.group(0).strip()
            organisation.save(update_fields=["phone"])


class Migration(migrations.Migration):
    dependencies = [
        ("wijk", "0006_organisation_contact_details"),
    ]

    operations = [
        migrations.RunPython(phone_from_letter_contact, migrations.RunPython.noop),
    ]
