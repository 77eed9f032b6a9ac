"""Which cached pages and lists a change to each of the Droomhuis's models reaches (``wijk.public_cache``).

Only the dream wall and the atelier's figures are public; the case work of brokers clears nothing.
"""

from wijk.public_cache import DREAM_WALL, EVIDENCE, STAFF_LISTS, shows

# What the dream wall and the atelier's figures read of a dream; the broker's fields (owner, next action,
# the lock counter ``version``, contact dates) show nowhere public.
PUBLIC_DREAM_FIELDS = {
    "text", "photo", "photo_description", "themes", "neighbourhood", "status", "created_at", "closed_at",
    "outcome", "story", "wall_status", "anonymised_at", "on_front_door",
}  # fmt: skip

MODELS = {
    # A new dream is never on the wall yet (only a realised, approved one is): it only changes the figures.
    "Dream": shows(DREAM_WALL, EVIDENCE, only_fields=PUBLIC_DREAM_FIELDS, on_create=[EVIDENCE]),
    "ConfidentialityStatement": shows(STAFF_LISTS),
    "DreamEvent": shows(),
    "ContactAttempt": shows(),
    "Note": shows(),
    "ResidentUpdate": shows(),
    "Signal": shows(),
    "Referral": shows(),
    "ReferralEvent": shows(),
    "Pairing": shows(),
    "ExpertNote": shows(),
    # Closed matches and their outcome count in the atelier's figures.
    "Match": shows(EVIDENCE),
}
