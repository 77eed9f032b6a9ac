"""Views of the Parelketting, split by feature."""

from .geojson import pearl_geojson
from .public import pearl_detail, pearl_list, pearl_map, pearl_photo, pearl_story
from .resident import my_consent_withdraw, my_pearls, pearl_join, pearl_report_view
from .submit import pearl_answer, pearl_new, pearl_new_on_behalf

__all__ = [
    "my_consent_withdraw",
    "my_pearls",
    "pearl_answer",
    "pearl_detail",
    "pearl_story",
    "pearl_geojson",
    "pearl_join",
    "pearl_list",
    "pearl_map",
    "pearl_new",
    "pearl_new_on_behalf",
    "pearl_photo",
    "pearl_report_view",
]
