"""What "download my data" (``wijk.export``) does with the Parelketting's records under a resident's records.

Found by ``wijk.export`` through the app registry. Every model that points to a resident is exported by itself;
these are the decisions for the records under those (a test fails for a link without one).
"""

# Records under a resident's own records that are about the resident too: "app.Model": [related names].
CHILDREN = {
    "parelketting.Pearl": ["messages"],
}

# Models that point to a resident's records but hold nothing about the resident, and why.
NOT_ABOUT_THE_RESIDENT = {
    "parelketting.Pearl.meeting_place": "another person's pearl that uses this place as a meeting place",
    "parelketting.PearlReport.pearl": "a report by someone else about the pearl; it names the reporter, not the resident",
    "parelketting.Activity.place": "an activity held at this place",
    "parelketting.Activity.talent_pearls": "an activity where this talent is offered; the activity itself is public",
    "parelketting.ActivityPhoto.activity": "photos of an activity the resident organised, shown publicly already",
    "parelketting.SignUp.activity": "other people's sign-ups for an activity the resident organised",
    "parelketting.RouteStop.pearl": "a stop of a public route",
    "parelketting.RouteSuggestion.pearl": "a suggestion to put the pearl in a route",
}
