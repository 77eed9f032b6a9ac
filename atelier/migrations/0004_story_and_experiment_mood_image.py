# The atelier story's image becomes a mood image like every other (wijk.mood: alt text, credit, size, copies for
# srcset); an experiment may carry its own mood image. The story's image and alt text keep their data (renamed).

import wijk.mood
from django.db import migrations, models


def story_image_sizes(apps, schema_editor):
    """Width and height of the images stories already have, read from the file's header (for width/height)."""
    from PIL import Image, UnidentifiedImageError

    Story = apps.get_model("atelier", "Story")
    for story in Story.objects.exclude(mood_image="").filter(mood_image_width__isnull=True):
        try:
            with story.mood_image.storage.open(story.mood_image.name, "rb") as source:
                width, height = Image.open(source).size
        except (OSError, UnidentifiedImageError):
            continue
        Story.objects.filter(pk=story.pk).update(mood_image_width=width, mood_image_height=height)


def mood_fields(model_name):
    return [
        migrations.AddField(
            model_name=model_name,
            name="mood_image_credit",
            field=models.CharField(blank=True, help_text="Dit staat onder het beeld. Bijvoorbeeld: Foto: Ans de Vries.", max_length=150, verbose_name="maker van het sfeerbeeld"),
        ),
        migrations.AddField(
            model_name=model_name,
            name="mood_image_height",
            field=models.PositiveIntegerField(blank=True, editable=False, null=True, verbose_name="hoogte in beeldpunten"),
        ),
        migrations.AddField(
            model_name=model_name,
            name="mood_image_width",
            field=models.PositiveIntegerField(blank=True, editable=False, null=True, verbose_name="breedte in beeldpunten"),
        ),
    ]


IMAGE = models.ImageField(blank=True, upload_to=wijk.mood.mood_image_path, verbose_name="sfeerbeeld")
ALT = models.CharField(blank=True, help_text="Voor wie het beeld niet ziet. Bijvoorbeeld: Tekening van een rij huizen met een ketting.", max_length=200, verbose_name="wat staat op het sfeerbeeld")


def has_alt(model_name):
    return migrations.AddConstraint(
        model_name=model_name,
        constraint=models.CheckConstraint(condition=models.Q(("mood_image", ""), models.Q(("mood_image_alt", ""), _negated=True), _connector="OR"), name=f"atelier_{model_name}_mood_image_has_alt"),
    )


class Migration(migrations.Migration):

    dependencies = [
        ("atelier", "0003_dutch_field_names"),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="story", name="atelier_story_image_has_alt"),
        migrations.RenameField(model_name="story", old_name="image", new_name="mood_image"),
        migrations.RenameField(model_name="story", old_name="image_alt", new_name="mood_image_alt"),
        migrations.AlterField(model_name="story", name="mood_image", field=IMAGE),
        migrations.AlterField(model_name="story", name="mood_image_alt", field=ALT),
        *mood_fields("story"),
        has_alt("story"),
        migrations.AddField(model_name="experiment", name="mood_image", field=IMAGE),
        migrations.AddField(model_name="experiment", name="mood_image_alt", field=ALT),
        *mood_fields("experiment"),
        has_alt("experiment"),
        migrations.RunPython(story_image_sizes, migrations.RunPython.noop),
    ]
