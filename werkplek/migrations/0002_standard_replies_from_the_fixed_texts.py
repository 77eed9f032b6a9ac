"""Every corporation starts with the texts that were fixed until now, so its moderators can change them."""

from django.db import migrations

# The texts of werkplek.canned when this migration was written (Dutch, as staff edit them).
TEXTS = {
    "reject": [
        ("Iets persoonlijks", "Er staat iets persoonlijks in, zoals een naam, een adres of een herkenbaar gezicht. "
         "Dat zetten wij niet op de kaart."),
        ("Buiten de wijk", "De plek ligt buiten de wijk. Daarom zetten wij deze parel niet op de kaart."),
        ("Staat er al", "Deze plek staat al op de kaart. Wij zetten hem er niet twee keer op."),
        ("Reclame", "Dit is reclame voor een bedrijf. Dat past niet op de parelkaart."),
        ("Niet vriendelijk", "De tekst is niet vriendelijk voor anderen. Dat past niet op de parelkaart."),
    ],
    "return": [
        ("Waar is het?", "Waar is de plek precies? Noem een straat of iets in de buurt."),
        ("Over de foto", "Er staan herkenbare mensen op de foto. Mag de foto eruit, of heeft u een andere?"),
        ("Vertel meer", "Wat maakt deze plek fijn voor u? Vertel er iets meer over."),
    ],
    "decline": [
        ("Andere dag", "Op die dag is er al iets anders in de wijk. Kiest u een andere dag? Dan kijken wij opnieuw."),
        ("Andere plek", "De plek is niet geschikt of niet vrij. Wilt u samen met ons een andere plek zoeken?"),
        ("Niet gratis", "Er moet voor betaald worden. Activiteiten in het programma zijn gratis."),
        ("Reclame", "Dit is reclame voor een bedrijf. Dat past niet in het programma."),
    ],
    "answer": [
        ("Opgelost", "Dank u wel voor uw melding. Het klopte, en het is nu opgelost."),
        ("Niets mis", "Dank u wel voor uw melding. Wij hebben gekeken. Er is niets mis, dus de parel blijft staan."),
        ("Van de kaart", "Dank u wel voor uw melding. Het klopte. De parel staat niet meer op de kaart."),
    ],
}  # fmt: skip


def seed(apps, schema_editor):
    Organisation = apps.get_model("wijk", "Organisation")
    StandardReply = apps.get_model("werkplek", "StandardReply")
    for corporation in Organisation.objects.filter(kind="corporation"):
        if StandardReply.objects.filter(organisation=corporation).exists():
            continue
        StandardReply.objects.bulk_create(
            StandardReply(organisation=corporation, kind=kind, label=label, text=text, position=position)
            for kind, rows in TEXTS.items()
            for position, (label, text) in enumerate(rows)
        )


class Migration(migrations.Migration):
    dependencies = [("werkplek", "0001_standard_replies_per_corporation")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
