"""What "download my data" (``wijk.export``) does with the Droomhuis's records under a resident's records.

Found by ``wijk.export`` through the app registry. Every model that points to a resident is exported by itself;
these are the decisions for the records under those (a test fails for a link without one).
"""

# Records under a resident's own records that are about the resident too: "app.Model": [related names].
CHILDREN = {
    "droomhuis.Dream": ["events", "contact_attempts", "notes", "updates", "signals", "pairings", "matches"],
    "droomhuis.Referral": ["events"],
}

# Models that point to a resident's records but hold nothing about the resident, and why.
NOT_ABOUT_THE_RESIDENT = {
    "droomhuis.Referral.consents": "the consents behind a referral; listed with the consents",
    "droomhuis.Referral.dream": "a referral points to the resident itself and has its own section",
    "droomhuis.Pairing.consent": "the pairing is listed with the dream; this is the consent it rests on",
    "droomhuis.Match.pearl": "a match of someone else's dream with this pearl; it is about that dream, listed there",
    "droomhuis.Match.referral": "the referral a match went through; listed with the match and the referral",
}
