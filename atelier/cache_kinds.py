"""Which cached pages and lists a change to each of the atelier's models reaches (``wijk.public_cache``).

Every atelier record can be on its public pages, and the atelier menu item (a staff list) follows them.
"""

from wijk.public_cache import ATELIER, STAFF_LISTS, shows

_RECORD = shows(ATELIER, STAFF_LISTS)

MODELS = {
    name: _RECORD
    for name in (
        "Challenge", "Team", "TeamMember", "Workshop", "Guest", "Experiment", "Canvas", "CanvasItem",
        "WhyHowWhat", "Story", "Insight",
    )
}  # fmt: skip
