from .access import AccessAction, AccessLogEntry
from .callbacks import CallbackRequest, CallbackStatus, DayPart
from .consent import AppendOnlyError, ConsentRecord, ConsentText, ConsentWithdrawal
from .erasure import ErasureRecord, ErasureScope
from .letters import Letter, LetterRun, LetterStatus
from .notices import NoticeKind, NoticePreference, NoticeWay, StaffNotice
from .organisations import Neighbourhood, Organisation, Role, Street, Theme, WalkInPlace
from .residents import Resident
from .users import TwoStepKey, User

__all__ = [
    "AccessAction",
    "AccessLogEntry",
    "AppendOnlyError",
    "CallbackRequest",
    "CallbackStatus",
    "ConsentRecord",
    "ConsentText",
    "ConsentWithdrawal",
    "DayPart",
    "ErasureRecord",
    "ErasureScope",
    "Letter",
    "LetterRun",
    "LetterStatus",
    "Neighbourhood",
    "NoticeKind",
    "NoticePreference",
    "NoticeWay",
    "Organisation",
    "Resident",
    "Role",
    "StaffNotice",
    "Street",
    "Theme",
    "TwoStepKey",
    "User",
    "WalkInPlace",
]
