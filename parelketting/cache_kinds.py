"""Which cached pages and lists a change to each of the Parelketting's models reaches (``wijk.public_cache``)."""

from wijk.public_cache import EVIDENCE, PEARLS, PROGRAMME, ROUTES, shows

MODELS = {
    # A pearl is on the map, in routes and (as a place) on the programme; the atelier counts them.
    "Pearl": shows(PEARLS, ROUTES, PROGRAMME, EVIDENCE),
    "Route": shows(ROUTES, PEARLS),
    "RouteStop": shows(ROUTES, PEARLS),
    "Activity": shows(PROGRAMME, PEARLS, EVIDENCE),
    "ActivityPhoto": shows(PROGRAMME),
    # Sign-ups change the places left; the reminder stamp shows nowhere.
    "SignUp": shows(PROGRAMME, EVIDENCE, ignore_fields={"reminded_at"}),
    # Reports, messages to a submitter and route suggestions are for staff only.
    "PearlReport": shows(),
    "PearlMessage": shows(),
    "RouteSuggestion": shows(),
}
