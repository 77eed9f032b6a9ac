"""Which cached pages and lists a change to each of wijk's models reaches (see ``wijk.public_cache``)."""

from .public_cache import ALL_KINDS, DREAM_WALL, PEARLS, STAFF_LISTS, shows

MODELS = {
    # Names, contact details, walk-in places and themes frame every page and list.
    "Organisation": shows(*ALL_KINDS),
    "WalkInPlace": shows(*ALL_KINDS),
    "Neighbourhood": shows(*ALL_KINDS),
    "Theme": shows(*ALL_KINDS),
    # Streets are choices (and map points) on the pearl forms, online and on paper.
    "Street": shows(PEARLS),
    # Staff lists show accounts and their roles; a login (last_login) or a new password shows nowhere.
    "User": shows(STAFF_LISTS, ignore_fields={"last_login", "password"}),
    "Role": shows(STAFF_LISTS),
    "ConsentText": shows(STAFF_LISTS),
    # A person's pearl and a dream on the wall are shown only while the resident consents.
    "ConsentRecord": shows(PEARLS, DREAM_WALL),
    "ConsentWithdrawal": shows(PEARLS, DREAM_WALL),
    # Residents' own records, letters and the logs are never on a shared page.
    "Resident": shows(),
    "Letter": shows(),
    "LetterRun": shows(),
    "AccessLogEntry": shows(),
    "ErasureRecord": shows(),
    # Call tasks are seen only by the staff who call back.
    "CallbackRequest": shows(),
    # A staff member's own notices and how they want to hear them: only on their own Werkplek pages.
    "StaffNotice": shows(),
    "NoticePreference": shows(),
    # A staff member's two-step login key: only on the admin's own page.
    "TwoStepKey": shows(),
}
