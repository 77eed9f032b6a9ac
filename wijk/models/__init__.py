from .access import AccessAction, AccessLogEntry
from .consent import AppendOnlyError, ConsentRecord, ConsentText, ConsentWithdrawal
from .organisations import Neighbourhood, Organisation, Role, Theme
from .residents import Resident
from .users import User

__all__ = [
    "AccessAction",
    "AccessLogEntry",
    "AppendOnlyError",
    "ConsentRecord",
    "ConsentText",
    "ConsentWithdrawal",
    "Neighbourhood",
    "Organisation",
    "Resident",
    "Role",
    "Theme",
    "User",
]
