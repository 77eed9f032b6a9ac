"""Case deadlines in working days. The working-day arithmetic itself is shared: ``lib.workdays``."""

from datetime import date

from lib.workdays import add_working_days, is_working_day

from . import conf

__all__ = ["add_working_days", "first_contact_due", "is_working_day"]


def first_contact_due(received: date) -> date:
    """The last day for a first contact with the resident about a dream received on ``received``."""
    return add_working_days(received, conf.first_contact_working_days())
