"""Standard replies a moderator can pick and then change before sending: the short reasons that come back often.

Written for the person who shared the pearl: kind, short, in plain words ("u").
"""

from django.utils.translation import gettext_lazy as _

REJECT = {
    "persoonlijk": _(
        "Er staat iets persoonlijks in, zoals een naam, een adres of een herkenbaar gezicht. "
        "Dat zetten wij niet op de kaart."
    ),
    "buiten-de-wijk": _("De plek ligt buiten de wijk. Daarom zetten wij deze parel niet op de kaart."),
    "staat-er-al": _("Deze plek staat al op de kaart. Wij zetten hem er niet twee keer op."),
    "reclame": _("Dit is reclame voor een bedrijf. Dat past niet op de parelkaart."),
    "onvriendelijk": _("De tekst is niet vriendelijk voor anderen. Dat past niet op de parelkaart."),
}
RETURN = {
    "waar": _("Waar is de plek precies? Noem een straat of iets in de buurt."),
    "foto": _("Er staan herkenbare mensen op de foto. Mag de foto eruit, of heeft u een andere?"),
    "meer-vertellen": _("Wat maakt deze plek fijn voor u? Vertel er iets meer over."),
}
REJECT_LABELS = {
    "persoonlijk": _("Iets persoonlijks"),
    "buiten-de-wijk": _("Buiten de wijk"),
    "staat-er-al": _("Staat er al"),
    "reclame": _("Reclame"),
    "onvriendelijk": _("Niet vriendelijk"),
}
RETURN_LABELS = {
    "waar": _("Waar is het?"),
    "foto": _("Over de foto"),
    "meer-vertellen": _("Vertel meer"),
}
DECLINE = {
    "datum": _("Op die dag is er al iets anders in de wijk. Kiest u een andere dag? Dan kijken wij opnieuw."),
    "plek": _("De plek is niet geschikt of niet vrij. Wilt u samen met ons een andere plek zoeken?"),
    "geld": _("Er moet voor betaald worden. Activiteiten in het programma zijn gratis."),
    "reclame": _("Dit is reclame voor een bedrijf. Dat past niet in het programma."),
}
DECLINE_LABELS = {
    "datum": _("Andere dag"),
    "plek": _("Andere plek"),
    "geld": _("Niet gratis"),
    "reclame": _("Reclame"),
}
ANSWER = {
    "opgelost": _("Dank u wel voor uw melding. Het klopte, en het is nu opgelost."),
    "niets-mis": _("Dank u wel voor uw melding. Wij hebben gekeken. Er is niets mis, dus de parel blijft staan."),
    "van-de-kaart": _("Dank u wel voor uw melding. Het klopte. De parel staat niet meer op de kaart."),
}
ANSWER_LABELS = {
    "opgelost": _("Opgelost"),
    "niets-mis": _("Niets mis"),
    "van-de-kaart": _("Van de kaart"),
}
